#include "connection/connection_pool.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using mizzle::test::acquire;
using mizzle::test::run;

class TestConnectionPool : public QObject
{
    Q_OBJECT
private slots:
    void acquireAndRelease();
    void acquireTimesOutAndServesWaitersInOrder();
    void idleConnectionsAreEvicted();
    void oldConnectionsAreRetired();
    void releaseInsideTransactionComesBackClean();
    void terminatedConnectionIsReplaced();
    void unreachableServerReportsWhere();
    void executeNeverCallsBackIntoADestroyedContext();
    void destroyingThePoolDropsLeasesOnTheirWay();
    void destroyingThePoolWhileACallbackHoldsALease();

private:
    static PoolSettings settings(int max)
    {
        PoolSettings settings;
        settings.max = max;
        settings.acquireTimeoutMs = 10'000;
        return settings;
    }
};

void TestConnectionPool::acquireAndRelease()
{
    ConnectionPool pool(test::testParameters(), settings(2));
    auto lease = acquire(pool, this);
    QVERIFY2(lease.ok(), test::describe(lease).constData());
    QCOMPARE(pool.stats().active, 1);
    QCOMPARE(pool.stats().total, 1);
    const int pid = lease.value()->backendPid();
    QVERIFY(pid > 0);
    lease = Error{};
    QCOMPARE(pool.stats().active, 0);
    QCOMPARE(pool.stats().idle, 1);

    auto again = acquire(pool, this);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->backendPid(), pid); // the idle connection is reused
    QCOMPARE(pool.stats().acquireCount, 2);
}

void TestConnectionPool::acquireTimesOutAndServesWaitersInOrder()
{
    PoolSettings limited = settings(1);
    limited.acquireTimeoutMs = 300;
    ConnectionPool pool(test::testParameters(), limited);
    auto held = acquire(pool, this);
    QVERIFY(held.ok());

    // Nobody releases: the waiter times out with an error that says why.
    auto timedOut = acquire(pool, this);
    QVERIFY(!timedOut.ok());
    QVERIFY2(timedOut.error().message.contains(QStringLiteral("1 of 1 in use")),
             qPrintable(timedOut.error().message));
    QCOMPARE(pool.stats().acquireTimeouts, 1);

    // Three waiters queue up; each release goes to the oldest of them.
    PoolSettings patient = settings(1);
    ConnectionPool fifo(test::testParameters(), patient);
    auto first = acquire(fifo, this);
    QVERIFY(first.ok());
    QList<int> order;
    QList<ConnectionPool::Lease> leases;
    for (int waiter = 0; waiter < 3; ++waiter) {
        fifo.acquire(this, [&order, &leases, waiter](Result<ConnectionPool::Lease> lease) {
            QVERIFY(lease.ok());
            order.append(waiter);
            leases.append(lease.value());
        });
    }
    QTRY_COMPARE(fifo.stats().waiting, 3);
    first = Error{};
    QTRY_COMPARE(order.size(), 1);
    leases.clear();
    QTRY_COMPARE(order.size(), 2);
    leases.clear();
    QTRY_COMPARE(order.size(), 3);
    QCOMPARE(order, (QList<int>{0, 1, 2}));
    QVERIFY(fifo.stats().maxAcquireWaitMs >= 0);
}

void TestConnectionPool::idleConnectionsAreEvicted()
{
    PoolSettings shortIdle = settings(3);
    shortIdle.idleTimeoutMs = 200;
    ConnectionPool pool(test::testParameters(), shortIdle);
    {
        auto a = acquire(pool, this);
        auto b = acquire(pool, this);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(pool.stats().total, 2);
    }
    QCOMPARE(pool.stats().idle, 2);
    QTRY_COMPARE(pool.stats().total, 0);
}

void TestConnectionPool::oldConnectionsAreRetired()
{
    PoolSettings shortLife = settings(1);
    shortLife.idleTimeoutMs = 0; // never idle out: only the lifetime may retire it
    shortLife.maxLifetimeMs = 300;
    ConnectionPool pool(test::testParameters(), shortLife);
    int pid = 0;
    {
        auto lease = acquire(pool, this);
        QVERIFY(lease.ok());
        pid = lease.value()->backendPid();
    }
    QCOMPARE(pool.stats().idle, 1);
    QTRY_COMPARE(pool.stats().total, 0);
    auto fresh = acquire(pool, this);
    QVERIFY(fresh.ok());
    QVERIFY(fresh.value()->backendPid() != pid);
}

void TestConnectionPool::releaseInsideTransactionComesBackClean()
{
    ConnectionPool pool(test::testParameters(), settings(1));
    auto lease = acquire(pool, this);
    QVERIFY(lease.ok());
    QVERIFY(run(*lease.value(), QStringLiteral("BEGIN; CREATE TEMP TABLE leftover(x int)")).ok());
    QVERIFY(lease.value()->inTransaction());
    lease = Error{};

    auto next = acquire(pool, this);
    QVERIFY(next.ok());
    QVERIFY(!next.value()->inTransaction());
    // The rolled-back transaction took its table with it.
    auto check = run(*next.value(), QStringLiteral("SELECT to_regclass('pg_temp.leftover')"));
    QVERIFY(check.ok());
    QVERIFY(check->isNull(0, 0));
}

