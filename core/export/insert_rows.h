#pragma once

#include "export/export_options.h"
#include "export/export_plan.h"

#include <QByteArray>

namespace mizzle {

class QueryResult;

// Builds a table's multi-row INSERT statements from its rows as the server sends them, each
// value written by sqlLiteral (the same literals as Copy as script), so that it reads back as
// the very same value.
class InsertRows
{
public:
    InsertRows(const ExportTable &table, const ExportOptions &options);

    void add(const QueryResult &rows, qsizetype row);
    bool isFull() const { return m_rows >= m_rowsPerStatement; }
    bool isEmpty() const { return m_rows == 0; }
    // The statement of the rows added since the last take.
    QByteArray take();

private:
    QByteArray m_prefix; // INSERT INTO … VALUES
    QByteArray m_suffix; // ON CONFLICT DO NOTHING, and the semicolon
    QStringList m_types;
    QByteArray m_statement;
    int m_rows = 0;
    int m_rowsPerStatement = 1;
};

} // namespace mizzle
