#pragma once

#include "base/error.h"
#include "browse/page_query.h"

#include <optional>

namespace mizzle {

class QueryResult;

// Where a page about a fraction of the way into a table's order starts: a value of the leading
// order column, read from the planner's statistics rather than by counting rows (which would
// cost a scan of everything before). The histogram's bounds split the non-NULL values into
// equal parts; null_frac says how many rows are NULL, which come first or last.
struct LeadingKeyQuery
{
    enum class Kind { Histogram, Location, Unsupported };
    Kind kind = Kind::Unsupported;
    QString sql;
    PgConnection::Parameters parameters;
};

struct LeadingKeyPlace
{
    enum class Start { First, Value, Nulls, Interpolate };
    Start start = Start::First;
    QString value;       // Value: where the page starts
    double position = 0; // Interpolate: the fraction between the column's min and max
    std::optional<Error> error;
};

LeadingKeyQuery leadingKeyQuery(const TableDetails &table, const PageQuery::OrderColumn &leading);
LeadingKeyPlace leadingKeyPlace(const QueryResult &statistics, LeadingKeyQuery::Kind kind,
                                const PageQuery::OrderColumn &leading, double fraction);
// Without a histogram (a table never analysed): for numbers, dates and times, the value that
// far between the column's min and max, which an index on it finds at once. Empty for other
// types.
QString interpolationQuery(const PageQuery::OrderColumn &leading, const QString &relation);

} // namespace mizzle
