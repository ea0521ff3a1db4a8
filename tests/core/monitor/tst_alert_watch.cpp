#include "base/manual_clock.h"
#include "connection/connection_pool.h"
#include "monitor/alert_watch.h"
#include "monitor/pool_metrics.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;

class TestAlertWatch : public QObject
{
    Q_OBJECT
private slots:
    void aQueueThatDoesNotMoveRaisesOneAlertAndABadgeCount();
    void anAcquireTimeoutIsReportedAtOnce();
};

void TestAlertWatch::aQueueThatDoesNotMoveRaisesOneAlertAndABadgeCount()
{
    auto clock = std::make_shared<ManualClock>();
    PoolSettings settings;
    settings.max = 1;
    settings.acquireTimeoutMs = 600'000;
    ConnectionPool pool(test::testParameters(), settings, clock);
    PoolMetrics metrics(&pool);
    AlertWatch watch(&metrics, AlertThresholds{});
    QSignalSpy raised(&watch, &AlertWatch::raised);
    QSignalSpy unread(&watch, &AlertWatch::unreadChanged);

    auto held = test::await<ConnectionPool::Lease>(
        [&](auto done) { pool.acquire(this, QStringLiteral("holder"), std::move(done)); });
    QVERIFY(held.ok());
    bool served = false;
    pool.acquire(this, QStringLiteral("queued"),
                 [&served](Result<ConnectionPool::Lease> lease) { served = lease.ok(); });
    QCOMPARE(pool.stats().waiting, 1);
    clock->advanceMs(4'000);
    watch.check();
    QCOMPARE(raised.size(), 0);
    clock->advanceMs(2'000);
    watch.check();
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().first().value<MonitorAlert>().kind, MonitorAlert::Kind::Waiting);
    QCOMPARE(watch.unread(), 1);
    QCOMPARE(unread.last().first().toInt(), 1);
    clock->advanceMs(10'000);
    watch.check();
    QCOMPARE(raised.size(), 1); // the same queue: no second alert
    QCOMPARE(watch.log().size(), size_t(1));
    watch.markRead();
    QCOMPARE(watch.unread(), 0);
    QCOMPARE(unread.last().first().toInt(), 0);
    held = Error{};
    QTRY_VERIFY(served);
}

void TestAlertWatch::anAcquireTimeoutIsReportedAtOnce()
{
    PoolSettings settings;
    settings.max = 1;
    settings.acquireTimeoutMs = 50; // real time: the pool's timer decides, not the test
    ConnectionPool pool(test::testParameters(), settings);
    PoolMetrics metrics(&pool);
    AlertWatch watch(&metrics, AlertThresholds{});
    QSignalSpy raised(&watch, &AlertWatch::raised);
    auto held = test::await<ConnectionPool::Lease>(
        [&](auto done) { pool.acquire(this, QStringLiteral("holder"), std::move(done)); });
    QVERIFY(held.ok());
    const auto timedOut = test::await<ConnectionPool::Lease>(
        [&](auto done) { pool.acquire(this, QStringLiteral("export t"), std::move(done)); });
    QVERIFY(!timedOut.ok());
    QTRY_COMPARE(raised.size(), 1);
    const auto alert = raised.first().first().value<MonitorAlert>();
    QCOMPARE(alert.kind, MonitorAlert::Kind::AcquireTimeout);
    QVERIFY2(alert.message.contains(QStringLiteral("export t")), qPrintable(alert.message));
}

QTEST_GUILESS_MAIN(TestAlertWatch)
#include "tst_alert_watch.moc"
