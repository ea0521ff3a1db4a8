#include "base/manual_clock.h"
#include "connection/connection_pool.h"
#include "monitor/pool_metrics.h"
#include "test_database.h"

#include <QTest>
#include <cmath>

using namespace mizzle;
using namespace mizzle::monitor;
using mizzle::test::run;

namespace {

constexpr qint64 kSecondUs = 1'000'000;

PoolSettings poolSettings(int max)
{
    PoolSettings settings;
    settings.max = max;
    settings.acquireTimeoutMs = 10'000;
    return settings;
}

Result<ConnectionPool::Lease> acquireAs(ConnectionPool &pool, QObject *context,
                                        const QString &owner)
{
    return test::await<ConnectionPool::Lease>(
        [&](auto done) { pool.acquire(context, owner, std::move(done)); });
}

int serverPid(PgConnection &connection)
{
    const auto pid = run(connection, QStringLiteral("SELECT pg_backend_pid()"));
    return pid.ok() ? pid->text(0, 0).toInt() : -1;
}

} // namespace

class TestPoolMetrics : public QObject
{
    Q_OBJECT
private slots:
    void moreAcquiresThanMaxWaitAndShowInP95();
    void utilizationIsTimeWeighted();
    void timeoutsAndCancelsKeepWhoAsked();
    void holdersNameOwnersPidsAndStatements();
    void leaseHeldPastThresholdIsSuspect();
    void idleInTransactionIsSuspect();
    void closesAreCountedByReason();
    void connectTimesAndFailuresAreCounted();
};

void TestPoolMetrics::moreAcquiresThanMaxWaitAndShowInP95()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(2), clock);
    PoolMetrics metrics(&pool);
    auto first = acquireAs(pool, this, QStringLiteral("first"));
    auto second = acquireAs(pool, this, QStringLiteral("second"));
    QVERIFY2(first.ok() && second.ok(), test::describe(first).constData());

    QList<ConnectionPool::Lease> served;
    for (int waiter = 0; waiter < 3; ++waiter) {
        pool.acquire(this, QStringLiteral("waiter %1").arg(waiter),
                     [&served](Result<ConnectionPool::Lease> lease) {
                         QVERIFY(lease.ok());
                         served.append(lease.value());
                     });
    }
    PoolMetricsSnapshot snapshot = metrics.snapshot();
    QCOMPARE(snapshot.waiting, 3);
    QCOMPARE(snapshot.active, 2);
    QCOMPARE(snapshot.open, 2);
    QCOMPARE(snapshot.utilization, 1.0);

    // Each held lease keeps a waiter waiting for exactly as long as the clock is moved.
    clock->advanceMs(500);
    first = Error{};
    second = Error{};
    QTRY_COMPARE(served.size(), 2);
    clock->advanceMs(500);
    served.removeFirst();
    QTRY_COMPARE(served.size(), 2);

    snapshot = metrics.snapshot();
    QCOMPARE(snapshot.waiting, 0);
    QCOMPARE(snapshot.acquires, 5);
    QCOMPARE(snapshot.acquireWait.count(), 5);
    // Waits of 0, 0, 500, 500 and 1000 ms.
    QCOMPARE(snapshot.acquireWait.max(), 1000 * 1000);
    QVERIFY(snapshot.acquireWait.percentile(0.95) >= 1000 * 1000);
    QVERIFY(snapshot.acquireWait.percentile(0.99) >= 1000 * 1000);
    const qint64 p50 = snapshot.acquireWait.percentile(0.5);
    QVERIFY2(p50 >= 500 * 1000 && double(p50) <= std::sqrt(2.0) * 500 * 1000,
             qPrintable(QString::number(p50)));
    // Three leases came back, each after 500 ms.
    QCOMPARE(snapshot.hold.count(), 3);
    QCOMPARE(snapshot.hold.max(), 500 * 1000);
    QCOMPARE(snapshot.acquireTimeouts, 0);
}

