#include "connection/connection_pool.h"
#include "explain/plan_hints.h"
#include "explain/plan_json_parser.h"
#include "explain/plan_predicates.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// Each hint from a plan shaped to need it, and nothing from plans that do not.
class TestPlanHints : public QObject
{
    Q_OBJECT
private slots:
    void predicatesComeFromPostgresqlsParser();
    void seqScanThatDiscardsMostRowsGetsABtreeIndex();
    void jsonbContainmentGetsAGinIndex();
    void nullTestsMakeAPartialIndex();
    void smallOrSelectiveScansGetNoIndexHint();
    void spillsAskForWorkMem();
    void misestimateIsReportedWhereItStarts();
    void heapFetchesAskForVacuum();
    void missingWorkersJitAndPlanningAreReported();
    void plainExplainGetsNoHints();
    void realPlanFromTheServerGetsTheIndexHint();

private:
    static std::vector<PlanHint> hintsFor(const QByteArray &json);
    static QByteArray seqScan(const QString &filter, double removed, double rows = 100);
};

std::vector<PlanHint> TestPlanHints::hintsFor(const QByteArray &json)
{
    Result<Plan> plan = parseJsonPlan(json);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    return planHints(plan.value(), derivePlanMetrics(plan.value()));
}

QByteArray TestPlanHints::seqScan(const QString &filter, double removed, double rows)
{
    return uR"json({"Plan": {"Node Type": "Seq Scan", "Relation Name": "orders", "Schema": "shop",
        "Alias": "o", "Plan Rows": %3, "Actual Rows": %3, "Actual Loops": 1,
        "Actual Startup Time": 0.01, "Actual Total Time": 40.0, "Filter": "%1",
        "Rows Removed by Filter": %2}, "Execution Time": 41.0})json"_s.arg(filter)
        .arg(removed)
        .arg(rows)
        .toUtf8();
}

void TestPlanHints::predicatesComeFromPostgresqlsParser()
{
    const auto found = predicatesOf(
        u"((o.status = 'paid'::text) AND (customer_id = ANY ('{1,2}'::integer[])) AND "
        "(created_at >= $1) AND (deleted_at IS NULL) AND (NOT archived) AND (a = b) AND "
        "(data ? 'k'::text))"_s);
    QVERIFY(found);
    using Kind = PlanPredicate::Kind;
    const QList<PlanPredicate> expected{
        {Kind::Equality, u"status"_s, {}},
        {Kind::Equality, u"customer_id"_s, {}},
        {Kind::Range, u"created_at"_s, {}},
        {Kind::NullTest, u"deleted_at"_s, u"deleted_at IS NULL"_s},
        {Kind::BooleanTest, u"archived"_s, u"NOT archived"_s},
        {Kind::Other, {}, {}}, // column against column
        {Kind::JsonKey, u"data"_s, {}},
    };
    QCOMPARE(*found, expected);
    // EXPLAIN prints InitPlan references that are not SQL.
    QVERIFY(!predicatesOf(u"(id = (InitPlan 1).col1)"_s));
}

void TestPlanHints::seqScanThatDiscardsMostRowsGetsABtreeIndex()
{
    const auto hints = hintsFor(seqScan(
        u"((status = 'paid'::text) AND (customer_id = 42) AND (total > 100::numeric))"_s, 99900));
    QCOMPARE(hints.size(), size_t(1));
    const PlanHint &hint = hints.front();
    QCOMPARE(hint.kind, PlanHint::Kind::Index);
    QCOMPARE(hint.nodeId, 0);
    QCOMPARE(hint.sql, u"CREATE INDEX CONCURRENTLY ON shop.orders (status, customer_id, total);"_s);
    QVERIFY2(hint.detail.contains(u"Equality columns come first"_s), qPrintable(hint.detail));
    QVERIFY(qAbs(hint.msAtStake - 40.0 * 99900 / 100000) < 1e-6);
}

