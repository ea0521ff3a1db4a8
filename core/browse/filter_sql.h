#pragma once

#include "base/error.h"
#include "browse/table_filter.h"

#include <optional>

namespace mizzle {

// The pieces filterSql builds a TableFilter from, one condition at a time; the server check of
// the values (browse/filter_check.h) runs the same casts on their own.

struct ConditionSql
{
    QString sql; // "quantity" BETWEEN $1::integer AND $2::integer
    PgConnection::Parameters parameters;
    QStringList castValues; // each placeholder with its cast: "$1::integer", "$2::integer"
};

// Why the condition cannot become SQL (an unknown column, a wrong number of values, an operator
// that does not suit the column's type), or std::nullopt. index is 0-based; the Error's where is
// "condition index+1" and its message names the column.
std::optional<Error> conditionProblem(const FilterCondition &condition, int index,
                                      const TableDetails &table);

Result<ConditionSql> conditionSql(const FilterCondition &condition, int index,
                                  const TableDetails &table, const PgConnection &connection,
                                  int firstParameter);

// The text[] for JsonPathEquals: "a.b.0" split at its dots into {"a","b","0"}; a path written
// as an array literal ("{a,b,0}", for keys that hold dots) is passed as it is, for the server to
// read. An empty path is the empty array: the whole value.
QString jsonPathLiteral(const QString &path);

} // namespace mizzle
