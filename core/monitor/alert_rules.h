#pragma once

#include "monitor/activity_snapshot.h"
#include "monitor/pool_metrics_snapshot.h"

#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace mizzle::monitor {

// When the Monitor speaks up. The defaults are the issue's: a caller queued for 5 s, the pool
// over 80 % for 30 s, a transaction idle for 5 minutes, and every acquire timeout.
struct AlertThresholds
{
    int waitingLongerThanS = 5;
    int utilizationPercent = 80;
    int utilizationForS = 30;
    int idleInTransactionS = 300;
    bool acquireTimeouts = true;
};

struct MonitorAlert
{
    enum class Kind { Waiting, Utilization, IdleInTransaction, AcquireTimeout };
    Kind kind = Kind::Waiting;
    qint64 atMs = 0; // on the clock the rules were fed with
    QString message; // says what, who, and for how long
};

// Turns snapshots into alerts, each once when its condition starts: a queue that stays long
// raises one alert, not one per tick, and raises again only after it has cleared. Pure, so a
// test feeds it times and snapshots instead of waiting.
class AlertRules
{
public:
    explicit AlertRules(AlertThresholds thresholds = {});

    void setThresholds(const AlertThresholds &thresholds) { m_thresholds = thresholds; }
    const AlertThresholds &thresholds() const { return m_thresholds; }

    // Mizzle's own pool, from its events: waiting, utilization, timeouts, and its own leases
    // idle in a transaction (named by owner, the usual case of a forgotten tab).
    QList<MonitorAlert> checkPool(qint64 nowMs, const PoolMetricsSnapshot &pool);
    // Sessions of other clients idle in a transaction; Mizzle's own are checkPool's.
    QList<MonitorAlert> checkServer(qint64 nowMs, const ServerSample &sample);

private:
    AlertThresholds m_thresholds;
    bool m_waitingRaised = false;
    std::optional<qint64> m_busySinceMs;
    bool m_utilizationRaised = false;
    std::optional<qint64> m_timeoutsSeen;
    QSet<qint64> m_idleLeasesRaised; // by leasedAtUs, which tells one lease from another
    QSet<int> m_idleSessionsRaised;  // by pid
};

} // namespace mizzle::monitor
