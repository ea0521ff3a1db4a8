#pragma once

#include "base/clock.h"
#include "connection/connection_parameters.h"
#include "connection/pg_connection.h"
#include "connection/pool_settings.h"
#include "connection/pool_stats.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace mizzle {

// The only way Mizzle reaches a database. A fixed maximum of connections; callers that find
// none free wait first-in, first-out, up to acquireTimeout. Idle connections are closed after
// idleTimeout, every connection after maxLifetime. A released connection left inside a
// transaction is rolled back before anyone else gets it; a broken one is dropped. With
// PoolSettings::readOnly, each lease is handed out inside a sealed read-only transaction.
//
// Every lease names its owner, and the pool reports what happens to it as signals (leased,
// released, timed out, cancelled; connections opened, failed, closed and why), with durations
// read from its clock: core/monitor's PoolMetrics listens, and nothing polls the server.
class ConnectionPool : public QObject
{
    Q_OBJECT
public:
    // Holding a lease holds the connection; dropping the last copy returns it to the pool.
    // A lease must not outlive its pool.
    using Lease = std::shared_ptr<PgConnection>;
    using AcquireCallback = std::function<void(Result<Lease>)>;

    ConnectionPool(ConnectionParameters parameters, PoolSettings settings,
                   QObject *parent = nullptr);
    // Durations, timeouts and ages are measured on `clock` (tests pass a ManualClock); the
    // timers that check them still tick in real time.
    ConnectionPool(ConnectionParameters parameters, PoolSettings settings,
                   std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~ConnectionPool() override;

    // The callback runs from the event loop, and not at all if `context` is destroyed first;
    // destroying it while waiting cancels the acquire. `owner` says who holds the lease (a
    // tab, a table's save, the completion catalog); without it, ownerOf(context) does.
    void acquire(QObject *context, AcquireCallback done);
    void acquire(QObject *context, const QString &owner, AcquireCallback done);

    // Borrows a connection for one statement and returns it right after.
    void execute(QObject *context, const QString &sql, const PgConnection::Parameters &parameters,
                 PgConnection::QueryCallback done);
    void execute(QObject *context, const QString &owner, const QString &sql,
                 const PgConnection::Parameters &parameters, PgConnection::QueryCallback done);

    // The application_name of the pool's `number`th connection: `base` (or "Mizzle") with
    // "/INSTANCE-NUMBER" after it, INSTANCE being four hex digits drawn per pool. A base that
    // would push it past the server's 63 bytes is shortened, never the suffix.
    static QString connectionApplicationName(const QString &base, const QString &instance,
                                             int number);
    // Whether an application_name is one of connectionApplicationName(base, ...)'s, or base.
    static bool isPoolApplicationName(const QString &name, const QString &base);

    // The object name of the context, or its class when it has none.
    static QString ownerOf(const QObject *context);

    PoolStats stats() const;
    // Every leased connection, oldest lease first.
    QList<PoolHolder> holders() const;
    const std::shared_ptr<const Clock> &clock() const { return m_clock; }
    const ConnectionParameters &parameters() const { return m_parameters; }
    const PoolSettings &settings() const { return m_settings; }

signals:
    void statsChanged();
    // Durations in µs on clock(). `waitedUs` runs from acquire() to the lease (or the give-up).
    void leased(const QString &owner, qint64 waitedUs);
    void released(const QString &owner, qint64 heldUs);
    void acquireTimedOut(const QString &owner, qint64 waitedUs);
    void acquireCancelled(const QString &owner, qint64 waitedUs);
    void connectionOpened(qint64 connectUs);
    void connectFailed(const QString &message, qint64 afterUs);
    void connectionClosed(mizzle::PoolCloseReason reason);

private:
    struct Slot
    {
        std::unique_ptr<PgConnection> connection;
        qint64 openedAtUs = 0;
        qint64 idleSinceUs = 0;
        // Set while leased and counted as such; cleared by release.
        std::optional<qint64> leasedAtUs;
        QString owner;
        QPointer<QObject> ownerContext;
        QString applicationName;    // with the pool's unique suffix
        qint64 activitySinceUs = 0; // the last statement's start, or end
        bool opening = true;
        bool leased = false;
        bool resetting = false;
    };
    struct Waiter
    {
        quint64 id = 0;
        QPointer<QObject> context;
        QString owner;
        AcquireCallback done;
        qint64 queuedAtUs = 0;
        QMetaObject::Connection contextWatch; // cancels the acquire when the context dies
    };

    void dispatch();
    void openConnection();
    void onOpened(PgConnection *connection, Result<void> result);
    void handOut(Slot &slot, Waiter waiter);
    void deliver(Slot &slot, Waiter waiter);
    void release(PgConnection *connection);
    // Removes and deletes the slot; closeSlot first says why, for a connection that had opened.
    void removeSlot(PgConnection *connection);
    void closeSlot(PgConnection *connection, PoolCloseReason reason);
    Waiter takeWaiter(std::deque<Waiter>::iterator waiter);
    void cancelWaiter(quint64 id);
    void dropDeadWaiters();
    void expireWaiter(quint64 id);
    qint64 nowUs() const { return m_clock->nowUs(); }
    void evict();
    void failHeadWaiter(const Error &error);
    Slot *slotFor(const PgConnection *connection);

    ConnectionParameters m_parameters;
    PoolSettings m_settings;
    std::shared_ptr<const Clock> m_clock;
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::deque<Waiter> m_waiters;
    quint64 m_nextWaiterId = 1;
    QTimer m_evictionTimer;
    PoolStats m_counters;
    bool m_closing = false;
    QString m_instance; // four hex digits, in each connection's application_name
    int m_openedCount = 0;
};

} // namespace mizzle
