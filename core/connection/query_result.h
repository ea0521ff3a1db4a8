#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <vector>

typedef struct pg_result PGresult;

namespace mizzle {

struct ResultColumn
{
    QString name;
    unsigned int typeOid = 0;
    // PQfmod: the type modifier (varchar length, numeric precision and scale, ...), or -1.
    int typeModifier = -1;
};

// Rows exactly as the server sent them, in its text form. Cells live in one byte arena, each
// with a 32-bit end offset (relative to a segment base that moves on every 4 GiB), so a large
// result costs its text bytes plus about 4 bytes a cell, and no QVariant is kept per cell. NULL
// is a flag of its own, distinct from the empty string.
class QueryResult
{
public:
    QueryResult() = default;
    // Copies the columns and rows of a libpq result; the PGresult stays owned by the caller.
    explicit QueryResult(const PGresult *result);

    const QList<ResultColumn> &columns() const { return m_columns; }
    int columnCount() const { return int(m_columns.size()); }
    qsizetype rowCount() const;
    QString commandTag() const { return m_commandTag; }
    // A libpq result's command tag ("SELECT 3") and the rows it affected (-1 when none).
    static std::pair<QString, qint64> commandTagOf(const PGresult *result);
    // For a statement Mizzle answered in its own way (a read-only profile's COMMIT).
    void setCommandTag(const QString &tag) { m_commandTag = tag; }
    qint64 rowsAffected() const { return m_rowsAffected; }

    bool isNull(qsizetype row, int column) const;
    QByteArrayView bytes(qsizetype row, int column) const;
    QString text(qsizetype row, int column) const; // empty for NULL: check isNull first

    // Appends the rows of another result with the same columns (a page, or a streamed chunk).
    void appendRows(const PGresult *result);
    void appendRows(const QueryResult &other);
    // Appends one row of another result with the same columns (a selection, a reversed page).
    void appendRow(const QueryResult &other, qsizetype row);
    // The same columns and command tag, without rows: where appendRow starts.
    QueryResult emptyCopy() const;
    // Keeps the first rows only: a row cap reached in the middle of a chunk.
    void truncate(qsizetype rows);
    qsizetype textBytes() const { return m_arena.size(); }
    // What the rows occupy in memory, allocated capacity included.
    qsizetype storageBytes() const;
    // Gives back the spare capacity that growing left; for a result that is complete.
    void squeeze();

private:
    struct Segment
    {
        size_t firstCell = 0;
        qint64 base = 0; // arena offset that the segment's cell ends count from
    };

    qsizetype cellIndex(qsizetype row, int column) const { return row * m_columns.size() + column; }
    void pushCell(qint64 begin, qint64 end);
    std::pair<qint64, qint64> cellRange(size_t cell) const;

    QList<ResultColumn> m_columns;
    QString m_commandTag;
    qint64 m_rowsAffected = -1;
    QByteArray m_arena;
    qsizetype m_rowCount = 0;
    std::vector<quint32> m_cellEnds; // end of each cell relative to its segment, row-major
    std::vector<Segment> m_segments{Segment{}};
    std::vector<bool> m_nulls; // one bit per cell
};

} // namespace mizzle
