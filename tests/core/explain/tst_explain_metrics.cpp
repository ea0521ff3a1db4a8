#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "explain/plan_tree.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// Hand-checked metrics on small plans whose numbers are chosen to make the arithmetic visible,
// and the invariants on the real PostgreSQL 17 plans of tests/data/plans/pg17.
class TestExplainMetrics : public QObject
{
    Q_OBJECT
private slots:
    void exclusiveTimeOfAParentWithTwoChildren();
    void initPlanIsTakenFromTheNodeThatNamesIt();
    void initPlanParametersMatchOnADigitBoundary();
    void initPlanFallsBackToANodeThatCanHoldIt();
    void cteTimeIsSplitAmongItsScansInProportion();
    void cteWithoutExecutedScansIsTakenFromItsParent();
    void parallelSectionGetsItsSlowestProcessTime();
    void parallelAppendChildrenStillFitTheirParent();
    void parallelWithoutWorkerDataDividesByTheProcesses();
    void negativeExclusiveTimeIsClampedAndReported();
    void roundingOfPrintedTimesIsTolerated();
    void rowEstimateFilterAndSpillSignals();
    void exclusiveIoTimesAreNotDividedByWorkers();
    void bandsAroundTheTree();
    void realPlansKeepTheInvariants();
    void realParallelInitPlanIsTakenFromTheGather();

private:
    struct Derived
    {
        Plan plan;
        PlanMetrics metrics;
        const NodeMetrics &node(int id) const { return metrics.nodes.at(size_t(id)); }
    };
    static Derived derive(const QByteArray &json);
    static QByteArray data(const QString &name);
};

namespace {

bool near(std::optional<double> actual, double expected)
{
    return actual && qAbs(*actual - expected) < 1e-9;
}

QByteArray describe(std::optional<double> actual, double expected)
{
    return (actual ? QByteArray::number(*actual, 'g', 17) : QByteArray("unset")) +
           " != " + QByteArray::number(expected, 'g', 17);
}

} // namespace

// Compares a derived time with the hand-computed one.
#define QCOMPARE_MS(actual, expected)                                                              \
    QVERIFY2(near((actual), (expected)), describe((actual), (expected)).constData())

TestExplainMetrics::Derived TestExplainMetrics::derive(const QByteArray &json)
{
    Result<Plan> plan = parseJsonPlan(json);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    Derived derived{std::move(plan).value(), {}};
    derived.metrics = derivePlanMetrics(derived.plan);
    return derived;
}

