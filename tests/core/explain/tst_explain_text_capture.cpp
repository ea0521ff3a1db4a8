#include "connection/pg_connection.h"
#include "explain/plan_comparison.h"
#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "explain/plan_parser.h"
#include "explain/plan_text_parser.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// TEXT against JSON on the fixture's PostgreSQL 17, over a corpus of query shapes. Plain EXPLAIN
// is run twice, once per format, and the trees must match exactly. EXPLAIN ANALYZE can only be
// compared on one execution, so the TEXT comes from EXPLAIN and the JSON from auto_explain,
// which logs the same execution's instrumentation (as a notice, here): the times then agree
// within the rounding of the printed figures.
class TestExplainTextCapture : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void textAndJsonGiveTheSameTree_data();
    void textAndJsonGiveTheSameTree();

private:
    static Result<QueryResult> run(PgConnection &connection, const QString &sql);
};

namespace {

const QString serial = u"SET max_parallel_workers_per_gather = 0;"_s;
const QString parallel = u"SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; "
                         "SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; "
                         "SET min_parallel_index_scan_size = 0;"_s;
const QString autoExplain =
    u"LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; "
    "SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; "
    "SET auto_explain.log_verbose = on; SET auto_explain.log_wal = on; "
    "SET auto_explain.log_triggers = on; SET auto_explain.log_settings = on; "
    "SET auto_explain.log_format = json; SET auto_explain.log_level = notice;"_s;

// The rows of EXPLAIN's TEXT output, one line each, as a client would show them.
QByteArray lines(const QueryResult &result)
{
    QByteArray text;
    for (qsizetype row = 0; row < result.rowCount(); ++row)
        text += result.bytes(row, 0).toByteArray() + '\n';
    return text;
}

} // namespace

Result<QueryResult> TestExplainTextCapture::run(PgConnection &connection, const QString &sql)
{
    return test::run(connection, sql);
}

void TestExplainTextCapture::initTestCase()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const auto created = run(connection, uR"(
        DROP SCHEMA IF EXISTS tst_explain_text CASCADE;
        CREATE SCHEMA tst_explain_text;
        SET search_path = tst_explain_text;
        CREATE TABLE big AS SELECT g AS id, g % 100 AS grp, md5(g::text) AS payload
            FROM generate_series(1, 100000) g;
        CREATE INDEX big_id ON big (id);
        CREATE INDEX big_grp ON big (grp);
        CREATE TABLE small AS SELECT g AS grp, 'group ' || g AS label FROM generate_series(0, 99) g;
        CREATE INDEX small_grp ON small (grp);
        CREATE TABLE "order lines" ("line id" int PRIMARY KEY, "the qty" int);
        INSERT INTO "order lines" SELECT g, g % 7 FROM generate_series(1, 10000) g;
        CREATE TABLE parted (k int, v text) PARTITION BY RANGE (k);
        CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (250);
        CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (250) TO (500);
        CREATE TABLE parted_3 PARTITION OF parted FOR VALUES FROM (500) TO (1000);
        INSERT INTO parted SELECT g % 1000, 'v' || g FROM generate_series(1, 50000) g;
        CREATE TABLE parent (id int PRIMARY KEY);
        INSERT INTO parent SELECT generate_series(0, 9);
        CREATE TABLE child (id int, parent_id int REFERENCES parent);
    )"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    // On its own: a multi-statement script runs as one transaction, which VACUUM refuses. The
    // visibility map it sets makes the index-only scan real.
    const auto vacuumed = run(connection, uR"(VACUUM ANALYZE tst_explain_text.big,
        tst_explain_text.small, tst_explain_text."order lines", tst_explain_text.parted,
        tst_explain_text.parent)"_s);
    QVERIFY2(vacuumed.ok(), test::describe(vacuumed).constData());
}

void TestExplainTextCapture::cleanupTestCase()
{
    PgConnection connection;
    if (test::open(connection).ok())
        (void)run(connection, u"DROP SCHEMA IF EXISTS tst_explain_text CASCADE"_s);
}

