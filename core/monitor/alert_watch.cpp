#include "monitor/alert_watch.h"

#include "monitor/pool_metrics.h"

namespace mizzle::monitor {

AlertWatch::AlertWatch(PoolMetrics *metrics, AlertThresholds thresholds, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_rules(thresholds)
{
    // Pool events catch a timeout at once; the timer catches conditions that grow with time
    // alone, such as a queue that does not move.
    connect(metrics, &PoolMetrics::changed, this, &AlertWatch::check);
    connect(&m_timer, &QTimer::timeout, this, &AlertWatch::check);
    m_timer.start(checkIntervalMs);
}

void AlertWatch::setThresholds(const AlertThresholds &thresholds)
{
    m_rules.setThresholds(thresholds);
    check();
}

qint64 AlertWatch::nowMs() const
{
    return m_metrics->nowUs() / 1000;
}

void AlertWatch::check()
{
    record(m_rules.checkPool(nowMs(), m_metrics->snapshot()));
}

void AlertWatch::serverSampled(const ServerSample &sample)
{
    record(m_rules.checkServer(nowMs(), sample));
}

void AlertWatch::markRead()
{
    if (m_unread == 0)
        return;
    m_unread = 0;
    emit unreadChanged(0);
}

void AlertWatch::record(const QList<MonitorAlert> &alerts)
{
    for (const MonitorAlert &alert : alerts) {
        m_log.push_back(alert);
        if (m_log.size() > size_t(logLimit))
            m_log.pop_front();
        ++m_unread;
        emit raised(alert);
    }
    if (!alerts.isEmpty())
        emit unreadChanged(m_unread);
}

} // namespace mizzle::monitor