QByteArray TestExplainMetrics::data(const QString &name)
{
    QFile file(QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans")).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

void TestExplainMetrics::exclusiveTimeOfAParentWithTwoChildren()
{
    // Nested Loop 10 ms; outer Seq Scan 3 ms; inner Index Scan 0.020 ms × 200 loops = 4 ms.
    const Derived d = derive(data(u"hand/nested_loop.json"_s));
    QCOMPARE(d.metrics.nodes.size(), size_t(3));
    QCOMPARE_MS(d.node(2).inclusiveMs, 4.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 10.0 - 3.0 - 4.0);
    QCOMPARE_MS(d.node(1).exclusiveMs, 3.0);
    QCOMPARE_MS(d.node(2).exclusiveMs, 4.0);
    QCOMPARE(d.node(1).timeTakenFrom, std::vector<int>{0});
    QCOMPARE(d.node(2).parent, 0);
    QCOMPARE(d.metrics.invariant.ok, true);
    QCOMPARE_MS(d.metrics.invariant.sumExclusiveMs, 10.0);
    QCOMPARE_MS(d.metrics.invariant.unattributedMs, 0.0);
    // Buffers: 510 hit, 20 read at the top, less 100/20 and 400/0 below.
    QCOMPARE(d.node(0).exclusiveBuffers->sharedHit, 10);
    QCOMPARE(d.node(0).exclusiveBuffers->sharedRead, 0);
    QCOMPARE(d.node(1).exclusiveBuffers->sharedRead, 20);
    QCOMPARE(d.node(2).exclusiveBuffers->sharedHit, 400);
    QCOMPARE_MS(d.node(2).actualRowsTotal, 200.0);
    QCOMPARE_MS(d.node(2).plannedRowsTotal, 200.0);
    QCOMPARE_MS(d.node(1).filterRemovedShare, 600.0 / 800.0);
    QCOMPARE_MS(d.node(1).estimateFactor, 200.0 / 180.0);
    QCOMPARE(d.node(1).estimateDirection, EstimateDirection::Under);
    QCOMPARE(d.node(2).estimateDirection, EstimateDirection::None);
}

void TestExplainMetrics::initPlanIsTakenFromTheNodeThatNamesIt()
{
    // Sort 60 ms over "InitPlan 1" (50 ms) and a Seq Scan of 55 ms whose filter evaluates it.
    const Derived d = derive(data(u"hand/init_plan_pg17.json"_s));
    QCOMPARE(d.node(1).timeTakenFrom, std::vector<int>{3});
    QCOMPARE_MS(d.node(3).exclusiveMs, 55.0 - 50.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 60.0 - 55.0); // not 60 - 55 - 50, clamped to 0
    QCOMPARE_MS(d.node(1).exclusiveMs, 50.0 - 49.99);
    QCOMPARE_MS(d.node(2).exclusiveMs, 49.99);
    QCOMPARE(d.metrics.invariant.ok, true);
    QCOMPARE_MS(d.metrics.invariant.unattributedMs, 0.0);
}

void TestExplainMetrics::initPlanParametersMatchOnADigitBoundary()
{
    // PostgreSQL 16 and before: "InitPlan 1 (returns $1)" is named by "$1", which "$10" is not.
    // Sort 100 > Nested Loop 90 > (Seq Scan a 40 with $10, Index Scan b 0.35 × 100 with $1).
    const Derived d = derive(data(u"hand/init_plan_pg16.json"_s));
    QCOMPARE(d.node(1).timeTakenFrom, std::vector<int>{5});
    QCOMPARE(d.node(2).timeTakenFrom, std::vector<int>{4});
    QCOMPARE_MS(d.node(4).exclusiveMs, 40.0 - 20.0);
    QCOMPARE_MS(d.node(5).exclusiveMs, 35.0 - 30.0);
    QCOMPARE_MS(d.node(3).exclusiveMs, 90.0 - 40.0 - 35.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 100.0 - 90.0);
    QCOMPARE_MS(d.metrics.invariant.sumExclusiveMs, 100.0);
    QCOMPARE(d.metrics.invariant.ok, true);
}

void TestExplainMetrics::initPlanFallsBackToANodeThatCanHoldIt()
{
    // Named by nobody (a LIMIT's count, which EXPLAIN does not print): the Limit evaluates it.
    const Derived limit = derive(R"({"Plan": {"Node Type": "Limit",
        "Actual Total Time": 12.0, "Actual Loops": 1, "Plans": [
        {"Node Type": "Result", "Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 1",
         "Actual Total Time": 10.0, "Actual Loops": 1},
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Actual Total Time": 1.5,
         "Actual Loops": 1}]}})");
    QCOMPARE(limit.node(1).timeTakenFrom, std::vector<int>{0});
    QCOMPARE_MS(limit.node(0).exclusiveMs, 0.5);

    // Named by an inner Index Scan far too quick to hold it: the Nested Loop evaluated it while
    // passing the parameters on (a rescan), so the time comes out of the Nested Loop.
    const Derived rescan = derive(R"json({"Plan": {"Node Type": "Nested Loop",
        "Actual Total Time": 50.0, "Actual Loops": 1, "Plans": [
        {"Node Type": "Result", "Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 1",
         "Actual Total Time": 30.0, "Actual Loops": 1},
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Actual Total Time": 5.0,
         "Actual Loops": 1},
        {"Node Type": "Index Scan", "Parent Relationship": "Inner", "Actual Total Time": 0.01,
         "Actual Loops": 10, "Index Cond": "(b.id = (InitPlan 1).col1)"}]}})json");
    QCOMPARE(rescan.node(1).timeTakenFrom, std::vector<int>{0});
    QCOMPARE_MS(rescan.node(0).exclusiveMs, 50.0 - 30.0 - 5.0 - 0.1);
    QCOMPARE_MS(rescan.node(3).exclusiveMs, 0.1);
    QCOMPARE(rescan.metrics.invariant.ok, true);
}

void TestExplainMetrics::cteTimeIsSplitAmongItsScansInProportion()
{
    // CTE c: 12 ms, read by scan a (9 ms) and scan b (6 ms): a holds 12 × 9/15 = 7.2 of it.
    const Derived d = derive(data(u"hand/cte_split.json"_s));
    QCOMPARE(d.node(1).timeTakenFrom, (std::vector<int>{2, 4}));
    QCOMPARE_MS(d.node(2).exclusiveMs, 9.0 - 7.2);
    QCOMPARE_MS(d.node(4).exclusiveMs, 6.0 - 4.8);
    QCOMPARE_MS(d.node(3).exclusiveMs, 8.0 - 6.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 20.0 - 9.0 - 8.0);
    QCOMPARE_MS(d.node(1).exclusiveMs, 12.0);
    QCOMPARE(d.metrics.invariant.ok, true);
    QCOMPARE_MS(d.metrics.invariant.sumExclusiveMs, 20.0);
    // The CTE's 10 blocks come out of scan a (7) and then scan b (3), in plan order.
    QCOMPARE(d.node(1).exclusiveBuffers->sharedHit, 10);
    for (const int id : {0, 2, 3, 4})
        QCOMPARE(d.node(id).exclusiveBuffers->sharedHit, 0);
}