void TestPoolMetrics::utilizationIsTimeWeighted()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(2), clock);
    PoolMetrics metrics(&pool);
    clock->advanceUs(kSecondUs); // a second with nothing leased
    auto lease = acquireAs(pool, this, QStringLiteral("one"));
    QVERIFY(lease.ok());
    clock->advanceUs(kSecondUs); // and one with one of two leased
    PoolMetricsSnapshot snapshot = metrics.snapshot();
    QCOMPARE(snapshot.utilization, 0.5);
    QVERIFY2(std::abs(snapshot.utilizationWindowed - 0.25) < 1e-9,
             qPrintable(QString::number(snapshot.utilizationWindowed)));

    // A minute later the idle second has left the window.
    clock->advanceUs(60 * kSecondUs);
    snapshot = metrics.snapshot();
    QVERIFY2(std::abs(snapshot.utilizationWindowed - 0.5) < 1e-9,
             qPrintable(QString::number(snapshot.utilizationWindowed)));
    lease = Error{};
    clock->advanceUs(30 * kSecondUs); // half the window with nothing leased
    snapshot = metrics.snapshot();
    QCOMPARE(snapshot.utilization, 0.0);
    QVERIFY2(std::abs(snapshot.utilizationWindowed - 0.25) < 1e-9,
             qPrintable(QString::number(snapshot.utilizationWindowed)));
}

void TestPoolMetrics::timeoutsAndCancelsKeepWhoAsked()
{
    auto clock = std::make_shared<ManualClock>();
    PoolSettings impatient = poolSettings(1);
    impatient.acquireTimeoutMs = 200;
    ConnectionPool pool(test::testParameters(), impatient, clock);
    PoolMetrics metrics(&pool);
    auto held = acquireAs(pool, this, QStringLiteral("holder"));
    QVERIFY(held.ok());

    std::optional<Result<ConnectionPool::Lease>> outcome;
    pool.acquire(this, QStringLiteral("export orders"),
                 [&outcome](Result<ConnectionPool::Lease> lease) { outcome = std::move(lease); });
    clock->advanceMs(150); // what the pool's clock says the caller waited
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->ok());

    // A context destroyed while waiting cancels its acquire; unlabelled, it is named by its
    // object name.
    auto tab = std::make_unique<QObject>();
    tab->setObjectName(QStringLiteral("SQL tab 3"));
    bool called = false;
    pool.acquire(tab.get(), [&called](Result<ConnectionPool::Lease>) { called = true; });
    QCOMPARE(metrics.snapshot().waiting, 1);
    clock->advanceMs(70);
    tab.reset();

    const PoolMetricsSnapshot snapshot = metrics.snapshot();
    QCOMPARE(snapshot.waiting, 0);
    QCOMPARE(snapshot.acquireTimeouts, 1);
    QCOMPARE(snapshot.acquireCancels, 1);
    QCOMPARE(snapshot.recentFailures.size(), 2);
    const AcquireFailure &timedOut = snapshot.recentFailures[0];
    QCOMPARE(timedOut.kind, AcquireFailure::Kind::TimedOut);
    QCOMPARE(timedOut.owner, QStringLiteral("export orders"));
    QCOMPARE(timedOut.waitedUs, 150 * 1000);
    const AcquireFailure &cancelled = snapshot.recentFailures[1];
    QCOMPARE(cancelled.kind, AcquireFailure::Kind::Cancelled);
    QCOMPARE(cancelled.owner, QStringLiteral("SQL tab 3"));
    QCOMPARE(cancelled.waitedUs, 70 * 1000);
    QVERIFY(!called);
}

