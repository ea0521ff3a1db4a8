#include "export/insert_rows.h"

#include "connection/query_result.h"
#include "values/sql_literal.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace mizzle {

InsertRows::InsertRows(const ExportTable &table, const ExportOptions &options)
    : m_types(table.columnTypes)
    , m_rowsPerStatement(qMax(1, options.rowsPerInsert))
{
    QString prefix = u"INSERT INTO %1 (%2)"_s.arg(table.qualifiedName, table.columns);
    if (table.identityAlways)
        prefix += u" OVERRIDING SYSTEM VALUE"_s;
    m_prefix = (prefix + u" VALUES\n"_s).toUtf8();
    m_suffix = options.onConflictDoNothing ? "\nON CONFLICT DO NOTHING;" : ";";
}

void InsertRows::add(const QueryResult &rows, qsizetype row)
{
    m_statement += m_rows == 0 ? m_prefix : QByteArray(",\n");
    m_statement += '(';
    for (int column = 0; column < rows.columnCount(); ++column) {
        if (column > 0)
            m_statement += ", ";
        const std::optional<QString> value =
            rows.isNull(row, column) ? std::nullopt : std::optional(rows.text(row, column));
        m_statement += sqlLiteral(value, m_types.value(column)).toUtf8();
    }
    m_statement += ')';
    ++m_rows;
}

QByteArray InsertRows::take()
{
    QByteArray statement = std::exchange(m_statement, {});
    if (m_rows > 0)
        statement += m_suffix;
    m_rows = 0;
    return statement;
}

} // namespace mizzle