void TestExplainMetrics::cteWithoutExecutedScansIsTakenFromItsParent()
{
    const Derived d = derive(R"({"Plan": {"Node Type": "Append",
        "Actual Total Time": 4.0, "Actual Loops": 1, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "InitPlan", "Subplan Name": "CTE w",
         "Actual Total Time": 3.0, "Actual Loops": 1},
        {"Node Type": "CTE Scan", "Parent Relationship": "Member", "CTE Name": "w",
         "Actual Total Time": 0.0, "Actual Loops": 0}]}})");
    QCOMPARE(d.node(1).timeTakenFrom, std::vector<int>{0});
    QCOMPARE_MS(d.node(0).exclusiveMs, 1.0);
    QCOMPARE(d.node(2).neverExecuted, true);
}

void TestExplainMetrics::parallelSectionGetsItsSlowestProcessTime()
{
    // 10 ms × 3 loops = 30 ms over the processes; workers 6 and 9, so the leader 15, the
    // slowest: the scan gets 15 ms of the Gather's 20, and the divisor is 30 / 15 = 2.
    const Derived d = derive(data(u"hand/parallel_verbose.json"_s));
    QVERIFY(!d.node(0).parallel);
    QVERIFY(d.node(1).parallel);
    QCOMPARE_MS(d.node(1).processes, 2.0);
    QCOMPARE_MS(d.node(1).inclusiveMs, 15.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 5.0);
    QCOMPARE(d.metrics.invariant.ok, true);
}

void TestExplainMetrics::parallelAppendChildrenStillFitTheirParent()
{
    // Each process spent 20 ms in the Parallel Append, on different children: one divisor for
    // the whole section keeps the children (30 and 30 summed) inside their parent (60 summed).
    const Derived d = derive(data(u"hand/parallel_append.json"_s));
    for (const int id : {1, 2, 3})
        QCOMPARE_MS(d.node(id).processes, 3.0);
    QCOMPARE_MS(d.node(1).inclusiveMs, 20.0);
    QCOMPARE_MS(d.node(1).exclusiveMs, 0.0);
    QCOMPARE_MS(d.node(2).exclusiveMs, 10.0);
    QCOMPARE_MS(d.node(3).exclusiveMs, 10.0);
    QCOMPARE_MS(d.node(0).exclusiveMs, 20.0);
    QCOMPARE_MS(d.metrics.invariant.unattributedMs, 0.0);
    QCOMPARE(d.metrics.invariant.ok, true);
}

void TestExplainMetrics::parallelWithoutWorkerDataDividesByTheProcesses()
{
    const auto plan = [](const char *gatherFields, int rootLoops, const char *settings) {
        return QByteArray(R"({"Plan": {"Node Type": "Gather", "Actual Total Time": 20.0,
            "Actual Loops": 1, )") +
               gatherFields + R"(, "Plans": [{"Node Type": "Seq Scan",
            "Parent Relationship": "Outer", "Parallel Aware": true, "Actual Total Time": 6.0,
            "Actual Loops": )" +
               QByteArray::number(rootLoops) + R"(}]}, "Settings": {)" + settings + "}}";
    };
    // Three processes ran the scan once each for one Gather: the loops tell.
    const Derived byLoops = derive(plan(R"("Workers Planned": 2, "Workers Launched": 2)", 3, ""));
    QCOMPARE_MS(byLoops.node(1).processes, 3.0);
    QCOMPARE_MS(byLoops.node(1).inclusiveMs, 6.0);
    QCOMPARE_MS(byLoops.node(0).exclusiveMs, 14.0);
    // Loops that cannot be one per process: Workers Launched plus the leader...
    const Derived byWorkers =
        derive(plan(R"("Workers Planned": 2, "Workers Launched": 2)", 12, ""));
    QCOMPARE_MS(byWorkers.node(1).processes, 3.0);
    QCOMPARE_MS(byWorkers.node(1).inclusiveMs, 24.0);
    // ...unless the leader stays out: Single Copy, or parallel_leader_participation off.
    const Derived singleCopy =
        derive(plan(R"("Workers Planned": 1, "Workers Launched": 1, "Single Copy": true)", 3, ""));
    QCOMPARE_MS(singleCopy.node(1).processes, 1.0);
    const Derived noLeader = derive(plan(R"("Workers Planned": 2, "Workers Launched": 2)", 4,
                                         R"("parallel_leader_participation": "off")"));
    QCOMPARE_MS(noLeader.node(1).processes, 2.0);
    QCOMPARE_MS(noLeader.node(1).inclusiveMs, 12.0);
}

