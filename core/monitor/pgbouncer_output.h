#pragma once

#include "monitor/pgbouncer_snapshot.h"

#include <QJsonObject>
#include <QString>

namespace mizzle::monitor {

// The "pgbouncer" object of `mizzle monitor --format json` (see sampleToJsonLine), a public
// interface documented in the README. Rows keep PgBouncer's own column names, so a newer
// PgBouncer's columns appear as they come; counts and times are numbers, the rest strings.
//
//   {"version": "PgBouncer 1.24.1", "sample_cost_ms",
//    "pools": [{SHOW POOLS columns..., "pool_size": SHOW DATABASES' pool_size or null}],
//    "stats": [{SHOW STATS columns...}],
//    "clients": [{SHOW CLIENTS columns...}], "servers": [{SHOW SERVERS columns...}],
//    "databases": [{SHOW DATABASES columns...}],
//    "waits": [{"database", "interval_s", "server_assignments", "mean_wait_ms"}]}
//
// "waits" is empty on the first sample; mean_wait_ms is null when nothing was assigned.
QJsonObject pgbouncerSampleToJson(const PgBouncerSample &sample);

// A PgBouncer section for `mizzle monitor --format text`: one row per pool.
QString pgbouncerSampleToText(const PgBouncerSample &sample);

} // namespace mizzle::monitor