void TestPoolMetrics::holdersNameOwnersPidsAndStatements()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(3), clock);
    PoolMetrics metrics(&pool);
    auto tab = acquireAs(pool, this, QStringLiteral("SQL tab 1"));
    clock->advanceMs(10);
    auto completion = acquireAs(pool, this, QStringLiteral("completion catalog"));
    clock->advanceMs(10);
    QObject unnamed; // no label and no name: its class names it
    auto anonymous = test::await<ConnectionPool::Lease>(
        [&](auto done) { pool.acquire(&unnamed, std::move(done)); });
    QVERIFY(tab.ok() && completion.ok() && anonymous.ok());

    PgConnection locker;
    QVERIFY(test::open(locker).ok());
    QVERIFY(run(locker, QStringLiteral("SELECT pg_advisory_lock(91301)")).ok());
    const QString blocked = QStringLiteral("SELECT pg_advisory_lock(91301)");
    std::optional<Result<QueryResult>> unblocked;
    completion.value()->exec(this, blocked, {}, [&unblocked](Result<QueryResult> result) {
        unblocked = std::move(result);
    });

    QList<PoolHolder> holders = metrics.snapshot().holders;
    QCOMPARE(holders.size(), 3);
    QCOMPARE(holders[0].owner, QStringLiteral("SQL tab 1"));
    QCOMPARE(holders[1].owner, QStringLiteral("completion catalog"));
    QCOMPARE(holders[2].owner, QStringLiteral("QObject"));
    QCOMPARE(holders[0].heldUs, 20 * 1000);
    QCOMPARE(holders[2].heldUs, 0);
    QCOMPARE(holders[1].statement, blocked);
    QVERIFY(holders[0].statement.isEmpty());

    QVERIFY(run(locker, QStringLiteral("SELECT pg_advisory_unlock(91301)")).ok());
    QTRY_VERIFY(unblocked.has_value());
    QVERIFY2(unblocked->ok(), test::describe(*unblocked).constData());
    QVERIFY(run(*completion.value(), QStringLiteral("SELECT pg_advisory_unlock(91301)")).ok());

    // Each holder's pid is the one its own connection reports.
    holders = metrics.snapshot().holders;
    QVERIFY(holders[1].statement.isEmpty());
    QCOMPARE(holders[0].backendPid, serverPid(*tab.value()));
    QCOMPARE(holders[1].backendPid, serverPid(*completion.value()));
    QCOMPARE(holders[2].backendPid, serverPid(*anonymous.value()));
    QVERIFY(holders[0].backendPid != holders[1].backendPid);

    completion = Error{};
    holders = metrics.snapshot().holders;
    QCOMPARE(holders.size(), 2);
    QCOMPARE(holders[1].owner, QStringLiteral("QObject"));
}

void TestPoolMetrics::leaseHeldPastThresholdIsSuspect()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(2), clock);
    PoolMetricsSettings settings;
    settings.leakThresholdUs = 60 * kSecondUs;
    PoolMetrics metrics(&pool, settings);
    auto save = acquireAs(pool, this, QStringLiteral("save public.orders"));
    QVERIFY(save.ok());

    clock->advanceUs(59 * kSecondUs);
    QVERIFY(metrics.leakSuspects().isEmpty());
    auto late = acquireAs(pool, this, QStringLiteral("export"));
    QVERIFY(late.ok());
    clock->advanceUs(2 * kSecondUs);

    const QList<LeakSuspect> suspects = metrics.snapshot().leakSuspects;
    QCOMPARE(suspects.size(), 1); // the export has held its lease for two seconds only
    QCOMPARE(suspects[0].why, LeakSuspect::Why::HeldTooLong);
    QCOMPARE(suspects[0].holder.owner, QStringLiteral("save public.orders"));
    QCOMPARE(suspects[0].holder.heldUs, 61 * kSecondUs);
    QCOMPARE(suspects[0].holder.backendPid, serverPid(*save.value()));

    save = Error{};
    QVERIFY(metrics.leakSuspects().isEmpty());
}

void TestPoolMetrics::idleInTransactionIsSuspect()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(2), clock);
    PoolMetricsSettings settings;
    settings.leakThresholdUs = 3600 * kSecondUs; // only the transaction may flag it
    settings.idleInTransactionThresholdUs = 300 * kSecondUs;
    PoolMetrics metrics(&pool, settings);
    auto tab = acquireAs(pool, this, QStringLiteral("SQL tab 2"));
    auto quiet = acquireAs(pool, this, QStringLiteral("SQL tab 4"));
    QVERIFY(tab.ok() && quiet.ok());
    QVERIFY(run(*tab.value(), QStringLiteral("BEGIN")).ok());
    QVERIFY(run(*tab.value(), QStringLiteral("SELECT 1")).ok());

    clock->advanceUs(299 * kSecondUs);
    QVERIFY(metrics.leakSuspects().isEmpty());
    clock->advanceUs(2 * kSecondUs);
    QList<LeakSuspect> suspects = metrics.leakSuspects();
    QCOMPARE(suspects.size(), 1); // the tab outside a transaction is idle, but not suspect
    QCOMPARE(suspects[0].why, LeakSuspect::Why::IdleInTransaction);
    QCOMPARE(suspects[0].holder.owner, QStringLiteral("SQL tab 2"));
    QVERIFY(suspects[0].holder.inTransaction);
    QCOMPARE(suspects[0].holder.activityUs, 301 * kSecondUs);

    // A statement restarts the idle time; the transaction ending clears it for good.
    QVERIFY(run(*tab.value(), QStringLiteral("SELECT 2")).ok());
    QVERIFY(metrics.leakSuspects().isEmpty());
    QVERIFY(run(*tab.value(), QStringLiteral("COMMIT")).ok());
    clock->advanceUs(400 * kSecondUs);
    QVERIFY(metrics.leakSuspects().isEmpty());
}