void TestExplainMetrics::negativeExclusiveTimeIsClampedAndReported()
{
    // Children claim 12 ms of a 10 ms parent: never a negative self time, 2 ms unattributed.
    const Derived d = derive(R"({"Plan": {"Node Type": "Hash Join",
        "Actual Total Time": 10.0, "Actual Loops": 1, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Actual Total Time": 7.0,
         "Actual Loops": 1},
        {"Node Type": "Hash", "Parent Relationship": "Inner", "Actual Total Time": 5.0,
         "Actual Loops": 1}]}})");
    QCOMPARE_MS(d.node(0).exclusiveMs, 0.0);
    QCOMPARE_MS(d.metrics.invariant.rootInclusiveMs, 10.0);
    QCOMPARE_MS(d.metrics.invariant.sumExclusiveMs, 12.0);
    QCOMPARE_MS(d.metrics.invariant.unattributedMs, 2.0);
    QCOMPARE(d.metrics.invariant.ok, false);
}

void TestExplainMetrics::roundingOfPrintedTimesIsTolerated()
{
    // 0.500 + 0.501 under 1.000: a microsecond over, as three-decimal rounding can make it.
    const Derived d = derive(R"({"Plan": {"Node Type": "Append",
        "Actual Total Time": 1.000, "Actual Loops": 1, "Plans": [
        {"Node Type": "Result", "Parent Relationship": "Member", "Actual Total Time": 0.500,
         "Actual Loops": 1},
        {"Node Type": "Result", "Parent Relationship": "Member", "Actual Total Time": 0.501,
         "Actual Loops": 1}]}})");
    QCOMPARE_MS(d.node(0).exclusiveMs, 0.0);
    QVERIFY(*d.metrics.invariant.unattributedMs > 0.0009);
    QCOMPARE_MS(d.metrics.invariant.toleranceMs, 3 * 2 * 0.0005 + 1e-9);
    QCOMPARE(d.metrics.invariant.ok, true);
}

void TestExplainMetrics::rowEstimateFilterAndSpillSignals()
{
    const Derived d = derive(data(u"hand/node_signals.json"_s));
    // Index Only Scan: 50 rows × 2 loops visited, 25 heap fetches; 500 rows were expected.
    QCOMPARE_MS(d.node(1).heapFetchShare, 0.25);
    QCOMPARE_MS(d.node(1).estimateFactor, 10.0);
    QCOMPARE(d.node(1).estimateDirection, EstimateDirection::Over);
    QCOMPARE_MS(d.node(1).actualRowsTotal, 100.0);
    QCOMPARE_MS(d.node(1).plannedRowsTotal, 1000.0);
    QCOMPARE(d.node(1).neverExecuted, false);
    // Never executed: no estimate to judge, no time.
    QCOMPARE(d.node(2).neverExecuted, true);
    QVERIFY(!d.node(2).estimateFactor && !d.node(2).estimateDirection);
    QVERIFY(!d.node(2).filterRemovedShare);
    QCOMPARE_MS(d.node(2).inclusiveMs, 0.0);
    // Nothing came of 1000 expected rows: actual 0 is a signal, not a missing value.
    QCOMPARE_MS(d.node(3).estimateFactor, 1000.0);
    QCOMPARE(d.node(3).estimateDirection, EstimateDirection::Over);
    QCOMPARE_MS(d.node(3).filterRemovedShare, 1.0);
    // Sort: 5000 rows where 50 were expected, sorted on disk.
    QCOMPARE_MS(d.node(4).estimateFactor, 100.0);
    QCOMPARE(d.node(4).estimateDirection, EstimateDirection::Under);
    QVERIFY(d.node(4).spills.sortToDisk && d.node(4).spills.any());
    // Hash with 4 batches; 0 rows against the planner's floor of 1 is no misestimate.
    QVERIFY(d.node(5).spills.hashBatches && !d.node(5).spills.sortToDisk);
    QCOMPARE_MS(d.node(5).estimateFactor, 1.0);
    QCOMPARE(d.node(5).estimateDirection, EstimateDirection::None);
    QVERIFY(d.node(6).spills.hashAggDisk);
    QVERIFY(d.node(7).spills.sortToDisk); // Incremental Sort's "Sort Space Disk"
    QVERIFY(!d.node(0).spills.any() && !d.node(1).spills.any() && !d.node(3).spills.any());
    // An UPDATE without RETURNING: 0 rows planned, 0 returned, which agree.
    const Derived update = derive(data(u"hand/all_fields.json"_s));
    QCOMPARE_MS(update.node(0).estimateFactor, 1.0);
    QCOMPARE(update.node(0).estimateDirection, EstimateDirection::None);
}

