#include "monitor/monitor_point.h"

using namespace Qt::StringLiterals;

namespace mizzle::monitor {

QString seriesKey(Series series)
{
    switch (series) {
    case Series::Utilization:
        return u"utilization"_s;
    case Series::Waiting:
        return u"waiting"_s;
    case Series::AcquireP95Ms:
        return u"acquire_p95_ms"_s;
    case Series::Active:
        return u"sessions_active"_s;
    case Series::Idle:
        return u"sessions_idle"_s;
    case Series::IdleInTransaction:
        return u"sessions_idle_in_transaction"_s;
    case Series::LockWaits:
        return u"sessions_lock_waits"_s;
    case Series::TransactionsPerS:
        return u"tps"_s;
    case Series::BouncerClientsWaiting:
        return u"pgbouncer_cl_waiting"_s;
    }
    return {};
}

std::optional<double> seriesValue(const MonitorPoint &point, Series series)
{
    switch (series) {
    case Series::Utilization:
        return point.utilization;
    case Series::Waiting:
        return point.waiting;
    case Series::AcquireP95Ms:
        return point.acquireP95Ms;
    case Series::Active:
        return point.sessions ? std::optional<double>(point.sessions->active) : std::nullopt;
    case Series::Idle:
        return point.sessions ? std::optional<double>(point.sessions->idle) : std::nullopt;
    case Series::IdleInTransaction:
        return point.sessions ? std::optional<double>(point.sessions->idleInTransaction)
                              : std::nullopt;
    case Series::LockWaits:
        return point.sessions ? std::optional<double>(point.sessions->lockWaits) : std::nullopt;
    case Series::TransactionsPerS:
        return point.transactionsPerS;
    case Series::BouncerClientsWaiting:
        return point.bouncerClientsWaiting ? std::optional<double>(*point.bouncerClientsWaiting)
                                           : std::nullopt;
    }
    return std::nullopt;
}

void setSeriesValue(MonitorPoint &point, Series series, double value)
{
    auto sessions = [&point]() -> SessionCounts & {
        if (!point.sessions)
            point.sessions = SessionCounts{};
        return *point.sessions;
    };
    switch (series) {
    case Series::Utilization:
        point.utilization = value;
        break;
    case Series::Waiting:
        point.waiting = int(value);
        break;
    case Series::AcquireP95Ms:
        point.acquireP95Ms = value;
        break;
    case Series::Active:
        sessions().active = int(value);
        break;
    case Series::Idle:
        sessions().idle = int(value);
        break;
    case Series::IdleInTransaction:
        sessions().idleInTransaction = int(value);
        break;
    case Series::LockWaits:
        sessions().lockWaits = int(value);
        break;
    case Series::TransactionsPerS:
        point.transactionsPerS = value;
        break;
    case Series::BouncerClientsWaiting:
        point.bouncerClientsWaiting = int(value);
        break;
    }
}

MonitorPoint poolPoint(const PoolMetricsSnapshot &now, const PoolMetricsSnapshot *previous)
{
    MonitorPoint point;
    point.utilization = now.utilization;
    point.waiting = now.waiting;
    const LogHistogram recent =
        previous ? now.acquireWait.since(previous->acquireWait) : now.acquireWait;
    point.acquireP95Ms = double(recent.percentile(0.95)) / 1000.0;
    return point;
}

SessionCounts sessionCounts(const ServerSample &sample)
{
    SessionCounts counts;
    for (const Session &session : sample.sessions) {
        if (!session.isClientBackend())
            continue;
        if (session.idleInTransaction())
            ++counts.idleInTransaction;
        else if (session.state == QLatin1String("active")) {
            ++counts.active;
            if (session.waitEventType == QLatin1String("Lock"))
                ++counts.lockWaits;
        } else if (session.state == QLatin1String("idle"))
            ++counts.idle;
    }
    return counts;
}

} // namespace mizzle::monitor
