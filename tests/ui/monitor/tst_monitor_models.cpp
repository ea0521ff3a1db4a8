#include "monitor/holders_model.h"
#include "monitor/series_model.h"
#include "monitor/sessions_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;

namespace {

Session session(int pid, const char *state, QList<int> blockedBy = {}, double xactAge = -1)
{
    Session s;
    s.pid = pid;
    s.backendType = QStringLiteral("client backend");
    s.state = QString::fromLatin1(state);
    s.blockedBy = std::move(blockedBy);
    if (xactAge >= 0)
        s.xactAgeS = xactAge;
    s.query = QStringLiteral("SELECT %1").arg(pid);
    return s;
}

} // namespace

class TestMonitorModels : public QObject
{
    Q_OBJECT
private slots:
    void seriesModelInsertsAndDropsRows();
    void seriesModelShowsGapsAndPercent();
    void sessionsPutRootBlockersFirst();
    void sessionsKeepRowsWhenPidsRepeat();
    void holdersMarkLeakSuspects();
};

void TestMonitorModels::seriesModelInsertsAndDropsRows()
{
    SeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const qint64 start = 1'795'000'000'000;
    for (int i = 0; i < 451; ++i) // 15 min at 2 s is 451 points; the 452nd pushes one out
        model.append(start + qint64(i) * 2000, MonitorPoint{});
    QCOMPARE(model.rowCount(), 451);
    QCOMPARE(removed.size(), 0);
    model.append(start + 451 * 2000, MonitorPoint{});
    QCOMPARE(model.rowCount(), 451);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.last().at(1).toInt(), 0);
    QCOMPARE(removed.last().at(2).toInt(), 0);
    QCOMPARE(inserted.size(), 452);
    QCOMPARE(model.index(0, 0).data().toDouble(), double(start + 2000));
    // A gap of an hour empties the window but the newest point.
    model.append(start + 3'600'000 * 2, MonitorPoint{});
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestMonitorModels::seriesModelShowsGapsAndPercent()
{
    SeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    MonitorPoint point;
    point.utilization = 0.75;
    point.waiting = 3;
    model.append(1000, point);
    point.sessions = SessionCounts{4, 5, 6, 1};
    point.transactionsPerS = 99.5;
    model.append(3000, point);
    QCOMPARE(model.index(0, SeriesModel::columnOf(Series::Utilization)).data().toDouble(), 75.0);
    QVERIFY(!model.index(0, SeriesModel::columnOf(Series::Active)).data().isValid());
    QCOMPARE(model.index(1, SeriesModel::columnOf(Series::IdleInTransaction)).data().toInt(), 6);
    QCOMPARE(model.headerData(SeriesModel::columnOf(Series::TransactionsPerS), Qt::Horizontal),
             QVariant(QStringLiteral("tps")));
    QCOMPARE(model.maxOf(Series::TransactionsPerS), 99.5);
    QCOMPARE(model.maxOf(Series::Utilization), 75.0);
}

void TestMonitorModels::sessionsPutRootBlockersFirst()
{
    SessionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServerSample sample;
    Session checkpointer = session(15, "");
    checkpointer.backendType = QStringLiteral("checkpointer");
    sample.sessions = {checkpointer,
                       session(10, "idle"),
                       session(11, "active", {12}, 3),
                       session(12, "idle in transaction", {}, 50),
                       session(13, "active", {11}, 1),
                       session(14, "active", {}, 100)};
    sample.blockingRoots = {BlockingRoot{12, 1, 2, false, QStringLiteral("idle in transaction")}};
    model.setSample(sample);
    QCOMPARE(model.rowCount(), 6);
    QList<int> order;
    for (int row = 0; row < model.rowCount(); ++row)
        order.append(model.sessionAt(row)->pid);
    QCOMPARE(order, (QList<int>{12, 11, 13, 14, 10, 15})); // background processes last
    QCOMPARE(model.index(0, SessionsModel::Blocks).data().toString(),
             QStringLiteral("1 (2 in all)"));
    QCOMPARE(model.index(1, SessionsModel::BlockedBy).data().toString(), QStringLiteral("12"));
    QVERIFY(model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(4, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.rowOf(13), 2);
}

void TestMonitorModels::sessionsKeepRowsWhenPidsRepeat()
{
    SessionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServerSample sample;
    sample.sessions = {session(1, "idle"), session(2, "active")};
    model.setSample(sample);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    sample.sessions[1].query = QStringLiteral("SELECT now()");
    model.setSample(sample);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(1, SessionsModel::Query).data().toString(),
             QStringLiteral("SELECT now()"));
    sample.sessions.removeFirst();
    model.setSample(sample);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1);
}

void TestMonitorModels::holdersMarkLeakSuspects()
{
    HoldersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PoolMetricsSnapshot snapshot;
    PoolHolder busy;
    busy.owner = QStringLiteral("read public.t");
    busy.leasedAtUs = 1;
    busy.heldUs = 2'500'000;
    busy.backendPid = 100;
    busy.statement = QStringLiteral("SELECT *\n  FROM t");
    busy.activityUs = 2'000'000;
    PoolHolder idle;
    idle.owner = QStringLiteral("SQL tab");
    idle.leasedAtUs = 2;
    idle.heldUs = 400'000'000;
    idle.backendPid = 101;
    idle.inTransaction = true;
    idle.activityUs = 390'000'000;
    snapshot.holders = {busy, idle};
    snapshot.leakSuspects = {LeakSuspect{LeakSuspect::Why::IdleInTransaction, idle}};
    model.setSnapshot(snapshot);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, HoldersModel::Statement).data().toString(),
             QStringLiteral("SELECT * FROM t"));
    QCOMPARE(model.index(0, HoldersModel::State).data().toString(),
             QStringLiteral("running for 2.00 s"));
    QVERIFY(model.index(1, HoldersModel::State)
                .data()
                .toString()
                .startsWith(QStringLiteral("idle in transaction for 6 min")));
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("idle")));
    QCOMPARE(model.holderAt(1)->backendPid, 101);
    QVERIFY(!model.holderAt(2));
}

QTEST_MAIN(TestMonitorModels)
#include "tst_monitor_models.moc"