void TestExplainMetrics::exclusiveIoTimesAreNotDividedByWorkers()
{
    const Derived d = derive(R"({"Plan": {"Node Type": "Gather", "Actual Total Time": 9.0,
        "Actual Loops": 1, "Workers Launched": 2, "Shared I/O Read Time": 5.0, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Actual Total Time": 2.0,
         "Actual Loops": 3, "Shared I/O Read Time": 3.5, "Temp I/O Read Time": 1.0}]}})");
    QCOMPARE_MS(d.node(1).processes, 3.0);
    QCOMPARE_MS(d.node(0).exclusiveIoTimes.sharedReadMs, 1.5);
    QCOMPARE_MS(d.node(1).exclusiveIoTimes.sharedReadMs, 3.5);
    QCOMPARE_MS(d.node(1).exclusiveIoTimes.tempReadMs, 1.0);
    QVERIFY(!d.node(0).exclusiveIoTimes.tempReadMs);
}

void TestExplainMetrics::bandsAroundTheTree()
{
    const Derived all = derive(data(u"hand/all_fields.json"_s));
    QCOMPARE_MS(all.metrics.planningMs, 0.213);
    QCOMPARE_MS(all.metrics.executionMs, 3.566);
    QCOMPARE_MS(all.metrics.triggersMs, 1.25 + 0.75);
    QCOMPARE_MS(all.metrics.jitMs, 7.727);
    QCOMPARE_MS(all.metrics.serializationMs, 0.301);
    const Derived loop = derive(data(u"hand/nested_loop.json"_s));
    QCOMPARE_MS(loop.metrics.triggersMs, 0.0);
    QVERIFY(!loop.metrics.jitMs && !loop.metrics.serializationMs);
}

void TestExplainMetrics::realPlansKeepTheInvariants()
{
    const QDir directory(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans/pg17"));
    const QStringList files = directory.entryList({u"*.json"_s});
    QVERIFY(files.size() >= 10);
    for (const QString &name : files) {
        const Derived d = derive(data(u"pg17/"_s + name));
        const PlanInvariant &invariant = d.metrics.invariant;
        QVERIFY2(invariant.ok.value_or(false), qPrintable(name));
        QVERIFY(qAbs(*invariant.sumExclusiveMs - *invariant.rootInclusiveMs -
                     *invariant.unattributedMs) < 1e-6);
        for (const NodeMetrics &node : d.metrics.nodes) {
            QVERIFY2(node.exclusiveMs && *node.exclusiveMs >= 0, qPrintable(name));
            QVERIFY(*node.exclusiveMs <= *node.inclusiveMs + 1e-9);
        }
    }
}

void TestExplainMetrics::realParallelInitPlanIsTakenFromTheGather()
{
    // Finalize Aggregate, InitPlan 1 (itself parallel: Aggregate > Gather > ...), Gather, ...
    const Derived d = derive(data(u"pg17/parallel_init_plan.json"_s));
    const std::vector<FlatPlanNode> nodes = flattenPlan(d.plan.root);
    QCOMPARE(nodes[1].node->subplanName, u"InitPlan 1"_s);
    QCOMPARE(nodes[5].node->nodeType, u"Gather"_s);
    QCOMPARE(nodes[7].node->filter, u"(big.id > (InitPlan 1).col1)"_s);
    QCOMPARE(d.node(1).timeTakenFrom, std::vector<int>{5});
    QVERIFY(d.node(3).parallel && !d.node(5).parallel && d.node(7).parallel);
    QCOMPARE_MS(d.node(5).exclusiveMs,
                *d.node(5).inclusiveMs - *d.node(1).inclusiveMs - *d.node(6).inclusiveMs);
}

QTEST_GUILESS_MAIN(TestExplainMetrics)
#include "tst_explain_metrics.moc"
