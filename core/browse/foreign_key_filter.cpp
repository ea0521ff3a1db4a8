#include "browse/foreign_key_filter.h"

namespace mizzle {

namespace {

std::optional<TableFilter> equalTo(const QStringList &columns,
                                   const QList<std::optional<QString>> &values)
{
    if (columns.isEmpty() || values.size() != columns.size())
        return std::nullopt;
    TableFilter filter;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (!values[i])
            return std::nullopt;
        filter.conditions.append({columns[i], FilterOperator::Equal, {*values[i]}});
    }
    return filter;
}

} // namespace

std::optional<TableFilter> referencedRowFilter(const ForeignKey &key,
                                               const QList<std::optional<QString>> &values)
{
    return equalTo(key.referencedColumns, values);
}

std::optional<TableFilter> referencingRowsFilter(const ForeignKey &key,
                                                 const QList<std::optional<QString>> &values)
{
    return equalTo(key.columns, values);
}

} // namespace mizzle
