#include "common/error_banner.h"
#include "editor/query_tab.h"
#include "plan/plan_details_panel.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"
#include "shell/main_window.h"
#include "sqltext/sql_editor.h"
#include "test_database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Plan tabs opened from a SQL tab of the real window, on the fixture's PostgreSQL 17.
class TestPlanTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void f7OpensAPlanTabWithThePlanNodes();
    void shiftF7FillsActualRowsAndTimes();
    void selectingARowFillsTheDetails();
    void dmlUnderAnalyzeSaysItWasRolledBack();
    void failedExplainShowsTheError();
    void cancelStopsARunningCapture();
    void renderedPlanTabIsNotBlank();

private:
    PlanTab *explain(const QString &sql, bool analyze);
    bool pressF7(QueryTab *query, bool analyze);
    static QModelIndex find(const PlanTreeModel *model, const QString &label);
    qint64 scratchRows();

    QTemporaryDir m_folder;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ConnectionPool> m_pool; // for checks outside the window
};

namespace {

const QString joinQuery = u"SELECT o.id, c.name FROM tst_plan_tab.orders o "
                          "JOIN tst_plan_tab.customers c ON c.id = o.customer "
                          "WHERE o.amount > 10"_s;

QStringList labels(const PlanTreeModel *model, const QModelIndex &parent = {})
{
    QStringList found;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, PlanTreeModel::NodeColumn, parent);
        found << index.data().toString() << labels(model, index);
    }
    return found;
}

// Answers the message box that is about to open.
void answerMessageBox(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start(10);
}

} // namespace

void TestPlanTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS tst_plan_tab CASCADE;
        CREATE SCHEMA tst_plan_tab;
        CREATE TABLE tst_plan_tab.customers (id int PRIMARY KEY, name text);
        INSERT INTO tst_plan_tab.customers SELECT g, 'customer ' || g FROM generate_series(1, 20) g;
        CREATE TABLE tst_plan_tab.orders (id int PRIMARY KEY, customer int, amount numeric);
        INSERT INTO tst_plan_tab.orders
            SELECT g, 1 + g % 20, g % 50 FROM generate_series(1, 5000) g;
        CREATE TABLE tst_plan_tab.scratch (id int, customer int REFERENCES tst_plan_tab.customers);
        INSERT INTO tst_plan_tab.scratch SELECT g, 1 FROM generate_series(1, 100) g;
        ANALYZE tst_plan_tab.customers, tst_plan_tab.orders, tst_plan_tab.scratch;
    )"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());

    LaunchOptions options;
    options.target = u"host=%1 dbname=mizzle_test"_s.arg(test::testHost());
    options.profileDirectory = m_folder.path();
    options.sessionFile = m_folder.filePath(u"session.json"_s);
    m_window = std::make_unique<MainWindow>(options);
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->show();
    m_window->start();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 30'000);
    QVERIFY(settled.first().first().toBool());
}

void TestPlanTab::cleanupTestCase()
{
    m_window.reset();
    if (m_pool)
        (void)test::run(*m_pool, u"DROP SCHEMA IF EXISTS tst_plan_tab CASCADE"_s);
    m_pool.reset();
}

