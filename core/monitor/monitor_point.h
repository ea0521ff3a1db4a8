#pragma once

#include "monitor/activity_snapshot.h"
#include "monitor/pool_metrics_snapshot.h"

#include <QString>
#include <optional>

namespace mizzle::monitor {

// Client sessions by what they are doing, as a stacked chart shows them.
struct SessionCounts
{
    int active = 0;
    int idle = 0;
    int idleInTransaction = 0;
    int lockWaits = 0; // active, and waiting for a lock
};

// One tick of the Monitor's charts: a few numbers per source, small enough to keep fifteen
// minutes of in a ring. A source that did not answer this tick leaves its part empty, and the
// chart and the CSV show a gap rather than a made-up zero.
struct MonitorPoint
{
    double utilization = 0; // active ÷ max, 0–1
    int waiting = 0;
    double acquireP95Ms = 0; // of the acquires since the previous point; 0 when there were none
    std::optional<SessionCounts> sessions;
    std::optional<double> transactionsPerS;
    std::optional<int> bouncerClientsWaiting; // cl_waiting summed over PgBouncer's pools
};

// The charted series, in the order of the CSV's columns after the time.
enum class Series {
    Utilization,
    Waiting,
    AcquireP95Ms,
    Active,
    Idle,
    IdleInTransaction,
    LockWaits,
    TransactionsPerS,
    BouncerClientsWaiting,
};
inline constexpr int seriesCount = 9;

// The CSV column and model header of a series: stable, since exported files name them.
QString seriesKey(Series series);
std::optional<double> seriesValue(const MonitorPoint &point, Series series);
void setSeriesValue(MonitorPoint &point, Series series, double value);

// The pool's part of a point; `previous` (the last point's snapshot) scopes the p95 to the
// acquires in between.
MonitorPoint poolPoint(const PoolMetricsSnapshot &now, const PoolMetricsSnapshot *previous);
// Client backends of the sample by state; the monitor's own session is not among them.
SessionCounts sessionCounts(const ServerSample &sample);

} // namespace mizzle::monitor
