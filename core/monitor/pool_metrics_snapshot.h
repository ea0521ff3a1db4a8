#pragma once

#include "connection/pool_stats.h"
#include "monitor/log_histogram.h"

#include <QList>
#include <QString>

namespace mizzle::monitor {

// An acquire that never got a connection, and who was asking.
struct AcquireFailure
{
    enum class Kind { TimedOut, Cancelled };
    Kind kind = Kind::TimedOut;
    QString owner;
    qint64 waitedUs = 0;
    qint64 atUs = 0; // on the pool's clock
};

// A lease held past a threshold: the usual leak is a tab left inside an open transaction.
struct LeakSuspect
{
    enum class Why { HeldTooLong, IdleInTransaction };
    Why why = Why::HeldTooLong;
    PoolHolder holder;
};

struct PoolCloseCounts
{
    qint64 idleTimeout = 0;
    qint64 maxLifetime = 0;
    qint64 broken = 0;
    qint64 error = 0;
};

// Everything PoolMetrics knows at one instant, as values a view or a CLI can keep. Durations
// are in µs on the pool's clock.
struct PoolMetricsSnapshot
{
    qint64 atUs = 0;
    // Gauges.
    int max = 0;
    int open = 0; // connected, leased or idle
    int active = 0;
    int idle = 0;
    int connecting = 0;
    int waiting = 0;
    qint64 longestWaitUs = 0; // the first waiter's wait so far
    // active ÷ max now, and averaged over time across the last utilizationWindow.
    double utilization = 0;
    double utilizationWindowed = 0;
    // Distributions.
    LogHistogram acquireWait;
    LogHistogram hold;
    LogHistogram connect;
    // Events.
    qint64 acquires = 0;
    qint64 acquireTimeouts = 0;
    qint64 acquireCancels = 0;
    qint64 connectFailures = 0;
    PoolCloseCounts closes;
    QList<AcquireFailure> recentFailures; // oldest first, bounded
    // Leases.
    QList<PoolHolder> holders;
    QList<LeakSuspect> leakSuspects;
};

} // namespace mizzle::monitor