void TestConnectionPool::terminatedConnectionIsReplaced()
{
    ConnectionPool pool(test::testParameters(), settings(2));
    int victim = 0;
    {
        auto lease = acquire(pool, this);
        QVERIFY(lease.ok());
        victim = lease.value()->backendPid();
    }
    ConnectionPool admin(test::testParameters(), settings(1));
    auto killed =
        run(admin, QStringLiteral("SELECT pg_terminate_backend($1)"), {QString::number(victim)});
    QVERIFY2(killed.ok(), test::describe(killed).constData());
    QCOMPARE(killed->text(0, 0), QStringLiteral("t"));

    // The idle connection notices the server hung up and leaves the pool.
    QTRY_COMPARE(pool.stats().total, 0);
    auto replaced = run(pool, QStringLiteral("SELECT pg_backend_pid()"));
    QVERIFY2(replaced.ok(), test::describe(replaced).constData());
    QVERIFY(replaced->text(0, 0).toInt() != victim);
}

void TestConnectionPool::unreachableServerReportsWhere()
{
    ConnectionParameters nowhere = test::testParameters();
    nowhere.set(QStringLiteral("host"), QStringLiteral("/nonexistent-socket-dir"));
    ConnectionPool pool(nowhere, settings(1));
    auto lease = acquire(pool, this);
    QVERIFY(!lease.ok());
    QVERIFY(lease.error().where.contains(QStringLiteral("/nonexistent-socket-dir")));
    QVERIFY(!lease.error().hint.isEmpty());
    QCOMPARE(pool.stats().total, 0);
}

// The context guarded only the acquire: a statement already sent called back into whatever its
// context had been. Now the statement is cancelled and its connection comes back clean.
void TestConnectionPool::executeNeverCallsBackIntoADestroyedContext()
{
    ConnectionPool pool(test::testParameters(), settings(1));
    QVERIFY(run(pool, QStringLiteral("CREATE TABLE IF NOT EXISTS pool_locked (x int)")).ok());
    int pid = 0;
    {
        auto lease = acquire(pool, this);
        QVERIFY(lease.ok());
        pid = lease.value()->backendPid();
    }
    PgConnection holder;
    QVERIFY(test::open(holder).ok());
    QVERIFY(
        run(holder, QStringLiteral("BEGIN; LOCK TABLE pool_locked IN ACCESS EXCLUSIVE MODE")).ok());

    int calls = 0;
    auto context = std::make_unique<QObject>();
    pool.execute(context.get(), QStringLiteral("SELECT count(*) FROM pool_locked"), {},
                 [&calls](const Result<QueryResult> &) { ++calls; });
    QTRY_COMPARE(test::waitingLocks(holder, pid), 1);
    context.reset();
    QTRY_COMPARE(test::waitingLocks(holder, pid), 0); // cancelled, though the lock is still held
    QTRY_COMPARE(pool.stats().idle, 1);
    QVERIFY(run(holder, QStringLiteral("ROLLBACK")).ok());

    auto again = acquire(pool, this);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->backendPid(), pid); // returned clean, not thrown away
    QVERIFY(!again.value()->inTransaction());
    QCOMPARE(calls, 0);
}

// A lease is handed out from the event loop; a pool destroyed before then must not hand out a
// connection it has already closed.
void TestConnectionPool::destroyingThePoolWhileACallbackHoldsALease()
{
    auto pool = std::make_unique<ConnectionPool>(test::testParameters(), settings(2));
    auto first = acquire(*pool, this);
    auto second = acquire(*pool, this);
    QVERIFY(first.ok() && second.ok());
    // The second connection's pending statement keeps its lease, as a reader's page does. When
    // the pool destroys that connection, the callback goes with it and returns the lease while
    // the first slot is already gone: the pool must not look through its half-cleared slots.
    ConnectionPool::Lease held = second.value();
    bool answered = false;
    held->exec(this, QStringLiteral("SELECT pg_sleep(1)"), {},
               [held, &answered](Result<QueryResult>) { answered = true; });
    held.reset();
    second = Error{};
    first = Error{};
    pool.reset();
    QVERIFY(!answered);
}

void TestConnectionPool::destroyingThePoolDropsLeasesOnTheirWay()
{
    auto pool = std::make_unique<ConnectionPool>(test::testParameters(), settings(1));
    {
        auto warm = acquire(*pool, this); // an idle connection, so the next acquire is served
        QVERIFY(warm.ok());               // at once
    }
    int calls = 0;
    pool->acquire(this, [&calls](const Result<ConnectionPool::Lease> &) { ++calls; });
    pool.reset();
    QCoreApplication::processEvents();
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestConnectionPool)
#include "tst_connection_pool.moc"
