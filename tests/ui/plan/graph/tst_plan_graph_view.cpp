#include "connection/connection_pool.h"
#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "plan/graph/plan_graph_view.h"
#include "plan/plan_flame_graph.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"
#include "plan_samples.h"
#include "test_database.h"

#include <QImage>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The Graph and Flame pages of a plan: built straight from parsed plans, then inside a real
// PlanTab to check that they follow and drive the Table page's selection.
class TestPlanGraphView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void oneCardPerVisibleNodeAndCollapse();
    void edgesGrowWithRows();
    void similarChildrenFoldAndOpen();
    void clickingACardSelectsItsNode();
    void aGrabIsNotBlank();
    void flameWidthsFollowInclusiveTime();
    void flameClickSelectsAndExplainOnlySaysWhy();
    void planTabKeepsTheSelectionInSync();

private:
    std::unique_ptr<ConnectionPool> m_pool;
};

namespace {

// Hash Join (0, 10 ms): Seq Scan a (1, 4 ms, 100,000 rows), Hash (2, 5 ms): Seq Scan b (3,
// 3 ms, 10 rows).
const QString analyzed = u"hand/graph_hash_join.json"_s;

const QByteArray explained = R"json([{"Plan": {
    "Node Type": "Seq Scan", "Relation Name": "a", "Alias": "a", "Plan Rows": 10,
    "Total Cost": 5}}])json";

} // namespace

void TestPlanGraphView::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
}

void TestPlanGraphView::cleanupTestCase()
{
    m_pool.reset();
}

void TestPlanGraphView::oneCardPerVisibleNodeAndCollapse()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanGraphView view;
    view.setPlan(plan, metrics);
    QCOMPARE(view.cardCount(), 4);
    for (int id = 0; id < 4; ++id)
        QVERIFY(!view.cardRect(id).isNull());
    view.toggleCollapsed(2);
    QCOMPARE(view.cardCount(), 3);
    QVERIFY(view.cardRect(3).isNull());
    QCOMPARE(view.edgeWidth(3), 0.0);
    view.toggleCollapsed(2);
    QCOMPARE(view.cardCount(), 4);

    // A double-click on a card folds it too.
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSelectedNode(2);
    const QPoint hash = view.mapFromScene(view.cardRect(2).topLeft() + QPointF(3, 3));
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, hash);
    QCOMPARE(view.cardCount(), 3);
    view.clear();
    QCOMPARE(view.cardCount(), 0);
}

void TestPlanGraphView::edgesGrowWithRows()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanGraphView view;
    view.setPlan(plan, metrics);
    QCOMPARE(view.edgeWidth(0), 0.0); // the root has no edge
    QVERIFY(view.edgeWidth(3) >= 1);
    QVERIFY2(view.edgeWidth(1) > view.edgeWidth(2),
             qPrintable(u"%1 vs %2"_s.arg(view.edgeWidth(1)).arg(view.edgeWidth(2))));
}

void TestPlanGraphView::similarChildrenFoldAndOpen()
{
    QByteArray json = R"json([{"Plan": {"Node Type": "Append", "Plan Rows": 1, "Plans": [)json";
    for (int i = 0; i < 2000; ++i) {
        if (i > 0)
            json += ',';
        json +=
            R"json({"Node Type": "Seq Scan", "Parent Relationship": "Member", "Relation Name": "p_)json" +
            QByteArray::number(i) + R"json(", "Plan Rows": 1})json";
    }
    const explain::Plan plan = test::parsedPlan(json + "]}}]");
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanGraphView view;
    view.resize(900, 600);
    view.setPlan(plan, metrics);
    QCOMPARE(view.cardCount(), 4); // the Append and three scans, beside the group
    QCOMPARE(view.groupCardCount(), 1);
    QVERIFY(view.cardRect(1000).isNull());

    // Selecting a folded node elsewhere (the table) opens its group.
    view.setSelectedNode(1000);
    QCOMPARE(view.cardCount(), 2001);
    QCOMPARE(view.groupCardCount(), 0);
    QVERIFY(!view.cardRect(1000).isNull());

    // So does a double-click on the group card.
    view.setPlan(plan, metrics);
    QCOMPARE(view.cardCount(), 4); // the Append and three scans, beside the group
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRectF group = view.groupRect(0);
    QVERIFY(!group.isNull());
    view.centerOn(group.center());
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(group.center()));
    QCOMPARE(view.cardCount(), 2001);

    // And a collapsed ancestor unfolds for a node selected under it.
    view.toggleCollapsed(0);
    QCOMPARE(view.cardCount(), 1);
    view.setSelectedNode(7);
    QCOMPARE(view.cardCount(), 2001);
    QVERIFY(!view.cardRect(7).isNull());
}

void TestPlanGraphView::clickingACardSelectsItsNode()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanGraphView view;
    view.resize(1000, 600);
    view.setPlan(plan, metrics);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy selected(&view, &PlanGraphView::nodeSelected);
    view.setSelectedNode(3); // centres it, so that it can be clicked
    QCOMPARE(selected.count(), 0);
    const QPoint where = view.mapFromScene(view.cardRect(3).center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, where);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toInt(), 3);
    QCOMPARE(view.selectedNode(), 3);
}

