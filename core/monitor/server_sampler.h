#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"
#include "connection/pg_connection.h"
#include "monitor/activity_snapshot.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace mizzle::monitor {

// Samples the server's activity on a connection of its own, outside the pool, so that it still
// answers when the pool is exhausted or its connections are all stuck. The connection is in
// autocommit, named mizzle-monitor (so it is left out of what it shows and counted as Mizzle's
// own), and bounded by statement_timeout and lock_timeout so that a sick server cannot hang it.
//
// Each sample is one pipelined round trip. A sample that takes long against the interval
// doubles the interval (up to a cap) and a fast one halves it back, so that watching a loaded
// server does not load it further. Signals carry whole values; nothing refers back here.
class ServerSampler : public QObject
{
    Q_OBJECT
public:
    // Monotonic milliseconds; injectable so tests can drive rate and pacing arithmetic.
    using Clock = std::function<qint64()>;
    // What pg_cancel_backend or pg_terminate_backend answered: whether the server found that
    // backend and signalled it. An Error means the monitor could not ask.
    struct Signalled
    {
        int pid = 0;
        bool delivered = false;
    };
    using ActionCallback = std::function<void(Result<Signalled>)>;

    static constexpr int defaultIntervalMs = 2000;
    static constexpr int statementTimeoutMs = 5000;
    static constexpr int lockTimeoutMs = 1000;
    static constexpr int intervalCapFactor = 16; // how far backing off may stretch the interval
    static QString applicationName() { return QStringLiteral("mizzle-monitor"); }

    explicit ServerSampler(ConnectionParameters parameters, QObject *parent = nullptr);
    ~ServerSampler() override;

    // The target's parameters with the monitor's name and timeouts added, as the monitor opens.
    static ConnectionParameters monitorParameters(const ConnectionParameters &target);
    // The interval after a sample that cost costMs at currentMs: pure, for the pacing tests.
    static int nextIntervalMs(int baseMs, int currentMs, double costMs);

    void setClock(Clock clock);
    void setIntervalMs(int intervalMs);
    int intervalMs() const { return m_baseIntervalMs; }
    int currentIntervalMs() const { return m_currentIntervalMs; }
    // application_name values of Mizzle's other connections (the pool's), besides the monitor.
    void setOwnApplicationNames(const QStringList &names) { m_ownNames = names; }

    // Samples now, then every interval until stop(). Connects first when not connected.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // One sample now, whether or not running; ignored while one is already on its way.
    void sampleOnce();

    // pg_cancel_backend / pg_terminate_backend on the monitor's connection, which needs no pool
    // connection and so works when the pool is stuck. Cancelling rolls back the statement
    // (and, outside a savepoint, the transaction's work so far); terminating ends the session
    // and rolls back its transaction. See rollbackPreview() for what that would be.
    void cancelBackend(int pid, QObject *context, ActionCallback done);
    void terminateBackend(int pid, QObject *context, ActionCallback done);

    // What cancelling or terminating `pid` would roll back, from the latest sample; none when
    // that sample does not show the pid.
    std::optional<RollbackPreview> rollbackPreview(int pid) const;
    const std::optional<ServerSample> &latest() const { return m_latest; }
    int monitorPid() const;

signals:
    void connected();
    void sampled(const mizzle::monitor::ServerSample &sample);
    void failed(const mizzle::Error &error);

private:
    struct Job
    {
        std::function<void()> run; // must end with finishJob()
        std::function<void(const Error &)> fail;
    };

    void enqueue(Job job);
    void pump();
    void finishJob();
    void runSample();
    void sampleFinished(Result<QList<QueryResult>> results, qint64 startedMs);
    void signalBackend(const QString &function, int pid, QObject *context, ActionCallback done);
    void scheduleNext();

    ConnectionParameters m_parameters;
    std::unique_ptr<PgConnection> m_connection;
    Clock m_clock;
    QTimer m_timer;
    int m_baseIntervalMs = defaultIntervalMs;
    int m_currentIntervalMs = defaultIntervalMs;
    QStringList m_ownNames{QStringLiteral("Mizzle")};
    bool m_running = false;
    bool m_samplePending = false;
    bool m_working = false; // a job, or opening the connection, is using it
    std::deque<Job> m_jobs;
    std::optional<ServerSample> m_latest;
};

} // namespace mizzle::monitor
