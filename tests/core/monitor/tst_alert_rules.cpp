#include "monitor/alert_rules.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;
using Kind = MonitorAlert::Kind;

namespace {

PoolMetricsSnapshot pool(int active, int max, int waiting = 0, qint64 longestWaitUs = 0)
{
    PoolMetricsSnapshot snapshot;
    snapshot.active = active;
    snapshot.max = max;
    snapshot.utilization = double(active) / max;
    snapshot.waiting = waiting;
    snapshot.longestWaitUs = longestWaitUs;
    return snapshot;
}

QList<Kind> kinds(const QList<MonitorAlert> &alerts)
{
    QList<Kind> result;
    for (const MonitorAlert &alert : alerts)
        result.append(alert.kind);
    return result;
}

} // namespace

class TestAlertRules : public QObject
{
    Q_OBJECT
private slots:
    void waitingLongerThanThresholdRaisesOnce();
    void utilizationMustLastItsDuration();
    void everyAcquireTimeoutIsReported();
    void idleLeaseNamesItsOwner();
    void idleServerSessionsOfOthersOnly();
    void thresholdsComeFromSettings();
};

void TestAlertRules::waitingLongerThanThresholdRaisesOnce()
{
    AlertRules rules;
    QVERIFY(rules.checkPool(0, pool(4, 4, 2, 4'900'000)).isEmpty());
    const auto raised = rules.checkPool(1000, pool(4, 4, 2, 5'100'000));
    QCOMPARE(kinds(raised), QList<Kind>{Kind::Waiting});
    QVERIFY2(raised.first().message.contains(QStringLiteral("2 waiting")),
             qPrintable(raised.first().message));
    QVERIFY(rules.checkPool(2000, pool(4, 4, 3, 6'100'000)).isEmpty()); // still the same queue
    QVERIFY(rules.checkPool(3000, pool(4, 4, 0, 0)).isEmpty());         // cleared
    QCOMPARE(kinds(rules.checkPool(4000, pool(4, 4, 1, 9'000'000))), QList<Kind>{Kind::Waiting});
}

void TestAlertRules::utilizationMustLastItsDuration()
{
    AlertRules rules;
    QVERIFY(rules.checkPool(0, pool(9, 10)).isEmpty());
    QVERIFY(rules.checkPool(29'999, pool(9, 10)).isEmpty());
    QCOMPARE(kinds(rules.checkPool(30'000, pool(10, 10))), QList<Kind>{Kind::Utilization});
    QVERIFY(rules.checkPool(60'000, pool(10, 10)).isEmpty());
    // A dip below the threshold restarts the 30 s.
    QVERIFY(rules.checkPool(61'000, pool(8, 10)).isEmpty()); // 80 % is not over 80 %
    QVERIFY(rules.checkPool(62'000, pool(9, 10)).isEmpty());
    QVERIFY(rules.checkPool(91'000, pool(9, 10)).isEmpty());
    QCOMPARE(kinds(rules.checkPool(92'000, pool(9, 10))), QList<Kind>{Kind::Utilization});
}

void TestAlertRules::everyAcquireTimeoutIsReported()
{
    AlertRules rules;
    PoolMetricsSnapshot snapshot = pool(1, 1);
    snapshot.acquireTimeouts = 3; // before the watch began: not news
    QVERIFY(rules.checkPool(0, snapshot).isEmpty());
    snapshot.acquireTimeouts = 5;
    snapshot.recentFailures.append(
        {AcquireFailure::Kind::TimedOut, QStringLiteral("save t"), 30'000'000, 0});
    const auto raised = rules.checkPool(1, snapshot);
    QCOMPARE(kinds(raised), QList<Kind>{Kind::AcquireTimeout});
    QVERIFY(raised.first().message.startsWith(QStringLiteral("2 acquire timeout")));
    QVERIFY(raised.first().message.contains(QStringLiteral("save t")));
    QVERIFY(rules.checkPool(2, snapshot).isEmpty());
}

void TestAlertRules::idleLeaseNamesItsOwner()
{
    AlertRules rules;
    PoolMetricsSnapshot snapshot = pool(1, 4);
    PoolHolder holder;
    holder.owner = QStringLiteral("SQL tab \"report.sql\"");
    holder.leasedAtUs = 42;
    holder.inTransaction = true;
    holder.activityUs = 299'000'000;
    holder.backendPid = 777;
    snapshot.holders = {holder};
    QVERIFY(rules.checkPool(0, snapshot).isEmpty());
    snapshot.holders[0].activityUs = 301'000'000;
    const auto raised = rules.checkPool(1, snapshot);
    QCOMPARE(kinds(raised), QList<Kind>{Kind::IdleInTransaction});
    QVERIFY(raised.first().message.contains(holder.owner));
    QVERIFY(raised.first().message.contains(QStringLiteral("777")));
    QVERIFY(rules.checkPool(2, snapshot).isEmpty());
    snapshot.holders[0].statement = QStringLiteral("SELECT 1"); // busy again: not idle
    QVERIFY(rules.checkPool(3, snapshot).isEmpty());
}

void TestAlertRules::idleServerSessionsOfOthersOnly()
{
    AlertRules rules;
    ServerSample sample;
    Session other;
    other.pid = 10;
    other.state = QStringLiteral("idle in transaction");
    other.stateAgeS = 400;
    other.applicationName = QStringLiteral("billing");
    Session own = other;
    own.pid = 11;
    own.mizzle = true;
    sample.sessions = {other, own};
    const auto raised = rules.checkServer(0, sample);
    QCOMPARE(raised.size(), 1);
    QVERIFY(raised.first().message.contains(QStringLiteral("backend 10")));
    QVERIFY(raised.first().message.contains(QStringLiteral("billing")));
    QVERIFY(rules.checkServer(1, sample).isEmpty());
}

void TestAlertRules::thresholdsComeFromSettings()
{
    AlertThresholds thresholds;
    thresholds.waitingLongerThanS = 1;
    thresholds.acquireTimeouts = false;
    AlertRules rules(thresholds);
    PoolMetricsSnapshot snapshot = pool(2, 2, 1, 1'500'000);
    QCOMPARE(kinds(rules.checkPool(0, snapshot)), QList<Kind>{Kind::Waiting});
    snapshot.acquireTimeouts = 1;
    QVERIFY(rules.checkPool(1, snapshot).isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alert_rules.moc"