void TestExplainTextCapture::textAndJsonGiveTheSameTree_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expectedNode");
    const QString noHash = u"SET enable_hashjoin = off; SET enable_mergejoin = off;"_s;
    QTest::newRow("nested loop") << serial + noHash
                                 << u"SELECT s.label, b.payload FROM small s JOIN big b "
                                    "ON b.id = s.grp WHERE s.grp < 20"_s
                                 << u"Nested Loop"_s;
    QTest::newRow("hash join") << serial
                               << u"SELECT s.label, count(*) FROM big b JOIN small s "
                                  "ON s.grp = b.grp WHERE b.id < 20000 GROUP BY s.label"_s
                               << u"Hash Join"_s;
    QTest::newRow("merge join") << serial +
                                       u"SET enable_hashjoin = off; SET enable_nestloop = off;"_s
                                << u"SELECT count(*) FROM small a JOIN small b ON a.grp = b.grp"_s
                                << u"Merge Join"_s;
    QTest::newRow("materialized CTE")
        << serial
        << u"WITH c AS MATERIALIZED (SELECT * FROM small WHERE grp < 50) "
           "SELECT * FROM c a JOIN c b ON a.grp = b.grp + 1"_s
        << u"CTE Scan"_s;
    QTest::newRow("InitPlan") << serial
                              << u"SELECT * FROM small WHERE grp > (SELECT avg(grp) FROM small) "
                                 "ORDER BY label"_s
                              << u"Seq Scan"_s;
    QTest::newRow("correlated SubPlan")
        << serial
        << u"SELECT s.grp, (SELECT count(*) FROM small t WHERE t.grp <= s.grp) FROM small s"_s
        << u"Aggregate"_s;
    QTest::newRow("parallel seq scan")
        << parallel << u"SELECT count(*) FROM big WHERE payload LIKE 'a%'"_s << u"Gather"_s;
    QTest::newRow("parallel bitmap scan")
        << parallel + u"SET enable_seqscan = off; SET enable_indexscan = off;"_s
        << u"SELECT count(*) FROM big WHERE grp < 5"_s << u"Bitmap Heap Scan"_s;
    QTest::newRow("parallel append")
        << parallel << u"SELECT count(*) FROM parted WHERE v <> 'x'"_s << u"Append"_s;
    QTest::newRow("Memoize") << serial + noHash
                             << u"SELECT count(*) FROM big b JOIN small s ON s.grp = b.grp "
                                "WHERE b.id < 2000"_s
                             << u"Nested Loop"_s;
    QTest::newRow("sort spill") << serial + u"SET work_mem = '64kB';"_s
                                << u"SELECT * FROM big ORDER BY payload"_s << u"Sort"_s;
    QTest::newRow("hash aggregate spill")
        << serial + u"SET work_mem = '64kB'; SET enable_sort = off;"_s
        << u"SELECT payload, count(*) FROM big GROUP BY payload"_s << u"Aggregate"_s;
    QTest::newRow("forced JIT") << serial + u"SET jit = on; SET jit_above_cost = 0; "
                                            "SET jit_inline_above_cost = 0; "
                                            "SET jit_optimize_above_cost = 0;"_s
                                << u"SELECT sum(id) FROM big WHERE grp > 3"_s << u"Aggregate"_s;
    QTest::newRow("partitions") << serial << u"SELECT * FROM parted WHERE k < 300"_s << u"Append"_s;
    QTest::newRow("recursive CTE") << serial
                                   << u"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
                                      "SELECT n + 1 FROM r WHERE n < 100) SELECT sum(n) FROM r"_s
                                   << u"Recursive Union"_s;
    QTest::newRow("window function")
        << serial
        << u"SELECT grp, row_number() OVER (PARTITION BY grp ORDER BY id) FROM big "
           "WHERE id < 1000"_s
        << u"WindowAgg"_s;
    QTest::newRow("set operation")
        << serial << u"SELECT grp FROM small EXCEPT SELECT grp FROM big WHERE id < 50"_s
        << u"SetOp"_s;
    QTest::newRow("index only scan with quoted names")
        << serial
        << u"SELECT \"line id\" FROM \"order lines\" AS \"the lines\" "
           "WHERE \"line id\" < 100 ORDER BY \"line id\" DESC"_s
        << u"Index Only Scan"_s;
    QTest::newRow("values and functions")
        << serial
        << u"SELECT * FROM (VALUES (1), (2)) v(x) JOIN generate_series(1, 10) g ON g = v.x"_s
        << u"Function Scan"_s;
    QTest::newRow("DML with foreign-key triggers")
        << serial << u"INSERT INTO child SELECT g, g % 10 FROM generate_series(1, 100) g"_s
        << u"ModifyTable"_s;
}

