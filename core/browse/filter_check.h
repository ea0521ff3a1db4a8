#pragma once

#include "base/error.h"
#include "browse/table_filter.h"
#include "connection/connection_pool.h"

#include <QList>
#include <QObject>
#include <functional>

namespace mizzle {

struct FilterProblem
{
    // 0-based index into TableFilter::conditions; -1 for the raw expression, or for the filter
    // as a whole when the server could not be asked (no connection to be had).
    int condition = -1;
    Error error;
};

// Asks the server whether the filter would work before a page is read with it, so that a value
// it refuses ("abc" for an integer) gets the server's own message next to *that* condition.
//  - Conditions: first the checks filterSql makes (column, operator, number of values), then,
//    one condition at a time, SELECT of its values with the casts filterSql would use
//    ($1::integer, $2::integer); each refusal becomes a problem with the server's message and
//    SQLSTATE (22P02 for "abc" on an integer). Good conditions give no problem.
//  - A raw expression (which replaces the conditions): checkFilterExpression, then
//    EXPLAIN SELECT 1 FROM the table WHERE (expression), which plans without executing; an
//    unknown column or a type error comes back with the server's message, SQLSTATE and a
//    position relative to the expression.
// Everything runs on one pooled connection inside a read-only transaction (the pool's own for a
// read-only profile, else one opened here and rolled back), each check behind a savepoint so
// that one refusal leaves the next check unharmed.
// `done` gets the problems ordered by condition, none when the filter is fine, always from the
// event loop, and never once `context` is destroyed (which cancels what is still running).
void checkFilterValues(ConnectionPool *pool, const TableFilter &filter, const TableDetails &table,
                       QObject *context, std::function<void(QList<FilterProblem>)> done);

} // namespace mizzle