void TestPoolMetrics::closesAreCountedByReason()
{
    auto clock = std::make_shared<ManualClock>();
    PoolSettings settings = poolSettings(2);
    settings.idleTimeoutMs = 1000;
    settings.maxLifetimeMs = 0;
    ConnectionPool pool(test::testParameters(), settings, clock);
    PoolMetrics metrics(&pool);

    // Idle timeout: the eviction timer finds it idle for longer than the pool's clock allows.
    QVERIFY(acquireAs(pool, this, QStringLiteral("idle")).ok());
    QCOMPARE(metrics.snapshot().idle, 1);
    clock->advanceMs(1500);
    QTRY_COMPARE(metrics.snapshot().closes.idleTimeout, 1);
    QCOMPARE(metrics.snapshot().open, 0);

    // Broken: the server terminates an idle connection.
    int victim = 0;
    {
        auto lease = acquireAs(pool, this, QStringLiteral("victim"));
        QVERIFY(lease.ok());
        victim = lease.value()->backendPid();
    }
    PgConnection admin;
    QVERIFY(test::open(admin).ok());
    QVERIFY(run(admin, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(victim)).ok());
    QTRY_COMPARE(metrics.snapshot().closes.broken, 1);

    // Error: a lease dropped mid-statement comes back in a state nobody can vouch for.
    QVERIFY(run(admin, QStringLiteral("SELECT pg_advisory_lock(91302)")).ok());
    {
        auto lease = acquireAs(pool, this, QStringLiteral("dropped"));
        QVERIFY(lease.ok());
        lease.value()->exec(this, QStringLiteral("SELECT pg_advisory_lock(91302)"), {},
                            [](const Result<QueryResult> &) {});
    }
    QCOMPARE(metrics.snapshot().closes.error, 1);
    QVERIFY(run(admin, QStringLiteral("SELECT pg_advisory_unlock(91302)")).ok());

    // Max lifetime: a lease returned after the connection's lifetime is over.
    PoolSettings shortLived = poolSettings(1);
    shortLived.idleTimeoutMs = 0;
    shortLived.maxLifetimeMs = 1000;
    ConnectionPool retiring(test::testParameters(), shortLived, clock);
    PoolMetrics retired(&retiring);
    {
        auto lease = acquireAs(retiring, this, QStringLiteral("old"));
        QVERIFY(lease.ok());
        clock->advanceMs(1001);
    }
    const PoolCloseCounts closes = retired.snapshot().closes;
    QCOMPARE(closes.maxLifetime, 1);
    QCOMPARE(closes.idleTimeout + closes.broken + closes.error, 0);
}

void TestPoolMetrics::connectTimesAndFailuresAreCounted()
{
    auto clock = std::make_shared<ManualClock>();
    ConnectionPool pool(test::testParameters(), poolSettings(1), clock);
    PoolMetrics metrics(&pool);
    QVERIFY(acquireAs(pool, this, QStringLiteral("first")).ok());
    QCOMPARE(metrics.snapshot().connect.count(), 1);

    ConnectionParameters nowhere = test::testParameters();
    nowhere.set(QStringLiteral("host"), QStringLiteral("/nonexistent-socket-dir"));
    ConnectionPool unreachable(nowhere, poolSettings(1), clock);
    PoolMetrics failing(&unreachable);
    QVERIFY(!acquireAs(unreachable, this, QStringLiteral("doomed")).ok());
    const PoolMetricsSnapshot snapshot = failing.snapshot();
    QCOMPARE(snapshot.connectFailures, 1);
    QCOMPARE(snapshot.connect.count(), 0);
    QCOMPARE(snapshot.acquires, 0);
}

QTEST_GUILESS_MAIN(TestPoolMetrics)
#include "tst_pool_metrics.moc"
