#pragma once

#include "monitor/alert_rules.h"

#include <QObject>
#include <QTimer>
#include <deque>

namespace mizzle::monitor {

class PoolMetrics;

// Watches one session's pool for the whole life of the session, whether or not a Monitor tab is
// open, so the status bar can say that something is wrong before anyone looks. Server alerts
// come in with the samples a Monitor tab takes. Keeps a bounded log and a count of alerts
// nobody has looked at yet.
class AlertWatch : public QObject
{
    Q_OBJECT
public:
    static constexpr int logLimit = 500;
    static constexpr int checkIntervalMs = 1000;

    AlertWatch(PoolMetrics *metrics, AlertThresholds thresholds, QObject *parent = nullptr);

    void setThresholds(const AlertThresholds &thresholds);
    const AlertThresholds &thresholds() const { return m_rules.thresholds(); }
    // Checks the pool now; also runs on every pool event and every checkIntervalMs.
    void check();
    void serverSampled(const mizzle::monitor::ServerSample &sample);

    // Oldest first.
    const std::deque<MonitorAlert> &log() const { return m_log; }
    int unread() const { return m_unread; }
    void markRead();

signals:
    void raised(const mizzle::monitor::MonitorAlert &alert);
    void unreadChanged(int unread);

private:
    void record(const QList<MonitorAlert> &alerts);
    qint64 nowMs() const;

    PoolMetrics *m_metrics;
    AlertRules m_rules;
    QTimer m_timer;
    std::deque<MonitorAlert> m_log;
    int m_unread = 0;
};

} // namespace mizzle::monitor
