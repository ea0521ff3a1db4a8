#include "explain/plan_json_parser.h"
#include "explain/plan_tree.h"
#include "plan/plan_details_panel.h"
#include "plan/plan_node_label.h"
#include "plan/plan_tree_model.h"
#include "test_database.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLocale>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The plan table's model, the node names and the details panel on hand-made plans.
class TestPlanTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void unattributedTimeGetsARowOfItsOwn();
    void neverExecutedAndSpillsAreShown();
    void nodesAreNamedAsPsqlNamesThem_data();
    void nodesAreNamedAsPsqlNamesThem();
    void detailsShowEveryPrintedFieldInPlanOrder();

private:
    static explain::Plan parse(const QByteArray &json);
};

namespace {

// The child's printed time exceeds its parent's.
const QByteArray overlapping = R"([{"Plan": {
    "Node Type": "Limit", "Startup Cost": 0.00, "Total Cost": 1.00, "Plan Rows": 10,
    "Plan Width": 4, "Actual Startup Time": 0.010, "Actual Total Time": 1.000,
    "Actual Rows": 10, "Actual Loops": 1,
    "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer",
               "Relation Name": "t", "Alias": "t", "Startup Cost": 0.00,
               "Total Cost": 100.00, "Plan Rows": 1000, "Plan Width": 4,
               "Actual Startup Time": 0.005, "Actual Total Time": 1.500,
               "Actual Rows": 10, "Actual Loops": 1}]},
    "Planning Time": 0.100, "Execution Time": 1.600}])";

const QByteArray spilling = R"([{"Plan": {
    "Node Type": "Sort", "Startup Cost": 10.00, "Total Cost": 12.00, "Plan Rows": 100,
    "Plan Width": 4, "Actual Startup Time": 5.000, "Actual Total Time": 6.000,
    "Actual Rows": 100, "Actual Loops": 1, "Sort Key": ["t.a"],
    "Sort Method": "external merge", "Sort Space Used": 800, "Sort Space Type": "Disk",
    "Future Field": "kept as printed",
    "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer",
               "Relation Name": "t", "Alias": "t", "Startup Cost": 0.00,
               "Total Cost": 2.00, "Plan Rows": 100, "Plan Width": 4,
               "Actual Startup Time": 0.010, "Actual Total Time": 1.000,
               "Actual Rows": 100, "Actual Loops": 1,
               "Output": ["t.a", "t.b"]},
              {"Node Type": "Result", "Parent Relationship": "InitPlan",
               "Subplan Name": "InitPlan 1", "Startup Cost": 0.00, "Total Cost": 0.01,
               "Plan Rows": 1, "Plan Width": 4, "Actual Loops": 0}]},
    "Execution Time": 6.100}])";

} // namespace

explain::Plan TestPlanTreeModel::parse(const QByteArray &json)
{
    auto parsed = explain::parseJsonPlan(json);
    if (!parsed)
        qFatal("%s", test::describe(parsed).constData());
    return std::move(parsed).value();
}

void TestPlanTreeModel::unattributedTimeGetsARowOfItsOwn()
{
    PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(parse(overlapping));
    QVERIFY(model.hasUnattributedRow());
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex extra = model.index(1, PlanTreeModel::ExclusiveColumn);
    QCOMPARE(extra.siblingAtColumn(0).data().toString(), u"unattributed (rounding)"_s);
    QCOMPARE(model.nodeId(extra), -1);
    // Negative, so that the column adds up to the plan's time.
    QVERIFY(qAbs(extra.data(PlanTreeModel::ValueRole).toDouble() + 0.5) < 1e-6);
    QCOMPARE(model.rowCount(extra.siblingAtColumn(0)), 0);

    const QModelIndex scan = model.index(0, 0, model.index(0, 0));
    QCOMPARE(scan.data().toString(), u"Seq Scan on t"_s);
    QCOMPARE(scan.parent(), model.index(0, 0));
    const QModelIndex estimate = scan.siblingAtColumn(PlanTreeModel::EstimateColumn);
    QCOMPARE(estimate.data().toString(), u"over %1×"_s.arg(QLocale().toString(100.0, 'f', 1)));
    QCOMPARE(estimate.data(PlanTreeModel::HeatRole).toInt(), 2);
    QCOMPARE(model.index(0, PlanTreeModel::ExclusiveColumn).data(PlanTreeModel::ValueRole), 0.0);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasPlan());
}

void TestPlanTreeModel::neverExecutedAndSpillsAreShown()
{
    PlanTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(parse(spilling));
    QCOMPARE(model.nodeCount(), 3);
    const QModelIndex sort = model.index(0, 0);
    QVERIFY2(sort.data().toString().endsWith(u"[sort on disk]"_s),
             qPrintable(sort.data().toString()));
    // 5 of the 6 ms are the sort's own: the hottest shade.
    QCOMPARE(sort.siblingAtColumn(PlanTreeModel::ExclusiveColumn).data(PlanTreeModel::HeatRole), 2);
    const QModelIndex initPlan = model.index(1, 0, sort);
    QCOMPARE(initPlan.data().toString(), u"InitPlan 1: Result"_s);
    QCOMPARE(initPlan.siblingAtColumn(PlanTreeModel::RowsColumn).data().toString(),
             u"never executed"_s);
    QVERIFY(initPlan.data(Qt::ForegroundRole).isValid());
}

