#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace mizzle {

class QueryResult;

enum class ResultFormat { Tsv, Csv, Json, SqlInsert };

// Writes rows of a QueryResult as text, in UTF-8, from the server's own text of each value, so
// nothing is rounded or reformatted on the way:
//   Tsv        tab-separated, one line a row, no header; a value holding a tab, line break or
//              double quote is double-quoted with "" doubling (as spreadsheets paste it). NULL
//              is an empty field, the empty string "".
//   Csv        RFC 4180: a header line of column names, then a CRLF-ended record a row;
//              fields holding a comma, quote or line break are quoted. NULL is an empty field,
//              the empty string "" (as PostgreSQL's COPY ... CSV tells them apart).
//   Json       an array of objects keyed by column name. Integer, numeric and float columns are
//              numbers written as the server's exact text (NaN and Infinity become strings),
//              json and jsonb are embedded as they are, boolean is true/false, NULL is null,
//              anything else a string.
//   SqlInsert  one INSERT INTO table (columns) VALUES (...); a row. Numbers unquoted, NULL,
//              everything else an untyped '' literal with ' doubled (sqlString,
//              standard_conforming_strings on) that the column's type reads. A float's -0 is
//              quoted too: as a numeric constant it would lose its sign. Not sqlLiteral: a
//              result column has only a type OID, and the INSERT's target column types the
//              literal anyway.
// Output can go in slices: writeHeader once, writeRows for consecutive ranges, writeFooter once.
class ResultFormatter
{
public:
    // columns: the result's column numbers to write, in order; empty means all of them.
    ResultFormatter(const QueryResult &result, ResultFormat format, QList<int> columns = {});

    // The table INSERT statements name; each part is quoted as an identifier (sqlIdentifier). An
    // empty schema leaves the name unqualified.
    void setTable(const QString &schema, const QString &name);

    // CSV's header line, JSON's opening bracket; nothing for the other formats.
    bool writeHeader(QIODevice &out);
    // Rows [first, last) of the result. False when the device refused a write.
    bool writeRows(QIODevice &out, qsizetype first, qsizetype last);
    // JSON's closing bracket; nothing for the other formats.
    bool writeFooter(QIODevice &out);

    // Header, the given rows in this order, footer, as one piece of text (for the clipboard).
    QByteArray format(const QList<qsizetype> &rows);

private:
    enum class Kind { Number, Float, Json, Boolean, Other };

    void buildInsertPrefix();
    void appendHeader(QByteArray &out) const;
    void appendRow(QByteArray &out, qsizetype row);
    void appendFooter(QByteArray &out) const;
    void appendJsonRow(QByteArray &out, qsizetype row) const;
    void appendInsertRow(QByteArray &out, qsizetype row) const;
    void appendSeparatedRow(QByteArray &out, qsizetype row, char separator) const;

    const QueryResult &m_result;
    ResultFormat m_format;
    QList<int> m_columns;
    QList<QByteArray> m_jsonKeys;
    QByteArray m_insertPrefix; // INSERT INTO "t" ("a", "b") VALUES (
    QList<Kind> m_kinds;       // how each written column's values are spelled in JSON and SQL
    QString m_schema;
    QString m_table = QStringLiteral("table_name");
    qsizetype m_rowsWritten = 0;
};

} // namespace mizzle
