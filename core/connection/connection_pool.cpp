#include "connection/connection_pool.h"

#include "connection/read_only_transaction.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace mizzle {

ConnectionPool::ConnectionPool(ConnectionParameters parameters, PoolSettings settings,
                               QObject *parent)
    : ConnectionPool(std::move(parameters), settings, Clock::steady(), parent)
{}

ConnectionPool::ConnectionPool(ConnectionParameters parameters, PoolSettings settings,
                               std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_parameters(std::move(parameters))
    , m_settings(settings)
    , m_clock(clock ? std::move(clock) : Clock::steady())
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
    m_instance =
        QString::number(QRandomGenerator::global()->bounded(0x10000u), 16).rightJustified(4, u'0');
}

ConnectionPool::~ConnectionPool()
{
    m_closing = true;
    for (const Waiter &waiter : m_waiters)
        disconnect(waiter.contextWatch);
    m_waiters.clear();
    m_slots.clear();
}

QString ConnectionPool::ownerOf(const QObject *context)
{
    if (!context)
        return {};
    const QString name = context->objectName();
    return name.isEmpty() ? QString::fromLatin1(context->metaObject()->className()) : name;
}

void ConnectionPool::acquire(QObject *context, AcquireCallback done)
{
    acquire(context, ownerOf(context), std::move(done));
}

void ConnectionPool::acquire(QObject *context, const QString &owner, AcquireCallback done)
{
    Waiter waiter{m_nextWaiterId++, context, owner.isEmpty() ? ownerOf(context) : owner,
                  std::move(done),  nowUs(), {}};
    if (context)
        waiter.contextWatch = connect(context, &QObject::destroyed, this,
                                      [this, id = waiter.id] { cancelWaiter(id); });
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
    execute(context, ownerOf(context), sql, parameters, std::move(done));
}

void ConnectionPool::execute(QObject *context, const QString &owner, const QString &sql,
                             const PgConnection::Parameters &parameters,
                             PgConnection::QueryCallback done)
{
    acquire(context, owner,
            [context, sql, parameters, done = std::move(done)](Result<Lease> lease) {
                if (!lease.ok()) {
                    done(lease.error());
                    return;
                }
                PgConnection *connection = lease->get();
                connection->exec(context, sql, parameters,
                                 [done, held = lease.value()](Result<QueryResult> result) {
                                     done(std::move(result));
                                 });
            });
}

ConnectionPool::Waiter ConnectionPool::takeWaiter(std::deque<Waiter>::iterator found)
{
    Waiter waiter = std::move(*found);
    m_waiters.erase(found);
    disconnect(waiter.contextWatch);
    return waiter;
}

void ConnectionPool::cancelWaiter(quint64 id)
{
    auto found = std::find_if(m_waiters.begin(), m_waiters.end(),
                              [id](const Waiter &waiter) { return waiter.id == id; });
    if (m_closing || found == m_waiters.end())
        return;
    const Waiter waiter = takeWaiter(found);
    emit acquireCancelled(waiter.owner, nowUs() - waiter.queuedAtUs);
    emit statsChanged();
}

void ConnectionPool::dropDeadWaiters()
{
    // Only a context on another thread could die unseen by its destroyed() connection.
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (!it->context.isNull()) {
            ++it;
            continue;
        }
        const Waiter waiter = takeWaiter(it);
        emit acquireCancelled(waiter.owner, nowUs() - waiter.queuedAtUs);
        it = m_waiters.begin();
    }
}

