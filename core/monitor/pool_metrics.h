#pragma once

#include "monitor/pool_metrics_snapshot.h"

#include <QObject>
#include <QPointer>
#include <deque>

namespace mizzle {
class ConnectionPool;
}

namespace mizzle::monitor {

struct PoolMetricsSettings
{
    qint64 leakThresholdUs = 60'000'000;               // a lease held this long is suspect
    qint64 idleInTransactionThresholdUs = 300'000'000; // so is one idle this long in a transaction
    qint64 utilizationWindowUs = 60'000'000;
    int recentFailures = 50;
};

// Mizzle's own pool, measured from the events it emits: nothing here queries the server, and
// every duration comes from the pool's clock, so a test drives it with a ManualClock.
class PoolMetrics : public QObject
{
    Q_OBJECT
public:
    explicit PoolMetrics(ConnectionPool *pool, PoolMetricsSettings settings = {},
                         QObject *parent = nullptr);

    PoolMetricsSnapshot snapshot() const;
    // The leases past a threshold now, oldest first.
    QList<LeakSuspect> leakSuspects() const;
    const PoolMetricsSettings &settings() const { return m_settings; }
    // The pool's clock, on which every duration here is measured; 0 once the pool is gone.
    qint64 nowUs() const;

signals:
    // Something was counted or a gauge moved; a view may take a new snapshot.
    void changed();

private:
    struct Level
    {
        qint64 sinceUs;
        int active;
    };

    void onStatsChanged();
    void recordFailure(AcquireFailure::Kind kind, const QString &owner, qint64 waitedUs);
    double windowedUtilization(qint64 nowUs) const;

    QPointer<ConnectionPool> m_pool;
    PoolMetricsSettings m_settings;
    qint64 m_startUs = 0;
    // When the number of active connections changed, and to what: enough to integrate it over
    // the window. The first entry may start before the window.
    std::deque<Level> m_levels;
    LogHistogram m_acquireWait;
    LogHistogram m_hold;
    LogHistogram m_connect;
    qint64 m_acquires = 0;
    qint64 m_timeouts = 0;
    qint64 m_cancels = 0;
    qint64 m_connectFailures = 0;
    PoolCloseCounts m_closes;
    std::deque<AcquireFailure> m_failures;
};

} // namespace mizzle::monitor
