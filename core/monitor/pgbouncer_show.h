#pragma once

#include "base/result.h"
#include "connection/query_result.h"
#include "monitor/pgbouncer_snapshot.h"

#include <QList>
#include <QStringList>

namespace mizzle::monitor {

// What PgBouncer's admin console answers, read into a PgBouncerSample. The console speaks only
// the simple query protocol and takes one command per query, so a sample is these commands, one
// round trip each, in this order.
QStringList pgbouncerCommands();

// One answer as it came: every column by its name, so that the columns a newer PgBouncer adds
// (or moves) change nothing here.
PgBouncerTable readPgBouncerTable(const QueryResult &result);

// The answers to pgbouncerCommands(), in order. Only columns PgBouncer has had for years are
// required (database, user, the cl_ and sv_ counts); a missing one is an Error naming it.
Result<PgBouncerSample> readPgBouncerSample(const QList<QueryResult> &results);

// The mean wait per server assignment of each database, from SHOW STATS counters taken
// intervalMs apart. A database missing before, or whose counters went down (PgBouncer
// restarted), has no entry.
QList<PgBouncerWait> pgbouncerWaits(const QList<PgBouncerCounters> &before,
                                    const QList<PgBouncerCounters> &after, qint64 intervalMs);

} // namespace mizzle::monitor
