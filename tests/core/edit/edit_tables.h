#pragma once

#include "edit/change_statement.h"
#include "edit/edit_buffer.h"
#include "test_database.h"

#include <QString>

namespace mizzle::test {

// A table's rows as a table tab's page reads them: its own columns, then the tableoid, ctid
// and xmin that page_query adds, so that identityOf and rowValues read them.
struct TablePage
{
    TableDetails table;
    QueryResult rows;

    int column(const QString &name) const;
    // The first row whose column holds this text, or -1.
    qsizetype find(const QString &column, const QString &text) const;
    RowIdentity identity(qsizetype row) const;
    QList<std::optional<QString>> values(qsizetype row) const;
};

Result<TableDetails> describeTable(ConnectionPool &pool, const QString &schema,
                                   const QString &name);
Result<TablePage> readPage(ConnectionPool &pool, const TableDetails &table, const QString &orderBy);

void setCell(EditBuffer &buffer, const TablePage &page, qsizetype row, const QString &column,
             const CellValue &value);
void deleteRow(EditBuffer &buffer, const TablePage &page, qsizetype row);

// Runs the statements in order, each on its own; each must touch exactly one row.
Result<void> applyStatements(ConnectionPool &pool, const QList<ChangeStatement> &statements);

// Every row of the table as the text of its row value, sorted: what twin tables are compared by.
Result<QString> tableContents(ConnectionPool &pool, const QString &relation);

// Runs a script as the header of changeScript says to, in `directory` (where it is kept too).
struct PsqlOutcome
{
    int exitCode = -1;
    QString output; // stdout and stderr
};
PsqlOutcome runPsql(const QString &script, const QString &directory);

// One row of a column of every type whose text is easiest to spoil, with values in two rows:
// id 1 and id 2 differ in every column. The SQL takes the schema as %1.
QString everyTypeTable();

} // namespace mizzle::test
