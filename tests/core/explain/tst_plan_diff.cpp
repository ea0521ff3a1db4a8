#include "explain/plan_diff.h"
#include "explain/plan_json_parser.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

class TestPlanDiff : public QObject
{
    Q_OBJECT
private slots:
    void identicalPlansMatchEveryNode();
    void changedScanMatchesOnItsTableAndAddedNodesShow();

private:
    static std::vector<PlanDiffEntry> diff(const QByteArray &before, const QByteArray &after);
};

namespace {

Plan parsed(const QByteArray &json)
{
    Result<Plan> plan = parseJsonPlan(json);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    return std::move(plan).value();
}

const QByteArray sortOverSeqScan = R"json({"Plan": {"Node Type": "Sort", "Total Cost": 900,
    "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 20.0,
    "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer",
      "Relation Name": "orders", "Schema": "public", "Alias": "o", "Total Cost": 800,
      "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 18.0}]}})json";

} // namespace

std::vector<PlanDiffEntry> TestPlanDiff::diff(const QByteArray &before, const QByteArray &after)
{
    const Plan a = parsed(before), b = parsed(after);
    return diffPlans(a, derivePlanMetrics(a), b, derivePlanMetrics(b));
}

void TestPlanDiff::identicalPlansMatchEveryNode()
{
    const auto entries = diff(sortOverSeqScan, sortOverSeqScan);
    QCOMPARE(entries.size(), size_t(2));
    for (const PlanDiffEntry &entry : entries) {
        QCOMPARE(entry.change, PlanDiffEntry::Change::Same);
        QCOMPARE(entry.before, entry.after);
        QCOMPARE(*entry.exclusiveMsDelta, 0.0);
    }
    QCOMPARE(entries.at(1).labelAfter, u"Seq Scan on public.orders o"_s);
}

void TestPlanDiff::changedScanMatchesOnItsTableAndAddedNodesShow()
{
    const QByteArray after = R"json({"Plan": {"Node Type": "Sort", "Total Cost": 30,
        "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 2.0,
        "Plans": [{"Node Type": "Nested Loop", "Parent Relationship": "Outer", "Total Cost": 25,
          "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 1.5,
          "Plans": [
          {"Node Type": "Index Scan", "Parent Relationship": "Outer", "Index Name": "orders_idx",
           "Relation Name": "orders", "Schema": "public", "Alias": "o", "Total Cost": 12,
           "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 0.5},
          {"Node Type": "Index Scan", "Parent Relationship": "Inner", "Index Name": "users_pkey",
           "Relation Name": "users", "Schema": "public", "Alias": "u", "Total Cost": 1,
           "Plan Rows": 1, "Actual Rows": 1, "Actual Loops": 10,
           "Actual Total Time": 0.05}]}]}})json";
    const auto entries = diff(sortOverSeqScan, after);
    QList<PlanDiffEntry::Change> changes;
    for (const PlanDiffEntry &entry : entries)
        changes.append(entry.change);
    using Change = PlanDiffEntry::Change;
    // The Sort matches; its Seq Scan child has no counterpart among the Sort's children (a
    // Nested Loop stands there now), so it is removed and the loop's subtree added.
    QCOMPARE(changes,
             (QList{Change::Same, Change::Removed, Change::Added, Change::Added, Change::Added}));
    QCOMPARE(*entries.at(0).inclusiveMsDelta, 2.0 - 20.0);
    QCOMPARE(*entries.at(0).totalCostDelta, 30.0 - 900.0);
    QCOMPARE(entries.at(3).labelAfter, u"Index Scan using orders_idx on public.orders o"_s);

    // Directly under the same parent, a scan that changed its method pairs on its table.
    const QByteArray indexed = R"json({"Plan": {"Node Type": "Sort", "Total Cost": 30,
        "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 2.0,
        "Plans": [{"Node Type": "Index Scan", "Parent Relationship": "Outer",
          "Index Name": "orders_idx", "Relation Name": "orders", "Schema": "public",
          "Alias": "o", "Total Cost": 12, "Plan Rows": 10, "Actual Rows": 10,
          "Actual Loops": 1, "Actual Total Time": 0.5}]}})json";
    const auto paired = diff(sortOverSeqScan, indexed);
    QCOMPARE(paired.size(), size_t(2));
    QCOMPARE(paired.at(1).change, Change::Changed);
    QCOMPARE(paired.at(1).before, 1);
    QCOMPARE(paired.at(1).after, 1);
    QCOMPARE(*paired.at(1).exclusiveMsDelta, 0.5 - 18.0);
}

QTEST_GUILESS_MAIN(TestPlanDiff)
#include "tst_plan_diff.moc"