void ConnectionPool::dispatch()
{
    dropDeadWaiters();
    while (!m_waiters.empty()) {
        // The most recently used idle connection goes first, so surplus ones age out.
        Slot *best = nullptr;
        for (auto &slot : m_slots) {
            const bool idle = !slot->opening && !slot->leased && !slot->resetting;
            if (idle && (!best || slot->idleSinceUs > best->idleSinceUs))
                best = slot.get();
        }
        if (!best)
            break;
        handOut(*best, takeWaiter(m_waiters.begin()));
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
    slot->openedAtUs = nowUs();
    PgConnection *connection = slot->connection.get();
    m_slots.push_back(std::move(slot));
    connect(connection, &PgConnection::broken, this, [this, connection] {
        const Slot *owner = slotFor(connection);
        if (owner && !owner->leased && !owner->opening) {
            closeSlot(connection, PoolCloseReason::Broken);
            dispatch();
        }
    });
    const auto stamp = [this, connection] {
        if (Slot *owner = slotFor(connection))
            owner->activitySinceUs = nowUs();
    };
    connect(connection, &PgConnection::statementStarted, this, stamp);
    connect(connection, &PgConnection::statementFinished, this, stamp);
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
    // Each connection's own application_name, so that PgBouncer's SHOW CLIENTS and
    // pg_stat_activity tell which lease is which.
    ConnectionParameters parameters = m_parameters;
    m_slots.back()->applicationName = connectionApplicationName(
        m_parameters.value(QStringLiteral("application_name")), m_instance, ++m_openedCount);
    parameters.set(QStringLiteral("application_name"), m_slots.back()->applicationName);
    connection->open(this, parameters, [this, connection](Result<void> result) {
        onOpened(connection, std::move(result));
    });
}

void ConnectionPool::onOpened(PgConnection *connection, Result<void> result)
{
    Slot *slot = slotFor(connection);
    if (!slot || !slot->opening)
        return;
    const qint64 tookUs = nowUs() - slot->openedAtUs;
    if (!result.ok()) {
        removeSlot(connection);
        emit connectFailed(result.error().message, tookUs);
        failHeadWaiter(result.error());
        dispatch();
        return;
    }
    slot->opening = false;
    slot->idleSinceUs = nowUs();
    emit connectionOpened(tookUs);
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
            closeSlot(connection, connection->state() == PgConnection::State::Broken
                                      ? PoolCloseReason::Broken
                                      : PoolCloseReason::Error);
            if (waiter.context)
                waiter.done(sealed.error());
            dispatch();
        });
}

