#include "connection/connection_pool.h"
#include "monitor/alert_badge.h"
#include "monitor/alert_watch.h"
#include "monitor/bouncer_pools_model.h"
#include "monitor/bouncer_section.h"
#include "monitor/holders_model.h"
#include "monitor/monitor_tab.h"
#include "monitor/pgbouncer_sampler.h"
#include "monitor/pool_section.h"
#include "monitor/series_csv.h"
#include "monitor/series_model.h"
#include "monitor/server_sampler.h"
#include "monitor/server_section.h"
#include "monitor/sessions_model.h"
#include "session/connection_session.h"
#include "test_database.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

class TestMonitorTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void samplesOnlyWhileVisible();
    void terminatingARootBlockerConfirmsWhatIsRolledBack();
    void aDoubleClickedHolderNamesItsContext();
    void pauseHoldsStillAndExportReadsBack();
    void anAcquireTimeoutShowsInTheBadgeAndTheLog();
    void throughPgBouncerAHolderLeadsToItsBackend();

private:
    std::unique_ptr<ConnectionSession> session(int max = 4, int acquireTimeoutMs = 10'000);
    bool waitForTicks(MonitorTab &tab, int ticks);

    QTemporaryDir m_data;
    std::unique_ptr<PgConnection> m_observer;
    QString m_table;
};

std::unique_ptr<ConnectionSession> TestMonitorTab::session(int max, int acquireTimeoutMs)
{
    ConnectionTarget target;
    target.displayName = u"monitor tab test"_s;
    target.parameters = test::testParameters();
    target.pool.max = max;
    target.pool.acquireTimeoutMs = acquireTimeoutMs;
    return std::make_unique<ConnectionSession>(target, m_data.path());
}