void TestPlanHints::jsonbContainmentGetsAGinIndex()
{
    auto hints = hintsFor(seqScan(u"(metadata @> '{\\\"color\\\": \\\"red\\\"}'::jsonb)"_s, 5000));
    QCOMPARE(hints.size(), size_t(1));
    QCOMPARE(hints.front().sql,
             u"CREATE INDEX CONCURRENTLY ON shop.orders USING gin (metadata jsonb_path_ops);"_s);
    hints = hintsFor(seqScan(u"(metadata ? 'color'::text)"_s, 5000));
    QCOMPARE(hints.front().sql,
             u"CREATE INDEX CONCURRENTLY ON shop.orders USING gin (metadata);"_s);
}

void TestPlanHints::nullTestsMakeAPartialIndex()
{
    const auto hints = hintsFor(seqScan(u"((customer_id = 7) AND (deleted_at IS NULL))"_s, 5000));
    QCOMPARE(hints.size(), size_t(1));
    QCOMPARE(hints.front().sql,
             u"CREATE INDEX CONCURRENTLY ON shop.orders (customer_id) WHERE deleted_at IS NULL;"_s);
}

void TestPlanHints::smallOrSelectiveScansGetNoIndexHint()
{
    QVERIFY(hintsFor(seqScan(u"(customer_id = 7)"_s, 500)).empty());            // a small table
    QVERIFY(hintsFor(seqScan(u"(customer_id = 7)"_s, 5000, 20000)).empty());    // keeps 80%
    QVERIFY(hintsFor(seqScan(u"(lower(name) ~~ 'a%'::text)"_s, 5000)).empty()); // no column
}

void TestPlanHints::spillsAskForWorkMem()
{
    const auto hints = hintsFor(R"json({"Plan": {"Node Type": "Sort", "Plan Rows": 1000,
        "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 90.0,
        "Sort Method": "external merge", "Sort Space Used": 20000, "Sort Space Type": "Disk",
        "Plans": [{"Node Type": "Hash Join", "Parent Relationship": "Outer", "Plan Rows": 1000,
          "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 50.0, "Plans": [
          {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "a",
           "Plan Rows": 1000, "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 5.0},
          {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": 1000,
           "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 20.0,
           "Hash Batches": 4, "Original Hash Batches": 1, "Peak Memory Usage": 3000,
           "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer",
             "Relation Name": "b", "Plan Rows": 1000, "Actual Rows": 1000, "Actual Loops": 1,
             "Actual Total Time": 10.0}]}]}]}, "Execution Time": 91.0})json");
    QCOMPARE(hints.size(), size_t(2));
    QCOMPARE(hints.at(0).nodeId, 0); // 40 ms of its own, before the Hash's 10
    QCOMPARE(hints.at(0).sql, u"SET work_mem = '64MB';"_s); // twice the 20,000 kB on disk
    QCOMPARE(hints.at(1).nodeId, 3);
    QCOMPARE(hints.at(1).sql, u"SET work_mem = '16MB';"_s); // 4 batches of 3,000 kB
    QVERIFY(hints.at(1).title.contains(u"4 batches"_s));
}

void TestPlanHints::misestimateIsReportedWhereItStarts()
{
    // The join inherits its 1000× error from the scan below, which is where it starts.
    const auto hints = hintsFor(R"json({"Plan": {"Node Type": "Hash Join", "Plan Rows": 10,
        "Actual Rows": 10000, "Actual Loops": 1, "Actual Total Time": 30.0, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "t",
         "Schema": "public", "Plan Rows": 10, "Actual Rows": 9000, "Actual Loops": 1,
         "Actual Total Time": 8.0, "Filter": "((city = 'Paris'::text) AND (zip = '75001'::text))",
         "Rows Removed by Filter": 100},
        {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": 50,
         "Actual Rows": 50, "Actual Loops": 1, "Actual Total Time": 1.0, "Plans": [
          {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "u",
           "Schema": "public", "Plan Rows": 50, "Actual Rows": 50, "Actual Loops": 1,
           "Actual Total Time": 0.5}]}]
}
, "Execution Time" : 31.0
})json");
    QCOMPARE(hints.size(), size_t(1));
    const PlanHint &hint = hints.front();
    QCOMPARE(hint.kind, PlanHint::Kind::Statistics);
    QCOMPARE(hint.nodeId, 1);
    QCOMPARE(hint.msAtStake, 30.0); // the join that planned with the wrong figure
    QCOMPARE(hint.sql, u"ANALYZE public.t;\nCREATE STATISTICS ON city, zip FROM public.t;"_s);
    QVERIFY2(hint.title.contains(u"too low by 900×"_s), qPrintable(hint.title));
}