void TestExplainTextCapture::textAndJsonGiveTheSameTree()
{
    QFETCH(QString, settings);
    QFETCH(QString, query);
    QFETCH(QString, expectedNode);
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const auto set = run(connection, u"SET search_path = tst_explain_text; "_s + settings);
    QVERIFY2(set.ok(), test::describe(set).constData());

    // Plain EXPLAIN: the same planner inputs give the same plan in both formats, exactly.
    const auto plainJson = run(connection, u"EXPLAIN (VERBOSE, FORMAT JSON) "_s + query);
    const auto plainText = run(connection, u"EXPLAIN (VERBOSE) "_s + query);
    QVERIFY2(plainJson.ok() && plainText.ok(), test::describe(plainText).constData());
    const Result<Plan> json = parseJsonPlan(plainJson->bytes(0, 0).toByteArray());
    const Result<Plan> text = parseTextPlan(lines(plainText.value()));
    QVERIFY2(json.ok(), test::describe(json).constData());
    QVERIFY2(text.ok(), test::describe(text).constData());
    QStringList differences = planDifferences(json->root, text->root);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n') + u"\n\n"_s +
                                               QString::fromUtf8(lines(plainText.value()))));

    // EXPLAIN ANALYZE as TEXT, auto_explain's JSON of the same execution beside it. DML runs in
    // a transaction rolled back afterwards.
    QByteArray logged;
    QObject::connect(&connection, &PgConnection::notice, &connection,
                     [&logged](const QString &, const QString &message) {
                         if (message.startsWith(u"duration: "_s))
                             logged = message.toUtf8();
                     });
    const auto loaded = run(connection, autoExplain + u"BEGIN;"_s);
    QVERIFY2(loaded.ok(), test::describe(loaded).constData());
    const auto analyzed =
        run(connection, u"EXPLAIN (ANALYZE, BUFFERS, VERBOSE, WAL, SETTINGS) "_s + query);
    QVERIFY2(analyzed.ok(), test::describe(analyzed).constData());
    QVERIFY(run(connection, u"ROLLBACK"_s).ok());
    QVERIFY2(!logged.isEmpty(), "auto_explain logged nothing");
    const Result<Plan> loggedJson = parsePlan(logged);
    const Result<Plan> analyzedText = parseTextPlan(lines(analyzed.value()));
    QVERIFY2(loggedJson.ok(), test::describe(loggedJson).constData());
    QVERIFY2(analyzedText.ok(), test::describe(analyzedText).constData());
    differences = planDifferences(loggedJson->root, analyzedText->root, 0.0005);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n') + u"\n\n"_s +
                                               QString::fromUtf8(lines(analyzed.value()))));
    // What EXPLAIN prints after the tree (auto_explain has no planning figures).
    // (Sorted: Qt's JSON object keeps its keys in order, the text keeps PostgreSQL's.)
    auto textSettings = analyzedText->settings;
    auto jsonSettings = loggedJson->settings;
    std::sort(textSettings.begin(), textSettings.end());
    std::sort(jsonSettings.begin(), jsonSettings.end());
    QCOMPARE(textSettings, jsonSettings);
    QVERIFY(!textSettings.isEmpty());
    QCOMPARE(analyzedText->triggers.size(), loggedJson->triggers.size());
    for (qsizetype i = 0; i < loggedJson->triggers.size(); ++i) {
        const PlanTrigger &fromText = analyzedText->triggers.at(i);
        const PlanTrigger &fromJson = loggedJson->triggers.at(i);
        QCOMPARE(fromText.name, fromJson.name);
        QCOMPARE(fromText.constraintName, fromJson.constraintName);
        QCOMPARE(fromText.calls, fromJson.calls);
        QVERIFY(qAbs(*fromText.timeMs - *fromJson.timeMs) <= 0.0005 + 1e-9);
    }
    QCOMPARE(analyzedText->jit.has_value(), loggedJson->jit.has_value());
    if (loggedJson->jit) {
        QCOMPARE(analyzedText->jit->functions, loggedJson->jit->functions);
        QCOMPARE(analyzedText->jit->optimization, loggedJson->jit->optimization);
        QVERIFY(qAbs(*analyzedText->jit->totalMs - *loggedJson->jit->totalMs) <= 0.0005 + 1e-9);
    }
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    if (tag.contains(u"triggers"_s))
        QVERIFY(!analyzedText->triggers.isEmpty());
    if (tag.contains(u"JIT"_s))
        QVERIFY(analyzedText->jit && analyzedText->jit->functions.value_or(0) > 0);

    // The corpus covers what it says, and the times add up from the TEXT as well.
    bool found = false;
    std::vector<const PlanNode *> pending{&analyzedText->root};
    while (!pending.empty() && !found) {
        const PlanNode *node = pending.back();
        pending.pop_back();
        found = node->nodeType == expectedNode;
        for (const PlanNode &child : node->children)
            pending.push_back(&child);
    }
    QVERIFY2(found, qPrintable(expectedNode));
    const PlanMetrics metrics = derivePlanMetrics(analyzedText.value());
    QVERIFY2(
        metrics.invariant.ok.value_or(false),
        qPrintable(u"unattributed %1 ms"_s.arg(metrics.invariant.unattributedMs.value_or(-1))));
    for (const NodeMetrics &node : metrics.nodes)
        QVERIFY(node.exclusiveMs.value_or(-1) >= 0);
}

QTEST_GUILESS_MAIN(TestExplainTextCapture)
#include "tst_explain_text_capture.moc"
