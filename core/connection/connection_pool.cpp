#include "connection/connection_pool.h"

#include "connection/read_only_transaction.h"

#include <algorithm>

namespace mizzle {

ConnectionPool::ConnectionPool(ConnectionParameters parameters, PoolSettings settings,
                               QObject *parent)
    : QObject(parent)
    , m_parameters(std::move(parameters))
    , m_settings(settings)
{
    m_settings.max = std::max(1, m_settings.max);
    int shortest = 5000;
    for (int limit : {m_settings.idleTimeoutMs, m_settings.maxLifetimeMs}) {
        if (limit > 0)
            shortest = std::min(shortest, limit);
    }
    // Check a few times per shortest limit, so a connection outlives it by a fraction at most.
    m_evictionTimer.setInterval(std::max(20, shortest / 4));
    connect(&m_evictionTimer, &QTimer::timeout, this, &ConnectionPool::evict);
    m_evictionTimer.start();
}

ConnectionPool::~ConnectionPool()
{
    m_closing = true;
    m_waiters.clear();
    m_slots.clear();
}

void ConnectionPool::acquire(QObject *context, AcquireCallback done)
{
    Waiter waiter{m_nextWaiterId++, context, std::move(done), {}};
    waiter.waited.start();
    if (m_settings.acquireTimeoutMs > 0)
        QTimer::singleShot(m_settings.acquireTimeoutMs, this,
                           [this, id = waiter.id] { expireWaiter(id); });
    m_waiters.push_back(std::move(waiter));
    dispatch();
}

void ConnectionPool::execute(QObject *context, const QString &sql,
                             const PgConnection::Parameters &parameters,
                             PgConnection::QueryCallback done)
{
    acquire(context, [context, sql, parameters, done = std::move(done)](Result<Lease> lease) {
        if (!lease.ok()) {
            done(lease.error());
            return;
        }
        PgConnection *connection = lease->get();
        connection->exec(
            context, sql, parameters,
            [done, held = lease.value()](Result<QueryResult> result) { done(std::move(result)); });
    });
}

void ConnectionPool::dispatch()
{
    std::erase_if(m_waiters, [](const Waiter &waiter) { return waiter.context.isNull(); });
    while (!m_waiters.empty()) {
        // The most recently used idle connection goes first, so surplus ones age out.
        Slot *best = nullptr;
        for (auto &slot : m_slots) {
            const bool idle = !slot->opening && !slot->leased && !slot->resetting;
            if (idle && (!best || slot->idleFor.elapsed() < best->idleFor.elapsed()))
                best = slot.get();
        }
        if (!best)
            break;
        Waiter waiter = std::move(m_waiters.front());
        m_waiters.pop_front();
        handOut(*best, std::move(waiter));
    }
    const auto opening = std::count_if(m_slots.begin(), m_slots.end(),
                                       [](const auto &slot) { return slot->opening; });
    for (auto needed = qsizetype(m_waiters.size()) - opening;
         needed > 0 && int(m_slots.size()) < m_settings.max; --needed)
        openConnection();
    emit statsChanged();
}

void ConnectionPool::openConnection()
{
    auto slot = std::make_unique<Slot>();
    slot->connection = std::make_unique<PgConnection>();
    slot->age.start();
    PgConnection *connection = slot->connection.get();
    m_slots.push_back(std::move(slot));
    connect(connection, &PgConnection::broken, this, [this, connection] {
        const Slot *owner = slotFor(connection);
        if (owner && !owner->leased && !owner->opening) {
            removeSlot(connection);
            dispatch();
        }
    });
    if (m_settings.connectionTimeoutMs > 0) {
        QTimer::singleShot(m_settings.connectionTimeoutMs, connection, [this, connection] {
            if (connection->state() != PgConnection::State::Connecting)
                return;
            connection->close();
            onOpened(connection,
                     Error{QStringLiteral("could not connect within %1 s")
                               .arg(m_settings.connectionTimeoutMs / 1000.0),
                           m_parameters.displayName(),
                           QStringLiteral("Check that the server is reachable, or raise "
                                          "pool.connectionTimeout in the profile."),
                           {},
                           {},
                           -1});
        });
    }
    connection->open(this, m_parameters, [this, connection](Result<void> result) {
        onOpened(connection, std::move(result));
    });
}

void ConnectionPool::onOpened(PgConnection *connection, Result<void> result)
{
    Slot *slot = slotFor(connection);
    if (!slot || !slot->opening)
        return;
    if (!result.ok()) {
        removeSlot(connection);
        failHeadWaiter(result.error());
        dispatch();
        return;
    }
    slot->opening = false;
    slot->idleFor.start();
    dispatch();
}

void ConnectionPool::handOut(Slot &slot, Waiter waiter)
{
    slot.leased = true;
    if (!m_settings.readOnly) {
        deliver(slot, std::move(waiter));
        return;
    }
    // Sealed before the caller sees the connection, so that not even its first statement runs
    // outside the read-only transaction.
    PgConnection *connection = slot.connection.get();
    connection->execScript(
        this, readOnlyTransactionBegin(),
        [this, connection, waiter = std::move(waiter)](const Result<QueryResult> &sealed) mutable {
            Slot *owner = slotFor(connection);
            if (!owner)
                return;
            if (sealed.ok()) {
                deliver(*owner, std::move(waiter));
                return;
            }
            owner->leased = false;
            removeSlot(connection);
            if (waiter.context)
                waiter.done(sealed.error());
            dispatch();
        });
}

void ConnectionPool::deliver(Slot &slot, Waiter waiter)
{
    const qint64 waited = waiter.waited.elapsed();
    ++m_counters.acquireCount;
    m_counters.lastAcquireWaitMs = waited;
    m_counters.maxAcquireWaitMs = std::max(m_counters.maxAcquireWaitMs, waited);
    m_counters.totalAcquireWaitMs += waited;
    QPointer<ConnectionPool> pool(this);
    Lease lease(slot.connection.get(), [pool](PgConnection *connection) {
        if (pool)
            pool->release(connection);
    });
    // Deliver from the event loop: if the context dies first (it may have while the lease was
    // being sealed), the lease is dropped unused and the connection comes straight back.
    // A pool destroyed before then took the connection with it: the lease is then dropped
    // without being handed out.
    if (!waiter.context)
        return;
    QTimer::singleShot(0, waiter.context.data(), [pool, done = std::move(waiter.done), lease] {
        if (pool)
            done(lease);
    });
}

void ConnectionPool::release(PgConnection *connection)
{
    Slot *slot = slotFor(connection);
    if (m_closing || !slot)
        return;
    slot->leased = false;
    const bool expired =
        m_settings.maxLifetimeMs > 0 && slot->age.elapsed() >= m_settings.maxLifetimeMs;
    if (connection->state() != PgConnection::State::Idle || expired) {
        // Broken, or dropped with a statement still running: a fresh connection is cheaper
        // than guessing what state this one is in.
        removeSlot(connection);
    } else if (connection->inTransaction()) {
        slot->resetting = true;
        connection->execScript(this, QStringLiteral("ROLLBACK"),
                               [this, connection](const Result<QueryResult> &result) {
                                   Slot *resetSlot = slotFor(connection);
                                   if (!resetSlot)
                                       return;
                                   resetSlot->resetting = false;
                                   if (result.ok())
                                       resetSlot->idleFor.restart();
                                   else
                                       removeSlot(connection);
                                   dispatch();
                               });
    } else {
        slot->idleFor.restart();
    }
    dispatch();
}

void ConnectionPool::removeSlot(PgConnection *connection)
{
    auto found = std::find_if(m_slots.begin(), m_slots.end(), [connection](const auto &slot) {
        return slot->connection.get() == connection;
    });
    if (found == m_slots.end())
        return;
    std::unique_ptr<Slot> slot = std::move(*found);
    m_slots.erase(found);
    // The connection may be the sender of the signal being handled: delete it later.
    slot->connection.release()->deleteLater();
}

void ConnectionPool::expireWaiter(quint64 id)
{
    auto found = std::find_if(m_waiters.begin(), m_waiters.end(),
                              [id](const Waiter &waiter) { return waiter.id == id; });
    if (found == m_waiters.end())
        return;
    Waiter waiter = std::move(*found);
    m_waiters.erase(found);
    ++m_counters.acquireTimeouts;
    const PoolStats now = stats();
    const Error error{QStringLiteral("no connection became free within %1 s (%2 of %3 in use)")
                          .arg(m_settings.acquireTimeoutMs / 1000.0)
                          .arg(now.active)
                          .arg(now.max),
                      m_parameters.displayName(),
                      QStringLiteral("Wait for running statements to finish or cancel them, or "
                                     "raise pool.max or pool.acquireTimeout in the profile."),
                      {},
                      {},
                      -1};
    if (waiter.context)
        waiter.done(error);
    emit statsChanged();
}

void ConnectionPool::evict()
{
    std::vector<PgConnection *> doomed;
    for (const auto &slot : m_slots) {
        if (slot->opening || slot->leased || slot->resetting)
            continue;
        const bool idleTooLong =
            m_settings.idleTimeoutMs > 0 && slot->idleFor.elapsed() >= m_settings.idleTimeoutMs;
        const bool tooOld =
            m_settings.maxLifetimeMs > 0 && slot->age.elapsed() >= m_settings.maxLifetimeMs;
        if (idleTooLong || tooOld)
            doomed.push_back(slot->connection.get());
    }
    for (PgConnection *connection : doomed)
        removeSlot(connection);
    if (!doomed.empty())
        dispatch();
}

void ConnectionPool::failHeadWaiter(const Error &error)
{
    std::erase_if(m_waiters, [](const Waiter &waiter) { return waiter.context.isNull(); });
    if (m_waiters.empty())
        return;
    Waiter waiter = std::move(m_waiters.front());
    m_waiters.pop_front();
    waiter.done(error);
}

ConnectionPool::Slot *ConnectionPool::slotFor(const PgConnection *connection)
{
    for (auto &slot : m_slots) {
        if (slot->connection.get() == connection)
            return slot.get();
    }
    return nullptr;
}

PoolStats ConnectionPool::stats() const
{
    PoolStats stats = m_counters;
    stats.max = m_settings.max;
    stats.total = int(m_slots.size());
    for (const auto &slot : m_slots) {
        if (slot->opening)
            ++stats.opening;
        else if (slot->leased || slot->resetting)
            ++stats.active;
        else
            ++stats.idle;
    }
    stats.waiting = int(m_waiters.size());
    return stats;
}

} // namespace mizzle
