#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"
#include "connection/pg_connection.h"
#include "monitor/pgbouncer_snapshot.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace mizzle::monitor {

// Samples PgBouncer's admin console (the "pgbouncer" database) on a connection of its own, as
// ServerSampler samples the server: SHOW POOLS, STATS, CLIENTS, SERVERS, DATABASES and
// VERSION, one simple query each because the console takes nothing else. Columns are read by
// name. Between two samples it works out each database's mean wait per server assignment.
// Signals carry whole values; nothing refers back here.
class PgBouncerSampler : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    static constexpr int defaultIntervalMs = 2000;
    static QString applicationName() { return QStringLiteral("mizzle-monitor"); }

    explicit PgBouncerSampler(ConnectionParameters console, QObject *parent = nullptr);
    ~PgBouncerSampler() override;

    // The console's parameters as the sampler opens them: dbname "pgbouncer" unless one is
    // given, and the monitor's application_name unless one is given.
    static ConnectionParameters consoleParameters(const ConnectionParameters &console);

    void setClock(Clock clock);
    void setIntervalMs(int intervalMs);
    int intervalMs() const { return m_baseIntervalMs; }
    int currentIntervalMs() const { return m_currentIntervalMs; }

    // Samples now, then every interval until stop(). Connects first when not connected.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // One sample now, whether or not running; ignored while one is already on its way.
    void sampleOnce();

    const std::optional<PgBouncerSample> &latest() const { return m_latest; }

signals:
    void connected();
    void sampled(const mizzle::monitor::PgBouncerSample &sample);
    void failed(const mizzle::Error &error);

private:
    void runSample();
    void sendNext(int index, qint64 startedMs);
    void finish(Result<PgBouncerSample> sample, qint64 startedMs);
    void scheduleNext();
    Error loginError(const Error &error) const;

    ConnectionParameters m_parameters;
    std::unique_ptr<PgConnection> m_connection;
    Clock m_clock;
    QTimer m_timer;
    int m_baseIntervalMs = defaultIntervalMs;
    int m_currentIntervalMs = defaultIntervalMs;
    bool m_running = false;
    bool m_pending = false;
    QList<QueryResult> m_answers; // of the sample on its way
    std::optional<PgBouncerSample> m_latest;
};

} // namespace mizzle::monitor
