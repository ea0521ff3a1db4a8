#include "explain/plan_json_parser.h"
#include "explain/plan_tree.h"
#include "plan/graph/plan_graph_layout.h"
#include "test_database.h"

#include <QTest>
#include <algorithm>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Where the graphical plan puts its cards, without any widget.
class TestPlanGraphLayout : public QObject
{
    Q_OBJECT
private slots:
    void childrenSitBelowTheirParentsCentred();
    void cardsNeverOverlap();
    void collapsingHidesTheSubtree();
    void manySimilarChildrenFoldIntoOneGroup();
    void twentySimilarChildrenAreNotGrouped();
    void anExpandedGroupShowsEveryChild();
    void edgeWidthGrowsWithRowsAndIsClamped();

private:
    static explain::Plan parse(const QByteArray &json);
};

namespace {

// Hash Join (0): Seq Scan a (1), Hash (2): Nested Loop (3): Seq Scan b (4), Index Scan c (5).
const QByteArray joinPlan = R"json([{"Plan": {
    "Node Type": "Hash Join", "Join Type": "Inner", "Plan Rows": 100, "Total Cost": 50,
    "Plans": [
      {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "a",
       "Alias": "a", "Plan Rows": 1000, "Total Cost": 20},
      {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": 10, "Total Cost": 20,
       "Plans": [{"Node Type": "Nested Loop", "Parent Relationship": "Outer", "Join Type": "Inner",
                  "Plan Rows": 10, "Total Cost": 15,
                  "Plans": [
                    {"Node Type": "Seq Scan", "Parent Relationship": "Outer",
                     "Relation Name": "b", "Alias": "b", "Plan Rows": 10, "Total Cost": 5},
                    {"Node Type": "Index Scan", "Parent Relationship": "Inner",
                     "Index Name": "c_pkey", "Relation Name": "c", "Alias": "c",
                     "Plan Rows": 1, "Total Cost": 1}]}]}]}}])json";

// An Append over `scans` Seq Scans of partitions, then `indexScans` Index Scans.
QByteArray appendPlan(int scans, int indexScans = 0)
{
    QByteArray json = R"json([{"Plan": {"Node Type": "Append", "Plan Rows": 1, "Plans": [)json";
    for (int i = 0; i < scans + indexScans; ++i) {
        if (i > 0)
            json += ',';
        const QByteArray type = i < scans ? "Seq Scan" : "Index Scan";
        json += R"json({"Node Type": ")json" + type +
                R"json(", "Parent Relationship": "Member", "Relation Name": "p_)json" +
                QByteArray::number(i) + R"json(", "Plan Rows": 1})json";
    }
    return json + "]}}]";
}

bool overlaps(const std::vector<PlanGraphCard> &cards)
{
    for (size_t i = 0; i < cards.size(); ++i)
        for (size_t j = i + 1; j < cards.size(); ++j)
            if (cards[i].rect.intersects(cards[j].rect))
                return true;
    return false;
}

} // namespace

explain::Plan TestPlanGraphLayout::parse(const QByteArray &json)
{
    auto parsed = explain::parseJsonPlan(json);
    if (!parsed)
        qFatal("%s", test::describe(parsed).constData());
    return std::move(parsed).value();
}

void TestPlanGraphLayout::childrenSitBelowTheirParentsCentred()
{
    const explain::Plan plan = parse(joinPlan);
    const auto nodes = explain::flattenPlan(plan.root);
    const PlanGraphLayout layout = layoutPlanGraph(nodes);
    QCOMPARE(layout.cards.size(), size_t(6));
    for (size_t id = 0; id < nodes.size(); ++id) {
        const PlanGraphCard &card = layout.cards[size_t(layout.cardOfNode[id])];
        QCOMPARE(card.node, int(id));
        QVERIFY(card.rect.width() > 0 && card.rect.height() > 0);
        if (nodes[id].parent >= 0) {
            const QRectF parent =
                layout.cards[size_t(layout.cardOfNode[size_t(nodes[id].parent)])].rect;
            QVERIFY2(card.rect.top() > parent.bottom(), qPrintable(QString::number(id)));
        }
        const std::vector<int> &children = nodes[id].children;
        if (!children.empty()) {
            const QRectF first =
                layout.cards[size_t(layout.cardOfNode[size_t(children.front())])].rect;
            const QRectF last =
                layout.cards[size_t(layout.cardOfNode[size_t(children.back())])].rect;
            QCOMPARE(card.rect.center().x(), (first.center().x() + last.center().x()) / 2);
        }
    }
    // Leaves run left to right in plan order.
    const QRectF a = layout.cards[size_t(layout.cardOfNode[1])].rect;
    const QRectF b = layout.cards[size_t(layout.cardOfNode[4])].rect;
    const QRectF c = layout.cards[size_t(layout.cardOfNode[5])].rect;
    QVERIFY(a.right() < b.left());
    QVERIFY(b.right() < c.left());
    for (const PlanGraphCard &card : layout.cards)
        QVERIFY(layout.bounds.contains(card.rect));
}