void TestPlanHints::heapFetchesAskForVacuum()
{
    const auto hints = hintsFor(R"json({"Plan": {"Node Type": "Index Only Scan",
        "Relation Name": "events", "Index Name": "events_pkey", "Plan Rows": 1000,
        "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 12.0,
        "Heap Fetches": 800}, "Execution Time": 12.5})json");
    QCOMPARE(hints.size(), size_t(1));
    QCOMPARE(hints.front().kind, PlanHint::Kind::Vacuum);
    QCOMPARE(hints.front().sql, u"VACUUM (ANALYZE) events;"_s);
}

void TestPlanHints::missingWorkersJitAndPlanningAreReported()
{
    const auto hints = hintsFor(R"json({"Plan": {"Node Type": "Gather", "Plan Rows": 100,
        "Actual Rows": 100, "Actual Loops": 1, "Actual Total Time": 10.0,
        "Workers Planned": 4, "Workers Launched": 1, "Single Copy": false, "Plans": [
        {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "t",
         "Parallel Aware": true, "Plan Rows": 50, "Actual Rows": 50, "Actual Loops": 2,
         "Actual Total Time": 4.0}]},
        "Planning Time": 30.0, "Execution Time": 12.0,
        "JIT": {"Functions": 3, "Timing": {"Total": 7.5}}})json");
    QList<PlanHint::Kind> kinds;
    for (const PlanHint &hint : hints)
        kinds.append(hint.kind);
    // Planning is 18 ms over, JIT 7.5 ms, the missing workers 10 × (1 - 2/5) = 6 ms.
    QCOMPARE(kinds,
             (QList{PlanHint::Kind::Planning, PlanHint::Kind::Jit, PlanHint::Kind::Workers}));
    QVERIFY(hints.at(2).title.startsWith(u"1 of 4"_s));
    QCOMPARE(hints.at(1).sql, u"SET jit = off;"_s);
}

void TestPlanHints::plainExplainGetsNoHints()
{
    QVERIFY(hintsFor(R"json({"Plan": {"Node Type": "Seq Scan", "Relation Name": "orders",
        "Plan Rows": 10, "Filter": "(customer_id = 7)"}
})json")
                .empty());
}

void TestPlanHints::realPlanFromTheServerGetsTheIndexHint()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(pool, uR"(
        DROP SCHEMA IF EXISTS hints_test CASCADE;
        CREATE SCHEMA hints_test;
        CREATE TABLE hints_test.tickets AS
            SELECT i AS id, i % 100 AS queue, (i % 7 = 0) AS closed FROM generate_series(1, 20000) i;
        ANALYZE hints_test.tickets;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    const auto explained = test::runScript(pool, uR"(
        SET max_parallel_workers_per_gather = 0;
        EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON)
            SELECT id FROM hints_test.tickets WHERE queue = 42 AND NOT closed)"_s);
    QVERIFY2(explained.ok(), test::describe(explained).constData());
    const auto hints = hintsFor(explained->text(0, 0).toUtf8());
    QVERIFY(!hints.empty());
    QCOMPARE(hints.front().kind, PlanHint::Kind::Index);
    QCOMPARE(hints.front().sql,
             u"CREATE INDEX CONCURRENTLY ON hints_test.tickets (queue) WHERE NOT closed;"_s);
}

QTEST_GUILESS_MAIN(TestPlanHints)
#include "tst_plan_hints.moc"
