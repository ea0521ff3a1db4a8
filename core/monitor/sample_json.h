#pragma once

#include "monitor/activity_snapshot.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

namespace mizzle::monitor {

// One sample as one line of JSON (no newline at the end): the output of
// `mizzle monitor --format json`, a public interface documented in the README. Keys are
// snake_case, never renamed or removed; new ones may be added.
//
//   {"sampled_at": ISO 8601 UTC,
//    "server": {"monitor_pid", "through_pooler", "sample_cost_ms", "max_connections",
//               "superuser_reserved_connections", "reserved_connections",
//               "usable_connections", "client_backends", "mizzle_backends",
//               "sessions": [{"pid", "backend_type", "state", "idle_in_transaction",
//                             "wait_event_type", "wait_event", "blocked_by": [pid, ...],
//                             "query_age_s", "xact_age_s", "state_age_s", "application_name",
//                             "client", "user", "database", "backend_xmin", "xmin_age",
//                             "mizzle", "query"}, ...],
//               "blocking_roots": [{"pid", "blocked", "blocked_directly", "cycle", "state"}],
//               "rates": null | {"interval_s", "tps", "tuples_in_per_s", "tuples_out_per_s",
//                                "cache_hit_ratio"},
//               "xmin_horizon": null | {"pid", "backend_xmin", "xmin_age", "application_name",
//                                       "state", "xact_age_s"}},
//    "pgbouncer": {...}}   only when a PgBouncer section is given: see pgbouncerSampleToJson
//
// Absent values (an age without a transaction, a ratio without block reads) are null; empty
// strings stay empty strings.
QJsonObject serverSampleToJson(const ServerSample &sample);
QByteArray sampleToJsonLine(const ServerSample &sample,
                            const std::optional<QJsonObject> &pgbouncer = std::nullopt);

} // namespace mizzle::monitor