void TestPlanTreeModel::nodesAreNamedAsPsqlNamesThem_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("label");

    QTest::newRow("hash left join")
        << uR"({"Node Type": "Hash Join", "Join Type": "Left"})"_s << u"Hash Left Join"_s;
    QTest::newRow("nested loop anti")
        << uR"({"Node Type": "Nested Loop", "Join Type": "Anti"})"_s << u"Nested Loop Anti Join"_s;
    QTest::newRow("inner merge join")
        << uR"({"Node Type": "Merge Join", "Join Type": "Inner"})"_s << u"Merge Join"_s;
    QTest::newRow("partial hash aggregate")
        << uR"({"Node Type": "Aggregate", "Strategy": "Hashed", "Partial Mode": "Partial"})"_s
        << u"Partial HashAggregate"_s;
    QTest::newRow("group aggregate")
        << uR"({"Node Type": "Aggregate", "Strategy": "Sorted"})"_s << u"GroupAggregate"_s;
    QTest::newRow("parallel seq scan")
        << uR"({"Node Type": "Seq Scan", "Parallel Aware": true, "Relation Name": "orders",
                "Schema": "public", "Alias": "o"})"_s
        << u"Parallel Seq Scan on public.orders o"_s;
    QTest::newRow("index only scan backward")
        << uR"({"Node Type": "Index Only Scan", "Scan Direction": "Backward",
                "Index Name": "orders_pkey", "Relation Name": "orders", "Alias": "orders"})"_s
        << u"Index Only Scan Backward using orders_pkey on orders"_s;
    QTest::newRow("insert")
        << uR"({"Node Type": "ModifyTable", "Operation": "Insert", "Relation Name": "t",
                "Schema": "s", "Alias": "t"})"_s
        << u"Insert on s.t"_s;
    QTest::newRow("cte scan")
        << uR"({"Node Type": "CTE Scan", "CTE Name": "recent", "Alias": "r"})"_s
        << u"CTE Scan on recent r"_s;
    QTest::newRow("function scan")
        << uR"({"Node Type": "Function Scan", "Function Name": "generate_series",
                "Alias": "g"})"_s
        << u"Function Scan on generate_series g"_s;
    QTest::newRow("subplan") << uR"({"Node Type": "Result", "Parent Relationship": "SubPlan",
                "Subplan Name": "SubPlan 2"})"_s
                             << u"SubPlan 2: Result"_s;
}

void TestPlanTreeModel::nodesAreNamedAsPsqlNamesThem()
{
    QFETCH(QString, json);
    QFETCH(QString, label);
    const explain::Plan plan = parse(u"{\"Plan\": %1}"_s.arg(json).toUtf8());
    QCOMPARE(planNodeLabel(plan.root), label);
}

void TestPlanTreeModel::detailsShowEveryPrintedFieldInPlanOrder()
{
    const explain::Plan plan = parse(spilling);
    const std::vector<explain::FlatPlanNode> nodes = explain::flattenPlan(plan.root);
    const std::vector<QJsonObject> printed = PlanDetailsPanel::printedNodes(spilling);
    QCOMPARE(printed.size(), nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
        QCOMPARE(printed[i].value(u"Node Type").toString(), nodes[i].node->nodeType);

    PlanTreeModel model;
    model.setPlan(plan);
    PlanDetailsPanel panel;
    panel.showNode(model.node(0), model.metrics().nodes[0], model.exclusiveShare(0), printed[0]);
    QCOMPARE(panel.valueOf(u"Sort Method"_s), u"external merge"_s);
    QCOMPARE(panel.valueOf(u"Sort Space Used"_s), u"800"_s);
    QCOMPARE(panel.valueOf(u"Actual Total Time"_s), u"6"_s);
    QCOMPARE(panel.valueOf(u"Spills"_s), u"sort on disk"_s);
    QCOMPARE(panel.valueOf(u"Plans"_s), QString()); // the children have rows of their own
    const auto unknown =
        panel.findItems(u"Future Field"_s, Qt::MatchExactly | Qt::MatchRecursive, 0);
    QCOMPARE(unknown.size(), 1);
    QCOMPARE(unknown.first()->text(1), u"kept as printed"_s);
    QVERIFY(unknown.first()->font(0).italic());
    const auto known = panel.findItems(u"Sort Method"_s, Qt::MatchExactly | Qt::MatchRecursive, 0);
    QVERIFY(!known.first()->font(0).italic());

    panel.showNode(model.node(1), model.metrics().nodes[1], model.exclusiveShare(1), printed[1]);
    const auto output = panel.findItems(u"Output"_s, Qt::MatchExactly | Qt::MatchRecursive, 0);
    QCOMPARE(output.size(), 1);
    QCOMPARE(output.first()->childCount(), 2);
    QCOMPARE(output.first()->child(1)->text(1), u"t.b"_s);
}

QTEST_MAIN(TestPlanTreeModel)
#include "tst_plan_tree_model.moc"
