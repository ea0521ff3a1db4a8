#include "monitor/pool_metrics.h"

#include "connection/connection_pool.h"

#include <algorithm>

namespace mizzle::monitor {

PoolMetrics::PoolMetrics(ConnectionPool *pool, PoolMetricsSettings settings, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_settings(settings)
{
    if (!pool)
        return;
    m_startUs = pool->clock()->nowUs();
    m_levels.push_back({m_startUs, pool->stats().active});
    connect(pool, &ConnectionPool::statsChanged, this, &PoolMetrics::onStatsChanged);
    connect(pool, &ConnectionPool::leased, this, [this](const QString &, qint64 waitedUs) {
        ++m_acquires;
        m_acquireWait.record(waitedUs);
        emit changed();
    });
    connect(pool, &ConnectionPool::released, this, [this](const QString &, qint64 heldUs) {
        m_hold.record(heldUs);
        emit changed();
    });
    connect(pool, &ConnectionPool::acquireTimedOut, this,
            [this](const QString &owner, qint64 waitedUs) {
                ++m_timeouts;
                recordFailure(AcquireFailure::Kind::TimedOut, owner, waitedUs);
            });
    connect(pool, &ConnectionPool::acquireCancelled, this,
            [this](const QString &owner, qint64 waitedUs) {
                ++m_cancels;
                recordFailure(AcquireFailure::Kind::Cancelled, owner, waitedUs);
            });
    connect(pool, &ConnectionPool::connectionOpened, this, [this](qint64 connectUs) {
        m_connect.record(connectUs);
        emit changed();
    });
    connect(pool, &ConnectionPool::connectFailed, this, [this](const QString &, qint64) {
        ++m_connectFailures;
        emit changed();
    });
    connect(pool, &ConnectionPool::connectionClosed, this, [this](PoolCloseReason reason) {
        switch (reason) {
        case PoolCloseReason::IdleTimeout:
            ++m_closes.idleTimeout;
            break;
        case PoolCloseReason::MaxLifetime:
            ++m_closes.maxLifetime;
            break;
        case PoolCloseReason::Broken:
            ++m_closes.broken;
            break;
        case PoolCloseReason::Error:
            ++m_closes.error;
            break;
        }
        emit changed();
    });
}

void PoolMetrics::onStatsChanged()
{
    const qint64 now = m_pool->clock()->nowUs();
    const int active = m_pool->stats().active;
    if (m_levels.empty() || m_levels.back().active != active) {
        // Several changes within one instant: only the last one lasted.
        if (!m_levels.empty() && m_levels.back().sinceUs == now)
            m_levels.pop_back();
        if (m_levels.empty() || m_levels.back().active != active)
            m_levels.push_back({now, active});
    }
    const qint64 windowStart = now - m_settings.utilizationWindowUs;
    while (m_levels.size() >= 2 && m_levels[1].sinceUs <= windowStart)
        m_levels.pop_front();
    emit changed();
}

void PoolMetrics::recordFailure(AcquireFailure::Kind kind, const QString &owner, qint64 waitedUs)
{
    m_failures.push_back({kind, owner, waitedUs, m_pool->clock()->nowUs()});
    while (m_failures.size() > size_t(std::max(0, m_settings.recentFailures)))
        m_failures.pop_front();
    emit changed();
}

double PoolMetrics::windowedUtilization(qint64 nowUs) const
{
    const int max = m_pool->settings().max;
    const qint64 windowStart = std::max(m_startUs, nowUs - m_settings.utilizationWindowUs);
    if (max <= 0 || m_levels.empty())
        return 0;
    if (nowUs <= windowStart)
        return double(m_levels.back().active) / max;
    double activeTime = 0; // connection-µs within the window
    for (size_t i = 0; i < m_levels.size(); ++i) {
        const qint64 from = std::max(m_levels[i].sinceUs, windowStart);
        const qint64 to = i + 1 < m_levels.size() ? m_levels[i + 1].sinceUs : nowUs;
        if (to > from)
            activeTime += double(m_levels[i].active) * double(to - from);
    }
    return activeTime / (double(max) * double(nowUs - windowStart));
}

qint64 PoolMetrics::nowUs() const
{
    return m_pool ? m_pool->clock()->nowUs() : 0;
}

QList<LeakSuspect> PoolMetrics::leakSuspects() const
{
    QList<LeakSuspect> suspects;
    if (!m_pool)
        return suspects;
    for (const PoolHolder &holder : m_pool->holders()) {
        // Idle in a transaction says more about the cause than the length of the lease does.
        if (holder.idleInTransaction() &&
            holder.activityUs >= m_settings.idleInTransactionThresholdUs)
            suspects.append({LeakSuspect::Why::IdleInTransaction, holder});
        else if (holder.heldUs >= m_settings.leakThresholdUs)
            suspects.append({LeakSuspect::Why::HeldTooLong, holder});
    }
    return suspects;
}

PoolMetricsSnapshot PoolMetrics::snapshot() const
{
    PoolMetricsSnapshot snapshot;
    if (!m_pool)
        return snapshot;
    const PoolStats stats = m_pool->stats();
    snapshot.atUs = m_pool->clock()->nowUs();
    snapshot.max = stats.max;
    snapshot.open = stats.active + stats.idle;
    snapshot.active = stats.active;
    snapshot.idle = stats.idle;
    snapshot.connecting = stats.opening;
    snapshot.waiting = stats.waiting;
    snapshot.longestWaitUs = stats.longestWaitUs;
    snapshot.utilization = stats.max > 0 ? double(stats.active) / stats.max : 0;
    snapshot.utilizationWindowed = windowedUtilization(snapshot.atUs);
    snapshot.acquireWait = m_acquireWait;
    snapshot.hold = m_hold;
    snapshot.connect = m_connect;
    snapshot.acquires = m_acquires;
    snapshot.acquireTimeouts = m_timeouts;
    snapshot.acquireCancels = m_cancels;
    snapshot.connectFailures = m_connectFailures;
    snapshot.closes = m_closes;
    snapshot.recentFailures = QList<AcquireFailure>(m_failures.begin(), m_failures.end());
    snapshot.holders = m_pool->holders();
    snapshot.leakSuspects = leakSuspects();
    return snapshot;
}

} // namespace mizzle::monitor