// Types the statement into a new SQL tab and presses F7 or Shift+F7 there; returns the plan tab
// once its capture has finished.
PlanTab *TestPlanTab::explain(const QString &sql, bool analyze)
{
    QueryTab *query = m_window->openQueryTab(sql);
    if (!query)
        return nullptr;
    const int queryIndex = m_window->tabs()->indexOf(query);
    if (!pressF7(query, analyze))
        return nullptr;
    auto *plan = qobject_cast<PlanTab *>(m_window->tabs()->currentWidget());
    if (!plan || m_window->tabs()->indexOf(plan) != queryIndex + 1)
        return nullptr;
    if (!QTest::qWaitFor([plan] { return !plan->isRunning(); }, 30'000))
        return nullptr;
    return plan;
}

// Shortcuts only reach an active window, and a message box may have taken that away.
bool TestPlanTab::pressF7(QueryTab *query, bool analyze)
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return false;
    QTest::keyClick(query->editor(), Qt::Key_F7, analyze ? Qt::ShiftModifier : Qt::NoModifier);
    return true;
}

QModelIndex TestPlanTab::find(const PlanTreeModel *model, const QString &label)
{
    const QModelIndexList found =
        model->match(model->index(0, 0), Qt::DisplayRole, label, 1,
                     Qt::MatchStartsWith | Qt::MatchRecursive | Qt::MatchWrap);
    return found.isEmpty() ? QModelIndex() : found.first();
}

qint64 TestPlanTab::scratchRows()
{
    const auto counted = test::run(*m_pool, u"SELECT count(*) FROM tst_plan_tab.scratch"_s);
    return counted ? counted->text(0, 0).toLongLong() : -1;
}

void TestPlanTab::f7OpensAPlanTabWithThePlanNodes()
{
    QueryTab *query = m_window->openQueryTab(joinQuery + u";\nSELECT 'not this one'"_s);
    QVERIFY(query);
    query->editor()->moveCursorTo(5);
    QVERIFY(pressF7(query, false));
    auto *plan = qobject_cast<PlanTab *>(m_window->tabs()->currentWidget());
    QVERIFY(plan);
    QCOMPARE(m_window->tabs()->indexOf(plan), m_window->tabs()->indexOf(query) + 1);
    QCOMPARE(m_window->tabs()->tabText(m_window->tabs()->currentIndex()),
             u"Plan: SELECT o.id, c.name FROM tst_…"_s);
    QCOMPARE(plan->statement(), joinQuery);
    QVERIFY(!plan->isAnalyze());
    QAbstractItemModelTester tester(plan->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(!plan->isRunning(), 30'000);
    QVERIFY2(!plan->errorBanner()->isVisible(), qPrintable(plan->errorBanner()->text()));

    const PlanTreeModel *model = plan->model();
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(!model->hasUnattributedRow());
    const QStringList shown = labels(model);
    QCOMPARE(shown.size(), model->nodeCount());
    QVERIFY2(shown.first().startsWith(u"Hash Join"_s), qPrintable(shown.join(u" | "_s)));
    QVERIFY2(shown.contains(u"Seq Scan on tst_plan_tab.orders o"_s),
             qPrintable(shown.join(u" | "_s)));
    // Plain EXPLAIN: the planner's figures only.
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(root.siblingAtColumn(PlanTreeModel::ExclusiveColumn).data().toString(), QString());
    QVERIFY(
        root.siblingAtColumn(PlanTreeModel::RowsColumn).data().toString().endsWith(u"planned"_s));
    QVERIFY(root.siblingAtColumn(PlanTreeModel::CostColumn).data().toString().contains(u".."_s));
    QCOMPARE(plan->rawText().count(u"\"Node Type\""_s), model->nodeCount());
    QVERIFY(plan->findChild<QLabel *>(u"executionBand"_s)->isHidden());
    QVERIFY(plan->effectsNotice().isEmpty());
}

void TestPlanTab::shiftF7FillsActualRowsAndTimes()
{
    PlanTab *plan = explain(joinQuery, true);
    QVERIFY(plan);
    QVERIFY(plan->isAnalyze());
    QVERIFY2(!plan->errorBanner()->isVisible(), qPrintable(plan->errorBanner()->text()));
    const PlanTreeModel *model = plan->model();
    QAbstractItemModelTester tester(const_cast<PlanTreeModel *>(model),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex orders = find(model, u"Seq Scan on tst_plan_tab.orders o"_s);
    QVERIFY(orders.isValid());
    // amount > 10: 39 of every 50 rows.
    QCOMPARE(
        orders.siblingAtColumn(PlanTreeModel::RowsColumn).data().toString().section(u' ', 0, 0),
        QLocale().toString(3900));
    QCOMPARE(orders.siblingAtColumn(PlanTreeModel::LoopsColumn).data().toString(), u"1"_s);

    double exclusiveSum = 0;
    int hot = 0;
    const std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex exclusive = model->index(row, PlanTreeModel::ExclusiveColumn, parent);
            QVERIFY(exclusive.data(PlanTreeModel::ValueRole).isValid());
            exclusiveSum += exclusive.data(PlanTreeModel::ValueRole).toDouble();
            if (exclusive.data(PlanTreeModel::HeatRole).toInt() > 0) {
                ++hot;
                QVERIFY(exclusive.data(Qt::BackgroundRole).value<QBrush>().color().isValid());
            }
            visit(model->index(row, 0, parent));
        }
    };
    visit({});
    const double rootInclusive =
        model->index(0, PlanTreeModel::InclusiveColumn).data(PlanTreeModel::ValueRole).toDouble();
    QVERIFY(rootInclusive > 0);
    QVERIFY2(qAbs(exclusiveSum - rootInclusive) < 0.01 * model->nodeCount(),
             qPrintable(u"%1 against %2"_s.arg(exclusiveSum).arg(rootInclusive)));
    // With at most ten nodes one of them holds at least a tenth of the time.
    QVERIFY(model->nodeCount() <= 10);
    QVERIFY(hot > 0);

    const auto band = [plan](const QString &name) {
        const QLabel *label = plan->findChild<QLabel *>(name);
        return label && !label->isHidden() ? label->text() : QString();
    };
    QVERIFY2(band(u"executionBand"_s).startsWith(u"Execution "_s),
             qPrintable(band(u"executionBand"_s)));
    QVERIFY2(band(u"planningBand"_s).contains(u"kB memory"_s), qPrintable(band(u"planningBand"_s)));
    QVERIFY2(band(u"serializationBand"_s).startsWith(u"Serialization "_s),
             qPrintable(band(u"serializationBand"_s)));
    QCOMPARE(band(u"triggersBand"_s), QString());
    QVERIFY(plan->effectsNotice().isEmpty()); // a plain SELECT says nothing about effects
}

void TestPlanTab::selectingARowFillsTheDetails()
{
    PlanTab *plan = explain(joinQuery, true);
    QVERIFY(plan);
    const QModelIndex orders = find(plan->model(), u"Seq Scan on tst_plan_tab.orders o"_s);
    QVERIFY(orders.isValid());
    QTreeView *view = plan->view();
    view->scrollTo(orders);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(orders).center());
    QCOMPARE(view->currentIndex().row(), orders.row());
    PlanDetailsPanel *details = plan->details();
    QCOMPARE(details->valueOf(u"Node Type"_s), u"Seq Scan"_s);
    QCOMPARE(details->valueOf(u"Relation Name"_s), u"orders"_s);
    QCOMPARE(details->valueOf(u"Alias"_s), u"o"_s);
    QCOMPARE(details->valueOf(u"Actual Rows"_s), u"3900"_s);
    QCOMPARE(details->valueOf(u"Rows Removed by Filter"_s), u"1100"_s);
    QVERIFY(details->valueOf(u"Exclusive time"_s).endsWith(u" ms"_s));
    QCOMPARE(details->valueOf(u"Removed by filters"_s), u"22.0%"_s);
    QVERIFY(!details->valueOf(u"Shared Hit Blocks"_s).isEmpty()); // BUFFERS
    // Nested values are shown in full: Output is a list.
    const auto output = details->findItems(u"Output"_s, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(output.size(), 1);
    QVERIFY(output.first()->childCount() >= 2);

    // Another row, other details.
    const QModelIndex root = plan->model()->index(0, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(root).center());
    QCOMPARE(details->valueOf(u"Node Type"_s), u"Hash Join"_s);
}

void TestPlanTab::dmlUnderAnalyzeSaysItWasRolledBack()
{
    // The foreign key's trigger fires once a row.
    PlanTab *plan = explain(
        u"INSERT INTO tst_plan_tab.scratch SELECT g, 2 FROM generate_series(101, 110) g"_s, true);
    QVERIFY(plan);
    QVERIFY2(!plan->errorBanner()->isVisible(), qPrintable(plan->errorBanner()->text()));
    QVERIFY2(plan->effectsNotice().contains(u"rolled it back"_s),
             qPrintable(plan->effectsNotice()));
    auto *keep = plan->findChild<QPushButton *>(u"keepEffects"_s);
    QVERIFY(keep && keep->isVisible());
    QCOMPARE(labels(plan->model()).first(), u"Insert on tst_plan_tab.scratch"_s);
    const QLabel *triggers = plan->findChild<QLabel *>(u"triggersBand"_s);
    QVERIFY(!triggers->isHidden());
    QVERIFY2(triggers->text().startsWith(u"Triggers "_s), qPrintable(triggers->text()));
    QVERIFY2(triggers->toolTip().contains(u"10 calls"_s), qPrintable(triggers->toolTip()));
    QCOMPARE(scratchRows(), 100);

    // The button asks first: Cancel runs nothing, OK runs the statement for good.
    answerMessageBox(QMessageBox::Cancel);
    keep->click();
    QVERIFY(!plan->isRunning());
    QCOMPARE(scratchRows(), 100);
    QSignalSpy finished(plan, &PlanTab::captureFinished);
    answerMessageBox(QMessageBox::Ok);
    keep->click();
    QVERIFY(plan->isRunning());
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(plan->effectsNotice().contains(u"committed"_s), qPrintable(plan->effectsNotice()));
    QVERIFY(!keep->isVisible());
    QCOMPARE(scratchRows(), 110);
}

void TestPlanTab::failedExplainShowsTheError()
{
    PlanTab *plan = explain(u"SELECT * FROM tst_plan_tab.no_such_table"_s, false);
    QVERIFY(plan);
    QVERIFY(plan->errorBanner()->isVisible());
    QVERIFY2(plan->errorBanner()->text().contains(u"no_such_table"_s),
             qPrintable(plan->errorBanner()->text()));
    QVERIFY(plan->errorBanner()->text().contains(u"42P01"_s));
    QCOMPARE(plan->model()->rowCount(), 0);
    QVERIFY(plan->rawText().isEmpty());
}

void TestPlanTab::cancelStopsARunningCapture()
{
    QueryTab *query = m_window->openQueryTab(u"SELECT pg_sleep(60)"_s);
    QVERIFY(query);
    QVERIFY(pressF7(query, true));
    auto *plan = qobject_cast<PlanTab *>(m_window->tabs()->currentWidget());
    QVERIFY(plan);
    QVERIFY(plan->isRunning());
    auto *cancel = plan->findChild<QPushButton *>(u"cancelPlan"_s);
    QVERIFY(cancel && cancel->isVisible());
    QSignalSpy finished(plan, &PlanTab::captureFinished);
    cancel->click();
    QVERIFY(finished.wait(20'000)); // long before the 60 s sleep would end
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!cancel->isVisible());
    QVERIFY2(plan->errorBanner()->text().contains(u"57014"_s),
             qPrintable(plan->errorBanner()->text()));
}

void TestPlanTab::renderedPlanTabIsNotBlank()
{
    PlanTab *plan = explain(joinQuery, true);
    QVERIFY(plan);
    plan->view()->clearSelection(); // so that no heat cell hides under the selection colour
    const QImage image = plan->grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(!image.isNull());
    // To look at it: MIZZLE_PLAN_TAB_SHOT=/some/file.png
    if (const QString shot = qEnvironmentVariable("MIZZLE_PLAN_TAB_SHOT"); !shot.isEmpty())
        QVERIFY(image.save(shot));
    QVERIFY(image.width() > 400 && image.height() > 300);
    QSet<QRgb> colours;
    bool heat = false;
    const QList<QRgb> heatColours{qRgb(0xff, 0xe5, 0x99), qRgb(0xf6, 0xb2, 0x6b),
                                  qRgb(0xe0, 0x66, 0x66)};
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            colours.insert(image.pixel(x, y));
            heat = heat || heatColours.contains(image.pixel(x, y));
        }
    }
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    QVERIFY(heat); // the shaded exclusive times are on screen
}

QTEST_MAIN(TestPlanTab)
#include "tst_plan_tab.moc"
