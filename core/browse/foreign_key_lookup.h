#pragma once

#include "base/error.h"
#include "catalog/catalog_types.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace mizzle {

class ConnectionPool;
class PgConnection;

// One row a foreign key may point at.
struct ForeignKeyCandidate
{
    QStringList keys; // the referenced columns' values, in key order, in their text form
    QString label;    // the row's first text columns joined by " · ", or empty
};

// Searches the table a foreign key references, for a picker in a referencing cell: the rows
// whose key (in the column being edited) starts with what was typed, or whose first text
// column contains it, ordered by that key column, at most kLimit of them. With a composite key,
// the key's other columns narrow the search to the values the edited row holds in them.
//
// What the typed text means to ILIKE (%, _ and \) is escaped: it is matched as it is. The
// label's columns are read from the catalog once, on the first search.
class ForeignKeyLookup : public QObject
{
    Q_OBJECT
public:
    static constexpr int kLimit = 50;

    // position: which of key.columns the picker edits.
    ForeignKeyLookup(ConnectionPool *pool, ForeignKey key, int position, QObject *parent = nullptr);
    ~ForeignKeyLookup() override;

    // The values the edited row holds in the key's columns, by position in key.columns; the one
    // at `position` is ignored, and std::nullopt (NULL, or a value not known yet) narrows
    // nothing.
    void setRowValues(const QList<std::optional<QString>> &values) { m_rowValues = values; }

    // Starts a search. A later one supersedes it: the earlier statement is cancelled, and an
    // answer of it that still arrives is dropped, so the newest search always has the last word.
    void search(const QString &typed);
    bool isSearching() const { return m_context != nullptr; }
    quint64 generation() const { return m_generation; }
    const ForeignKey &key() const { return m_key; }
    int position() const { return m_position; }
    // The referenced table's text columns that make up a candidate's label; empty until the
    // first search has read them.
    const QStringList &labelColumns() const { return m_labelColumns; }

signals:
    void found(const QString &typed, const QList<mizzle::ForeignKeyCandidate> &candidates);
    void failed(const mizzle::Error &error);

private:
    void readLabelColumns(const std::shared_ptr<PgConnection> &lease, quint64 generation,
                          const QString &typed);
    void runSearch(const std::shared_ptr<PgConnection> &lease, quint64 generation,
                   const QString &typed);
    void fail(quint64 generation, const Error &error);

    ConnectionPool *m_pool;
    ForeignKey m_key;
    int m_position;
    QList<std::optional<QString>> m_rowValues;
    QStringList m_labelColumns;
    bool m_labelColumnsRead = false;
    quint64 m_generation = 0;
    std::unique_ptr<QObject> m_context; // the running search's; destroying it cancels it
};

} // namespace mizzle
