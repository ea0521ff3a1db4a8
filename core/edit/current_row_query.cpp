#include "edit/current_row_query.h"

namespace mizzle {

using namespace Qt::StringLiterals;

std::optional<PgConnection::PipelineStatement>
currentRowQuery(const TableDetails &table, const RowIdentity &row, const PgConnection &connection)
{
    if (row.key.isEmpty() || row.key.size() != table.primaryKey.size())
        return std::nullopt;
    QStringList columns;
    for (const ColumnInfo &column : table.columns)
        columns.append(connection.quoteIdentifier(column.name));
    // As a page has it: the version of a table's row; a view or foreign table has none.
    using Kind = RelationInfo::Kind;
    if (table.kind == Kind::Table || table.kind == Kind::PartitionedTable ||
        table.kind == Kind::MaterializedView)
        columns.append(u"xmin"_s);
    QStringList conditions;
    PgConnection::PipelineStatement statement;
    for (qsizetype i = 0; i < table.primaryKey.size(); ++i) {
        conditions.append(
            u"%1 = $%2"_s.arg(connection.quoteIdentifier(table.primaryKey.at(i))).arg(i + 1));
        statement.parameters.append(row.key.at(i));
    }
    statement.sql = u"SELECT %1 FROM %2.%3 WHERE %4"_s.arg(
        columns.isEmpty() ? u"NULL"_s : columns.join(u", "_s),
        connection.quoteIdentifier(table.schema), connection.quoteIdentifier(table.name),
        conditions.join(u" AND "_s));
    return statement;
}

} // namespace mizzle