void TestPlanGraphView::aGrabIsNotBlank()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanGraphView view;
    view.resize(800, 500);
    view.setPlan(plan, metrics);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.viewport()->grab().toImage();
    const QRgb background = image.pixel(2, 2);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            differing += image.pixel(x, y) != background;
    QVERIFY2(differing > 500, qPrintable(QString::number(differing)));
}

void TestPlanGraphView::flameWidthsFollowInclusiveTime()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanFlameGraph flame;
    flame.resize(1008, 200);
    flame.setPlan(plan, metrics);
    QVERIFY(flame.message().isEmpty());
    const double root = flame.nodeRect(0).width();
    QCOMPARE(root, 1000.0);
    for (int id = 1; id < 4; ++id) {
        const double expected =
            root * *metrics.nodes[size_t(id)].inclusiveMs / *metrics.nodes[0].inclusiveMs;
        QVERIFY2(qAbs(flame.nodeRect(id).width() - expected) < 0.01,
                 qPrintable(
                     u"node %1: %2 vs %3"_s.arg(id).arg(flame.nodeRect(id).width()).arg(expected)));
        QVERIFY(flame.nodeRect(id).top() > flame.nodeRect(metrics.nodes[size_t(id)].parent).top());
    }
    // The Hash Join's own time is the part its two children leave uncovered.
    QVERIFY(flame.nodeRect(2).right() < flame.nodeRect(0).right() - 50);
    QVERIFY(flame.nodeRect(3).left() >= flame.nodeRect(2).left());
    QVERIFY(flame.nodeRect(3).right() <= flame.nodeRect(2).right());
}

void TestPlanGraphView::flameClickSelectsAndExplainOnlySaysWhy()
{
    const explain::Plan plan = test::planFile(analyzed);
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    PlanFlameGraph flame;
    flame.resize(808, 200);
    flame.setPlan(plan, metrics);
    flame.show();
    QVERIFY(QTest::qWaitForWindowExposed(&flame));
    QSignalSpy selected(&flame, &PlanFlameGraph::nodeSelected);
    QTest::mouseClick(&flame, Qt::LeftButton, {}, flame.nodeRect(3).center().toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toInt(), 3);
    QCOMPARE(flame.selectedNode(), 3);

    const explain::Plan plain = test::parsedPlan(explained);
    const explain::PlanMetrics plainMetrics = explain::derivePlanMetrics(plain);
    flame.setPlan(plain, plainMetrics);
    QVERIFY(flame.message().contains(u"Explain Analyze"_s));
    QVERIFY(flame.nodeRect(0).isNull());
    QTest::mouseClick(&flame, Qt::LeftButton, {}, QPoint(400, 10));
    QCOMPARE(selected.count(), 1);
}

void TestPlanGraphView::planTabKeepsTheSelectionInSync()
{
    PlanTab tab(
        m_pool.get(),
        u"SELECT * FROM generate_series(1, 1000) a JOIN generate_series(1, 10) b ON a = b"_s, true);
    QSignalSpy finished(&tab, &PlanTab::captureFinished);
    tab.resize(1200, 800);
    tab.show();
    tab.run();
    QVERIFY(finished.wait(30'000));
    QVERIFY(finished.first().first().toBool());
    const int nodes = tab.model()->nodeCount();
    QVERIFY(nodes >= 3);
    auto *pages = tab.findChild<QTabWidget *>();
    QVERIFY(pages);
    QCOMPARE(pages->tabText(1), u"Graph"_s);
    QCOMPARE(pages->tabText(2), u"Flame"_s);
    QCOMPARE(tab.graph()->cardCount(), nodes);

    // Table → graph and flame.
    tab.view()->setCurrentIndex(tab.model()->indexOfNode(nodes - 1));
    QCOMPARE(tab.graph()->selectedNode(), nodes - 1);
    QCOMPARE(tab.flame()->selectedNode(), nodes - 1);

    // Graph → table.
    pages->setCurrentIndex(1);
    PlanGraphView *graph = tab.graph();
    graph->setSelectedNode(1);
    QTest::mouseClick(graph->viewport(), Qt::LeftButton, {},
                      graph->mapFromScene(graph->cardRect(1).center()));
    QCOMPARE(tab.model()->nodeId(tab.view()->currentIndex()), 1);
    QCOMPARE(tab.flame()->selectedNode(), 1);

    // Flame → table: the root spans the whole width whatever the timings were.
    pages->setCurrentIndex(2);
    QVERIFY(tab.flame()->message().isEmpty());
    QTest::mouseClick(tab.flame(), Qt::LeftButton, {}, tab.flame()->nodeRect(0).center().toPoint());
    QCOMPARE(tab.model()->nodeId(tab.view()->currentIndex()), 0);
    QCOMPARE(tab.graph()->selectedNode(), 0);
}

QTEST_MAIN(TestPlanGraphView)
#include "tst_plan_graph_view.moc"
