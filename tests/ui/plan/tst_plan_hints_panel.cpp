#include "connection/connection_pool.h"
#include "plan/plan_hints_panel.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"
#include "test_database.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The Hints page of a plan tab, on plans the fixture's PostgreSQL 17 makes.
class TestPlanHintsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void analyzedScanListsAnIndexHintAndSelectsItsNode();
    void tryingTheIndexShowsTheCostsAndTheChangedNodes();
    void plainExplainAsksForAnalyze();

private:
    std::unique_ptr<PlanTab> capture(const QString &sql, bool analyze);
    std::unique_ptr<ConnectionPool> m_pool;
};

namespace {
const QString selective = u"SELECT * FROM tst_hints_panel.events WHERE kind = 7"_s;
} // namespace

void TestPlanHintsPanel::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS tst_hints_panel CASCADE;
        DROP EXTENSION IF EXISTS hypopg;
        CREATE SCHEMA tst_hints_panel;
        CREATE TABLE tst_hints_panel.events AS
            SELECT g AS id, g % 1000 AS kind FROM generate_series(1, 50000) g;
        ANALYZE tst_hints_panel.events;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestPlanHintsPanel::cleanupTestCase()
{
    (void)test::run(*m_pool, u"DROP SCHEMA IF EXISTS tst_hints_panel CASCADE"_s);
    m_pool.reset();
}

std::unique_ptr<PlanTab> TestPlanHintsPanel::capture(const QString &sql, bool analyze)
{
    // The table is below min_parallel_table_scan_size, so the plan is a plain Seq Scan.
    auto tab = std::make_unique<PlanTab>(m_pool.get(), sql, analyze);
    QSignalSpy finished(tab.get(), &PlanTab::captureFinished);
    tab->show();
    tab->run();
    if (!finished.wait(30'000) || !finished.first().first().toBool())
        return nullptr;
    return tab;
}

void TestPlanHintsPanel::analyzedScanListsAnIndexHintAndSelectsItsNode()
{
    const auto tab = capture(selective, true);
    QVERIFY(tab);
    PlanHintsPanel *hints = tab->hints();
    QVERIFY(!hints->hints().empty());
    QCOMPARE(hints->hints().front().kind, explain::PlanHint::Kind::Index);
    QCOMPARE(hints->list()->topLevelItemCount(), int(hints->hints().size()));
    QVERIFY(hints->detailText().contains(
        u"CREATE INDEX CONCURRENTLY ON tst_hints_panel.events (kind);"_s));
    QVERIFY(!hints->tryIndexButton()->isHidden());

    // Choosing the hint again selects its node in the plan tree.
    tab->view()->setCurrentIndex(QModelIndex());
    hints->list()->setCurrentItem(nullptr);
    hints->list()->setCurrentItem(hints->list()->topLevelItem(0));
    QCOMPARE(tab->model()->nodeId(tab->view()->currentIndex()), hints->hints().front().nodeId);
}

void TestPlanHintsPanel::tryingTheIndexShowsTheCostsAndTheChangedNodes()
{
    const auto tab = capture(selective, true);
    QVERIFY(tab);
    PlanHintsPanel *hints = tab->hints();
    QSignalSpy trial(hints, &PlanHintsPanel::trialFinished);
    hints->tryIndexButton()->click();
    QVERIFY(trial.wait(30'000));
    QVERIFY2(trial.first().first().toBool(), qPrintable(hints->detailText()));
    QVERIFY2(hints->detailText().contains(u"The planner uses the index."_s),
             qPrintable(hints->detailText()));
    QVERIFY(!hints->diffView()->isHidden());
    QVERIFY(hints->diffView()->topLevelItemCount() >= 2);
    QVERIFY(hints->diffView()->topLevelItem(0)->text(0).contains(u"Seq Scan on"_s));
    QCOMPARE(hints->diffView()->topLevelItem(0)->text(2), u"changed"_s);
    const auto indexes = test::run(
        *m_pool, u"SELECT count(*) FROM pg_indexes WHERE schemaname = 'tst_hints_panel'"_s);
    QVERIFY2(indexes.ok(), test::describe(indexes).constData());
    QCOMPARE(indexes->text(0, 0), u"0"_s); // only ever hypothetical
}

void TestPlanHintsPanel::plainExplainAsksForAnalyze()
{
    const auto tab = capture(selective, false);
    QVERIFY(tab);
    QVERIFY(tab->hints()->hints().empty());
    QVERIFY(tab->hints()->detailText().contains(u"Explain Analyze"_s));
}

QTEST_MAIN(TestPlanHintsPanel)
#include "tst_plan_hints_panel.moc"
