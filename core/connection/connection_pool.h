#pragma once

#include "connection/connection_parameters.h"
#include "connection/pg_connection.h"
#include "connection/pool_settings.h"
#include "connection/pool_stats.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <memory>
#include <vector>

namespace mizzle {

// The only way Mizzle reaches a database. A fixed maximum of connections; callers that find
// none free wait first-in, first-out, up to acquireTimeout. Idle connections are closed after
// idleTimeout, every connection after maxLifetime. A released connection left inside a
// transaction is rolled back before anyone else gets it; a broken one is dropped. With
// PoolSettings::readOnly, each lease is handed out inside a sealed read-only transaction.
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
    ~ConnectionPool() override;

    // The callback runs from the event loop, and not at all if `context` is destroyed first.
    void acquire(QObject *context, AcquireCallback done);

    // Borrows a connection for one statement and returns it right after.
    void execute(QObject *context, const QString &sql, const PgConnection::Parameters &parameters,
                 PgConnection::QueryCallback done);

    PoolStats stats() const;
    const ConnectionParameters &parameters() const { return m_parameters; }
    const PoolSettings &settings() const { return m_settings; }

signals:
    void statsChanged();

private:
    struct Slot
    {
        std::unique_ptr<PgConnection> connection;
        QElapsedTimer age;
        QElapsedTimer idleFor;
        bool opening = true;
        bool leased = false;
        bool resetting = false;
    };
    struct Waiter
    {
        quint64 id = 0;
        QPointer<QObject> context;
        AcquireCallback done;
        QElapsedTimer waited;
    };

    void dispatch();
    void openConnection();
    void onOpened(PgConnection *connection, Result<void> result);
    void handOut(Slot &slot, Waiter waiter);
    void deliver(Slot &slot, Waiter waiter);
    void release(PgConnection *connection);
    void removeSlot(PgConnection *connection);
    void expireWaiter(quint64 id);
    void evict();
    void failHeadWaiter(const Error &error);
    Slot *slotFor(const PgConnection *connection);

    ConnectionParameters m_parameters;
    PoolSettings m_settings;
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::deque<Waiter> m_waiters;
    quint64 m_nextWaiterId = 1;
    QTimer m_evictionTimer;
    PoolStats m_counters;
    bool m_closing = false;
};

} // namespace mizzle