void ConnectionPool::deliver(Slot &slot, Waiter waiter)
{
    const qint64 now = nowUs();
    const qint64 waitedUs = now - waiter.queuedAtUs;
    const qint64 waited = waitedUs / 1000;
    if (waiter.context) {
        ++m_counters.acquireCount;
        m_counters.lastAcquireWaitMs = waited;
        m_counters.maxAcquireWaitMs = std::max(m_counters.maxAcquireWaitMs, waited);
        m_counters.totalAcquireWaitMs += waited;
        slot.leasedAtUs = now;
        slot.owner = waiter.owner;
        slot.ownerContext = waiter.context;
        slot.activitySinceUs = now;
        emit leased(waiter.owner, waitedUs);
    } else {
        emit acquireCancelled(waiter.owner, waitedUs);
    }
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
    slot->ownerContext = nullptr;
    if (const auto leasedAt = std::exchange(slot->leasedAtUs, std::nullopt))
        emit released(std::exchange(slot->owner, {}), nowUs() - *leasedAt);
    const bool expired = m_settings.maxLifetimeMs > 0 &&
                         nowUs() - slot->openedAtUs >= m_settings.maxLifetimeMs * 1000LL;
    const PgConnection::State state = connection->state();
    if (state != PgConnection::State::Idle) {
        // Broken, or dropped with a statement still running: a fresh connection is cheaper
        // than guessing what state this one is in.
        closeSlot(connection,
                  state == PgConnection::State::Broken || state == PgConnection::State::Closed
                      ? PoolCloseReason::Broken
                      : PoolCloseReason::Error);
    } else if (expired) {
        closeSlot(connection, PoolCloseReason::MaxLifetime);
    } else if (connection->inTransaction()) {
        slot->resetting = true;
        connection->execScript(this, QStringLiteral("ROLLBACK"),
                               [this, connection](const Result<QueryResult> &result) {
                                   Slot *resetSlot = slotFor(connection);
                                   if (!resetSlot)
                                       return;
                                   resetSlot->resetting = false;
                                   if (result.ok())
                                       resetSlot->idleSinceUs = nowUs();
                                   else
                                       closeSlot(connection, PoolCloseReason::Error);
                                   dispatch();
                               });
    } else {
        slot->idleSinceUs = nowUs();
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

void ConnectionPool::closeSlot(PgConnection *connection, PoolCloseReason reason)
{
    if (!slotFor(connection))
        return;
    removeSlot(connection);
    emit connectionClosed(reason);
}

void ConnectionPool::expireWaiter(quint64 id)
{
    auto found = std::find_if(m_waiters.begin(), m_waiters.end(),
                              [id](const Waiter &waiter) { return waiter.id == id; });
    if (found == m_waiters.end())
        return;
    Waiter waiter = takeWaiter(found);
    ++m_counters.acquireTimeouts;
    emit acquireTimedOut(waiter.owner, nowUs() - waiter.queuedAtUs);
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
    std::vector<std::pair<PgConnection *, PoolCloseReason>> doomed;
    const qint64 now = nowUs();
    for (const auto &slot : m_slots) {
        if (slot->opening || slot->leased || slot->resetting)
            continue;
        const bool idleTooLong = m_settings.idleTimeoutMs > 0 &&
                                 now - slot->idleSinceUs >= m_settings.idleTimeoutMs * 1000LL;
        const bool tooOld = m_settings.maxLifetimeMs > 0 &&
                            now - slot->openedAtUs >= m_settings.maxLifetimeMs * 1000LL;
        if (tooOld)
            doomed.emplace_back(slot->connection.get(), PoolCloseReason::MaxLifetime);
        else if (idleTooLong)
            doomed.emplace_back(slot->connection.get(), PoolCloseReason::IdleTimeout);
    }
    for (const auto &[connection, reason] : doomed)
        closeSlot(connection, reason);
    if (!doomed.empty())
        dispatch();
}

void ConnectionPool::failHeadWaiter(const Error &error)
{
    dropDeadWaiters();
    if (m_waiters.empty())
        return;
    Waiter waiter = takeWaiter(m_waiters.begin());
    waiter.done(error);
}

ConnectionPool::Slot *ConnectionPool::slotFor(const PgConnection *connection)
{
    // While the destructor clears m_slots, a closing connection still signals (a statement cut
    // short, a broken socket); the slots already destroyed are null by then.
    if (m_closing)
        return nullptr;
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
    if (!m_waiters.empty())
        stats.longestWaitUs = nowUs() - m_waiters.front().queuedAtUs;
    return stats;
}

QString ConnectionPool::connectionApplicationName(const QString &base, const QString &instance,
                                                  int number)
{
    const QString suffix = QStringLiteral("/%1-%2").arg(instance).arg(number);
    const QString name = base.isEmpty() ? QStringLiteral("Mizzle") : base;
    // The server keeps 63 bytes of it; the suffix is what must survive.
    QString kept = name;
    while (!kept.isEmpty() && (kept + suffix).toUtf8().size() > 63)
        kept.chop(1);
    return kept + suffix;
}

bool ConnectionPool::isPoolApplicationName(const QString &name, const QString &base)
{
    if (name == base)
        return true; // a connection opened before the suffix, or by another tool of the name
    static const QRegularExpression suffix(QStringLiteral("/[0-9a-f]{4}-[0-9]+$"));
    const QRegularExpressionMatch match = suffix.match(name);
    if (!match.hasMatch())
        return false;
    const QString kept = name.left(match.capturedStart());
    const QString full = base.isEmpty() ? QStringLiteral("Mizzle") : base;
    // Or a long base, shortened to make room for the suffix: only then is the name that long.
    return kept == full || (!kept.isEmpty() && name.toUtf8().size() >= 60 && full.startsWith(kept));
}

QList<PoolHolder> ConnectionPool::holders() const
{
    const qint64 now = nowUs();
    QList<PoolHolder> holders;
    for (const auto &slot : m_slots) {
        if (!slot->leasedAtUs)
            continue;
        const PgConnection &connection = *slot->connection;
        holders.append({slot->owner, *slot->leasedAtUs, now - *slot->leasedAtUs,
                        connection.backendPid(), connection.currentStatement(),
                        connection.inTransaction(), now - slot->activitySinceUs, slot->ownerContext,
                        slot->applicationName});
    }
    std::sort(holders.begin(), holders.end(),
              [](const PoolHolder &a, const PoolHolder &b) { return a.leasedAtUs < b.leasedAtUs; });
    return holders;
}

} // namespace mizzle