void TestPlanGraphLayout::cardsNeverOverlap()
{
    QVERIFY(!overlaps(layoutPlanGraph(explain::flattenPlan(parse(joinPlan).root)).cards));
    const explain::Plan wide = parse(appendPlan(30));
    PlanGraphLayoutOptions all;
    all.expandedGroups.insert(0);
    QVERIFY(!overlaps(layoutPlanGraph(explain::flattenPlan(wide.root), all).cards));
}

void TestPlanGraphLayout::collapsingHidesTheSubtree()
{
    const explain::Plan plan = parse(joinPlan);
    const auto nodes = explain::flattenPlan(plan.root);
    PlanGraphLayoutOptions options;
    options.collapsed.insert(2);
    const PlanGraphLayout layout = layoutPlanGraph(nodes, options);
    QCOMPARE(layout.cards.size(), size_t(3));
    for (int hidden : {3, 4, 5})
        QCOMPARE(layout.cardOfNode[size_t(hidden)], -1);
    const PlanGraphCard &hash = layout.cards[size_t(layout.cardOfNode[2])];
    QCOMPARE(hash.hiddenBelow, 3);
    QVERIFY(hash.hasChildren);
    QVERIFY(!overlaps(layout.cards));
}

void TestPlanGraphLayout::manySimilarChildrenFoldIntoOneGroup()
{
    const explain::Plan plan = parse(appendPlan(2000, 2));
    const auto nodes = explain::flattenPlan(plan.root);
    QCOMPARE(nodes.size(), size_t(2003));
    const PlanGraphLayout layout = layoutPlanGraph(nodes);
    // The Append, three Seq Scans, one group for the other 1,997, and both Index Scans.
    QCOMPARE(layout.cards.size(), size_t(7));
    const auto group = std::find_if(layout.cards.begin(), layout.cards.end(),
                                    [](const PlanGraphCard &card) { return card.groupSize > 0; });
    QVERIFY(group != layout.cards.end());
    QCOMPARE(group->groupSize, 1997);
    QCOMPARE(group->node, 4); // the first folded child
    QCOMPARE(group->parentCard, 0);
    QCOMPARE(layout.cardOfNode[4], -1);
    QVERIFY(layout.cardOfNode[3] > 0);
    QVERIFY(layout.cardOfNode[2001] > 0);
    QVERIFY(layout.cardOfNode[2002] > 0);
    QVERIFY(!overlaps(layout.cards));
    QVERIFY(layout.bounds.width() < 8 * 300);
}

void TestPlanGraphLayout::twentySimilarChildrenAreNotGrouped()
{
    const PlanGraphLayout layout =
        layoutPlanGraph(explain::flattenPlan(parse(appendPlan(20)).root));
    QCOMPARE(layout.cards.size(), size_t(21));
    QVERIFY(std::none_of(layout.cards.begin(), layout.cards.end(),
                         [](const PlanGraphCard &card) { return card.groupSize > 0; }));
}

void TestPlanGraphLayout::anExpandedGroupShowsEveryChild()
{
    const explain::Plan plan = parse(appendPlan(2000));
    PlanGraphLayoutOptions options;
    options.expandedGroups.insert(0);
    const PlanGraphLayout layout = layoutPlanGraph(explain::flattenPlan(plan.root), options);
    QCOMPARE(layout.cards.size(), size_t(2001));
    // One row of leaves, each to the right of the one before.
    for (size_t card = 2; card < layout.cards.size(); ++card)
        QVERIFY(layout.cards[card].rect.left() > layout.cards[card - 1].rect.right());
}

void TestPlanGraphLayout::edgeWidthGrowsWithRowsAndIsClamped()
{
    QCOMPARE(planGraphEdgeWidth(0), 1.0);
    QVERIFY(planGraphEdgeWidth(10) < planGraphEdgeWidth(1000));
    QVERIFY(planGraphEdgeWidth(1000) < planGraphEdgeWidth(100000));
    QCOMPARE(planGraphEdgeWidth(1e30), 10.0);
}

QTEST_GUILESS_MAIN(TestPlanGraphLayout)
#include "tst_plan_graph_layout.moc"