bool TestMonitorTab::waitForTicks(MonitorTab &tab, int ticks)
{
    QSignalSpy ticked(&tab, &MonitorTab::ticked);
    return QTest::qWaitFor([&] { return ticked.size() >= ticks; }, 30'000);
}

void TestMonitorTab::initTestCase()
{
    m_observer = std::make_unique<PgConnection>();
    QVERIFY(test::open(*m_observer, test::testParameters()).ok());
    m_table = u"monitor_tab_rows_%1"_s.arg(m_observer->backendPid());
    QVERIFY(test::run(*m_observer, u"CREATE TABLE %1 (id int PRIMARY KEY);"
                                   "INSERT INTO %1 VALUES (1)"_s.arg(m_table))
                .ok());
}

void TestMonitorTab::cleanupTestCase()
{
    if (m_observer)
        QVERIFY(test::run(*m_observer, u"DROP TABLE IF EXISTS %1"_s.arg(m_table)).ok());
}

void TestMonitorTab::samplesOnlyWhileVisible()
{
    auto owned = session();
    MonitorTab tab(owned.get());
    QAbstractItemModelTester sessions(tab.serverSection()->sessions(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester holders(tab.poolSection()->holders(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester series(tab.series(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!tab.sampler()->isRunning());
    tab.show();
    QVERIFY(tab.sampler()->isRunning());
    QVERIFY(waitForTicks(tab, 1));
    QVERIFY(tab.series()->rowCount() >= 1);
    // The observer is another client; it is in the sessions, the monitor's own backend is not.
    SessionsModel *model = tab.serverSection()->sessions();
    QVERIFY(model->rowOf(m_observer->backendPid()) >= 0);
    QCOMPARE(model->rowOf(tab.sampler()->monitorPid()), -1);
    QVERIFY(tab.serverSection()->summary()->text().contains(u"usable connections"_s));
    QVERIFY(tab.poolSection()->summary()->text().contains(u"max 4"_s));
    const MonitorPoint &point = tab.series()->ring().last().value;
    QVERIFY(point.sessions.has_value());
    QVERIFY(point.sessions->idle + point.sessions->active >= 1);
    tab.hide();
    QVERIFY(!tab.sampler()->isRunning());
}

void TestMonitorTab::terminatingARootBlockerConfirmsWhatIsRolledBack()
{
    auto owned = session();
    MonitorTab tab(owned.get());
    PgConnection blocker, waiter;
    QVERIFY(test::open(blocker, test::testParameters()).ok());
    QVERIFY(test::open(waiter, test::testParameters()).ok());
    QVERIFY(
        test::run(blocker, u"BEGIN; SELECT * FROM %1 WHERE id = 1 FOR UPDATE"_s.arg(m_table)).ok());
    std::optional<Result<QueryResult>> waited;
    waiter.execScript(this, u"UPDATE %1 SET id = 1 WHERE id = 1"_s.arg(m_table),
                      [&waited](Result<QueryResult> result) { waited.emplace(result); });
    QTRY_COMPARE(test::waitingLocks(*m_observer, waiter.backendPid()), 1);

    tab.show();
    SessionsModel *model = tab.serverSection()->sessions();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const int row = model->rowOf(waiter.backendPid());
            return row >= 0 && !model->sessionAt(row)->blockedBy.isEmpty();
        }(),
        30'000);
    // The root blocker comes before the session it holds up, with its count.
    const int root = model->rowOf(blocker.backendPid());
    QVERIFY(root >= 0 && root < model->rowOf(waiter.backendPid()));
    QVERIFY(model->index(root, SessionsModel::Blocks).data().toString().startsWith(u"1 ("_s));

    QString asked;
    tab.setConfirm([&asked](const QString &, const QString &text) {
        asked = text;
        return false; // first, say no: nothing happens
    });
    tab.terminateBackend(blocker.backendPid());
    QVERIFY(asked.contains(u"rolled back"_s));
    QVERIFY2(asked.contains(u"FOR UPDATE"_s), qPrintable(asked));
    QVERIFY(asked.contains(u"open for"_s));
    QVERIFY(!waited.has_value());

    tab.setConfirm([](const QString &, const QString &) { return true; });
    tab.serverSection()->selectPid(blocker.backendPid());
    QCOMPARE(tab.serverSection()->selectedPid(), blocker.backendPid());
    tab.terminateBackend(blocker.backendPid());
    QTRY_VERIFY_WITH_TIMEOUT(waited.has_value(), 30'000);
    QVERIFY2(waited->ok(), test::describe(*waited).constData()); // the lock went with it
    QTRY_VERIFY(model->rowOf(blocker.backendPid()) < 0);
}

void TestMonitorTab::aDoubleClickedHolderNamesItsContext()
{
    auto owned = session();
    MonitorTab tab(owned.get());
    QObject page;
    auto *part = new QObject(&page);
    auto lease = test::await<ConnectionPool::Lease>(
        [&](auto done) { owned->pool()->acquire(part, u"the report tab"_s, std::move(done)); });
    QVERIFY(lease.ok());
    tab.show();
    QVERIFY(waitForTicks(tab, 1));
    HoldersModel *holders = tab.poolSection()->holders();
    int row = -1;
    for (int i = 0; i < holders->rowCount(); ++i) {
        if (holders->holderAt(i)->owner == u"the report tab"_s)
            row = i;
    }
    QVERIFY(row >= 0);
    QCOMPARE(holders->holderAt(row)->backendPid, lease.value()->backendPid());
    QSignalSpy activated(&tab, &MonitorTab::holderActivated);
    QTableView *view = tab.poolSection()->holdersView();
    emit view->doubleClicked(holders->index(row, 0));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().value<QObject *>(), part);
}

void TestMonitorTab::pauseHoldsStillAndExportReadsBack()
{
    auto owned = session();
    MonitorTab tab(owned.get());
    tab.show();
    QVERIFY(waitForTicks(tab, 2));
    tab.setPaused(true);
    QVERIFY(!tab.sampler()->isRunning());
    const int rows = tab.series()->rowCount();
    tab.sampler()->sampleOnce(); // an answer that arrives while paused is not recorded
    QSignalSpy sampled(tab.sampler(), &ServerSampler::sampled);
    QVERIFY(sampled.wait(30'000));
    QCOMPARE(tab.series()->rowCount(), rows);

    const QString path = m_data.filePath(u"series.csv"_s);
    QVERIFY(tab.exportSeries(path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto read = readSeriesCsv(file.readAll(), path);
    QVERIFY(read.ok());
    QCOMPARE(read->size(), rows);
    QCOMPARE(read->last().atMs, tab.series()->ring().last().atMs);
    QVERIFY(!tab.exportSeries(m_data.filePath(u"missing/dir/series.csv"_s)).ok());

    tab.setPaused(false);
    QVERIFY(tab.sampler()->isRunning());
}

void TestMonitorTab::anAcquireTimeoutShowsInTheBadgeAndTheLog()
{
    auto owned = session(1, 100);
    AlertBadge badge;
    badge.setWatch(owned->alerts());
    MonitorTab tab(owned.get());
    QVERIFY(badge.isHidden());
    auto held = test::await<ConnectionPool::Lease>(
        [&](auto done) { owned->pool()->acquire(this, u"holder"_s, std::move(done)); });
    QVERIFY(held.ok());
    const auto timedOut = test::await<ConnectionPool::Lease>(
        [&](auto done) { owned->pool()->acquire(this, u"export of t"_s, std::move(done)); });
    QVERIFY(!timedOut.ok());
    QTRY_VERIFY(!badge.isHidden());
    QVERIFY(badge.text().contains(u"1 alert"_s));
    QVERIFY(badge.toolTip().contains(u"export of t"_s));
    QCOMPARE(tab.log()->count(), 1);
    QVERIFY(tab.log()->item(0)->text().contains(u"acquire timeout"_s));
    tab.show(); // looking at the Monitor reads them
    QCOMPARE(owned->alerts()->unread(), 0);
    QVERIFY(badge.isHidden());
}

void TestMonitorTab::throughPgBouncerAHolderLeadsToItsBackend()
{
    ConnectionTarget target;
    target.displayName = u"monitor through pgbouncer"_s;
    target.parameters = test::pgbouncerParameters(u"mizzle_bouncer_link"_s);
    target.pool.max = 2;
    target.pgbouncer = test::pgbouncerConsoleParameters();
    ConnectionSession owned(target, m_data.path());
    // A lease inside an open transaction: in transaction pooling only then is the client
    // linked to a server, and so to a backend.
    auto lease = test::await<ConnectionPool::Lease>(
        [&](auto done) { owned.pool()->acquire(this, u"bouncer holder"_s, std::move(done)); });
    QVERIFY2(lease.ok(), test::describe(lease).constData());
    const auto pid = test::run(*lease.value(), u"BEGIN; SELECT pg_backend_pid()"_s);
    QVERIFY2(pid.ok(), test::describe(pid).constData());
    const int backend = pid->text(0, 0).toInt();
    QVERIFY(backend != lease.value()->backendPid()); // PgBouncer's own cancel key, not the pid

    MonitorTab tab(&owned);
    QVERIFY(tab.bouncerSampler());
    QAbstractItemModelTester pools(tab.bouncerSection()->pools(),
                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
    tab.show();
    QVERIFY(tab.bouncerSampler()->isRunning());
    HoldersModel *holders = tab.poolSection()->holders();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            return holders->rowCount() == 1 &&
                   holders->index(0, HoldersModel::Backend).data().toInt() == backend;
        }(),
        30'000);
    QVERIFY(holders->index(0, HoldersModel::Bouncer).data().toString().contains(u"→ server"_s));
    BouncerPoolsModel *model = tab.bouncerSection()->pools();
    QVERIFY(model->rowCount() >= 1);
    bool found = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, BouncerPoolsModel::Database).data().toString() ==
            u"mizzle_bouncer_link"_s) {
            found = true;
            QVERIFY(model->index(row, BouncerPoolsModel::ServersActive)
                        .data()
                        .toString()
                        .endsWith(u" of 4"_s));
        }
    }
    QVERIFY(found);
    QVERIFY(tab.bouncerSection()->summary()->text().contains(u"PgBouncer 1."_s));
    QVERIFY(tab.serverSection()->summary()->text().contains(u"pooler"_s));
    // Once PgBouncer has answered, each tick charts its waiting clients.
    QTRY_VERIFY_WITH_TIMEOUT(tab.series()->ring().last().value.bouncerClientsWaiting.has_value(),
                             30'000);
    QVERIFY(test::run(*lease.value(), u"ROLLBACK"_s).ok());
}

QTEST_MAIN(TestMonitorTab)
#include "tst_monitor_tab.moc"
