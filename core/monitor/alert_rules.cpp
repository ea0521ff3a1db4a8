#include "monitor/alert_rules.h"

#include "values/text_summary.h"

using namespace Qt::StringLiterals;

namespace mizzle::monitor {

namespace {

QString seconds(double s)
{
    return formatDuration(qint64(s * 1000));
}

} // namespace

AlertRules::AlertRules(AlertThresholds thresholds)
    : m_thresholds(thresholds)
{}

QList<MonitorAlert> AlertRules::checkPool(qint64 nowMs, const PoolMetricsSnapshot &pool)
{
    using Kind = MonitorAlert::Kind;
    QList<MonitorAlert> alerts;

    const double waitedS = double(pool.longestWaitUs) / 1e6;
    const bool waitingLong = pool.waiting > 0 && waitedS > m_thresholds.waitingLongerThanS;
    if (waitingLong && !m_waitingRaised) {
        alerts.append({Kind::Waiting, nowMs,
                       u"%1 waiting for a pool connection, the first for %2 (all %3 in use)"_s
                           .arg(pool.waiting)
                           .arg(seconds(waitedS))
                           .arg(pool.max)});
    }
    m_waitingRaised = waitingLong;

    if (pool.utilization * 100 > m_thresholds.utilizationPercent) {
        if (!m_busySinceMs)
            m_busySinceMs = nowMs;
        const double busyS = double(nowMs - *m_busySinceMs) / 1000.0;
        if (busyS >= m_thresholds.utilizationForS && !m_utilizationRaised) {
            m_utilizationRaised = true;
            alerts.append(
                {Kind::Utilization, nowMs,
                 u"pool over %1 %% for %2 (%3 of %4 in use)"_s.arg(m_thresholds.utilizationPercent)
                     .arg(seconds(busyS))
                     .arg(pool.active)
                     .arg(pool.max)});
        }
    } else {
        m_busySinceMs.reset();
        m_utilizationRaised = false;
    }

    if (m_timeoutsSeen && pool.acquireTimeouts > *m_timeoutsSeen && m_thresholds.acquireTimeouts) {
        const qint64 count = pool.acquireTimeouts - *m_timeoutsSeen;
        QString who;
        if (!pool.recentFailures.isEmpty())
            who = u" (last: %1, after %2)"_s.arg(
                pool.recentFailures.last().owner,
                seconds(double(pool.recentFailures.last().waitedUs) / 1e6));
        alerts.append(
            {Kind::AcquireTimeout, nowMs,
             u"%1 acquire timeout(s): no pool connection came in time%2"_s.arg(count).arg(who)});
    }
    m_timeoutsSeen = pool.acquireTimeouts;

    QSet<qint64> idleNow;
    for (const PoolHolder &holder : pool.holders) {
        const double idleS = double(holder.activityUs) / 1e6;
        if (!holder.idleInTransaction() || idleS <= m_thresholds.idleInTransactionS)
            continue;
        idleNow.insert(holder.leasedAtUs);
        if (!m_idleLeasesRaised.contains(holder.leasedAtUs)) {
            alerts.append({Kind::IdleInTransaction, nowMs,
                           u"%1 has sat idle in a transaction for %2 (backend %3)"_s
                               .arg(holder.owner, seconds(idleS))
                               .arg(holder.backendPid)});
        }
    }
    m_idleLeasesRaised = idleNow;
    return alerts;
}

QList<MonitorAlert> AlertRules::checkServer(qint64 nowMs, const ServerSample &sample)
{
    QList<MonitorAlert> alerts;
    QSet<int> idleNow;
    for (const Session &session : sample.sessions) {
        if (session.mizzle || !session.idleInTransaction() || !session.stateAgeS ||
            *session.stateAgeS <= m_thresholds.idleInTransactionS)
            continue;
        idleNow.insert(session.pid);
        if (m_idleSessionsRaised.contains(session.pid))
            continue;
        const QString who = session.applicationName.isEmpty()
                                ? session.user
                                : session.applicationName + u" / "_s + session.user;
        alerts.append({MonitorAlert::Kind::IdleInTransaction, nowMs,
                       u"backend %1 (%2) has sat idle in a transaction for %3"_s.arg(session.pid)
                           .arg(who, seconds(*session.stateAgeS))});
    }
    m_idleSessionsRaised = idleNow;
    return alerts;
}

} // namespace mizzle::monitor
