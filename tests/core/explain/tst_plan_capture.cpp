#include "explain/plan_capture.h"
#include "explain/statement_effects.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// PlanCapture against the fixture's PostgreSQL 17.
class TestPlanCapture : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void explainOptionsFollowTheServerVersion_data();
    void explainOptionsFollowTheServerVersion();
    void statementMayChangeDataFollowsTheParser_data();
    void statementMayChangeDataFollowsTheParser();
    void explainIsVerboseWithSettings();
    void analyzeAddsBuffersWalSerializeAndMemory();
    void dmlUnderAnalyzeIsRolledBack();
    void keepEffectsCommitsTheStatement();
    void plainExplainOfDmlRunsNothing();
    void analyzedSelectIsRolledBackToo();
    void serverErrorsComeBackWithTheServersMessage();
    void oneStatementAtATime();
    void cancelReturnsPromptlyAndThePoolStaysHealthy();
    void cancelWhileWaitingForAConnection();
    void statementTimeoutApplies();

private:
    Result<CapturedPlan> capture(const QString &statement, PlanCaptureOptions options,
                                 ConnectionPool *pool = nullptr);
    qint64 rowCount();

    std::unique_ptr<ConnectionPool> m_pool;
};

namespace {

PoolSettings poolOf(int max)
{
    PoolSettings settings;
    settings.max = max;
    return settings;
}

} // namespace

void TestPlanCapture::initTestCase()
{
    ConnectionPool pool(test::testParameters(), poolOf(1));
    const auto created = test::runScript(pool, uR"(
        DROP SCHEMA IF EXISTS tst_plan_capture CASCADE;
        CREATE SCHEMA tst_plan_capture;
        CREATE TABLE tst_plan_capture.items (id int PRIMARY KEY, label text);
        CREATE TABLE tst_plan_capture.log (entry text);
        CREATE FUNCTION tst_plan_capture.write_log() RETURNS int LANGUAGE sql
            AS $$ INSERT INTO tst_plan_capture.log VALUES ('written'); SELECT 1 $$;
    )"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestPlanCapture::init()
{
    // Each test starts from the same three rows, on a pool of its own.
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), poolOf(2));
    const auto reset = test::runScript(*m_pool, uR"(
        TRUNCATE tst_plan_capture.items, tst_plan_capture.log;
        INSERT INTO tst_plan_capture.items VALUES (1, 'one'), (2, 'two'), (3, 'three');
    )"_s);
    QVERIFY2(reset.ok(), test::describe(reset).constData());
}

void TestPlanCapture::cleanupTestCase()
{
    m_pool.reset();
    ConnectionPool pool(test::testParameters(), poolOf(1));
    (void)test::run(pool, u"DROP SCHEMA IF EXISTS tst_plan_capture CASCADE"_s);
}

Result<CapturedPlan> TestPlanCapture::capture(const QString &statement, PlanCaptureOptions options,
                                              ConnectionPool *pool)
{
    PlanCapture capture(pool ? pool : m_pool.get());
    return test::await<CapturedPlan>([&](auto done) {
        connect(&capture, &PlanCapture::finished, this, done);
        capture.start(statement, options);
    });
}

qint64 TestPlanCapture::rowCount()
{
    const auto counted = test::run(*m_pool, u"SELECT count(*) FROM tst_plan_capture.items"_s);
    return counted ? counted->text(0, 0).toLongLong() : -1;
}

void TestPlanCapture::explainOptionsFollowTheServerVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<QString>("options");

    QTest::newRow("11") << 110000 << false << u"VERBOSE, FORMAT JSON"_s;
    QTest::newRow("11 analyze") << 110022 << true << u"ANALYZE, VERBOSE, BUFFERS, FORMAT JSON"_s;
    QTest::newRow("12") << 120000 << false << u"VERBOSE, SETTINGS, FORMAT JSON"_s;
    QTest::newRow("12 analyze") << 120019 << true
                                << u"ANALYZE, VERBOSE, BUFFERS, SETTINGS, FORMAT JSON"_s;
    QTest::newRow("13 analyze") << 130000 << true
                                << u"ANALYZE, VERBOSE, BUFFERS, WAL, SETTINGS, FORMAT JSON"_s;
    QTest::newRow("16 analyze") << 160004 << true
                                << u"ANALYZE, VERBOSE, BUFFERS, WAL, SETTINGS, FORMAT JSON"_s;
    QTest::newRow("17") << 170000 << false << u"VERBOSE, SETTINGS, FORMAT JSON"_s;
    QTest::newRow("17 analyze")
        << 170002 << true
        << u"ANALYZE, VERBOSE, BUFFERS, WAL, SETTINGS, SERIALIZE, MEMORY, FORMAT JSON"_s;
}

void TestPlanCapture::explainOptionsFollowTheServerVersion()
{
    QFETCH(int, version);
    QFETCH(bool, analyze);
    QFETCH(QString, options);
    QCOMPARE(PlanCapture::explainOptions(version, analyze), options);
}

void TestPlanCapture::statementMayChangeDataFollowsTheParser_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<bool>("changes");

    QTest::newRow("select") << u"SELECT * FROM pg_class WHERE relname = 'x'"_s << false;
    QTest::newRow("values") << u"VALUES (1), (2)"_s << false;
    QTest::newRow("table") << u"TABLE pg_class"_s << false;
    QTest::newRow("read-only cte") << u"WITH c AS (SELECT 1) SELECT * FROM c"_s << false;
    QTest::newRow("union") << u"SELECT 1 UNION ALL SELECT 2"_s << false;
    QTest::newRow("insert") << u"INSERT INTO t VALUES (1)"_s << true;
    QTest::newRow("update") << u"UPDATE t SET a = 1"_s << true;
    QTest::newRow("delete") << u"DELETE FROM t"_s << true;
    QTest::newRow("merge") << u"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"_s
                           << true;
    QTest::newRow("writing cte") << u"WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"_s
                                 << true;
    QTest::newRow("select into") << u"SELECT 1 AS a INTO new_table"_s << true;
    QTest::newRow("for update") << u"SELECT * FROM t FOR UPDATE"_s << true;
    QTest::newRow("create table as") << u"CREATE TABLE n AS SELECT 1"_s << true;
    QTest::newRow("execute") << u"EXECUTE prepared_statement"_s << true;
    QTest::newRow("syntax error") << u"SELEC 1"_s << true;
    QTest::newRow("two statements") << u"SELECT 1; SELECT 2"_s << true;
    QTest::newRow("'InsertStmt' as text") << u"SELECT '{\"InsertStmt\": 1}'"_s << false;
}

void TestPlanCapture::statementMayChangeDataFollowsTheParser()
{
    QFETCH(QString, statement);
    QFETCH(bool, changes);
    QCOMPARE(statementMayChangeData(statement), changes);
}

void TestPlanCapture::explainIsVerboseWithSettings()
{
    // SETTINGS lists the settings that differ from the default: give the session one.
    ConnectionParameters parameters = test::testParameters();
    parameters.set(u"options"_s, u"-c work_mem=7MB"_s);
    ConnectionPool pool(parameters, poolOf(1));
    const auto captured =
        capture(u"SELECT label FROM tst_plan_capture.items WHERE label > 'a';"_s, {}, &pool);
    QVERIFY2(captured.ok(), test::describe(captured).constData());
    QVERIFY(captured->serverVersion >= 170000);
    QCOMPARE(captured->command, u"EXPLAIN (VERBOSE, SETTINGS, FORMAT JSON) SELECT label FROM "
                                "tst_plan_capture.items WHERE label > 'a'"_s);
    QCOMPARE(captured->statement, u"SELECT label FROM tst_plan_capture.items WHERE label > 'a'"_s);
    QVERIFY(captured->plan.settings.contains(std::pair(u"work_mem"_s, u"7MB"_s)));
    QCOMPARE(captured->plan.root.nodeType, u"Seq Scan"_s);
    QCOMPARE(captured->plan.root.relationName, u"items"_s);
    QCOMPARE(captured->plan.root.schema, u"tst_plan_capture"_s); // VERBOSE
    QCOMPARE(captured->plan.root.output, QStringList{u"label"_s});
    QVERIFY(!captured->plan.root.actualLoops.has_value());
    QVERIFY(!captured->json.contains(u"Actual Rows"_s));
    QVERIFY(!captured->mayChangeData);
    QVERIFY(!captured->rolledBack);
}

void TestPlanCapture::analyzeAddsBuffersWalSerializeAndMemory()
{
    const auto captured =
        capture(u"SELECT * FROM tst_plan_capture.items ORDER BY label"_s, {.analyze = true});
    QVERIFY2(captured.ok(), test::describe(captured).constData());
    QVERIFY(captured->command.startsWith(
        u"EXPLAIN (ANALYZE, VERBOSE, BUFFERS, WAL, SETTINGS, SERIALIZE, MEMORY, FORMAT JSON) "_s));
    QVERIFY(captured->json.contains(u"\"Serialization\""_s));
    QVERIFY(captured->json.contains(u"\"WAL Records\""_s));
    QVERIFY(captured->plan.serialization.has_value());
    QVERIFY(captured->plan.serialization->timeMs.has_value());
    QVERIFY(captured->plan.planningMemoryUsedKb.has_value());
    QVERIFY(captured->plan.planningMemoryAllocatedKb.has_value());
    const PlanNode &root = captured->plan.root;
    QCOMPARE(root.nodeType, u"Sort"_s);
    QCOMPARE(root.actualRows, 3.0);
    QCOMPARE(root.actualLoops, 1.0);
    QVERIFY(root.buffers.has_value());
    QVERIFY(root.wal.has_value());
    QVERIFY(captured->plan.executionTimeMs.has_value());
}

void TestPlanCapture::dmlUnderAnalyzeIsRolledBack()
{
    const auto deleted = capture(u"DELETE FROM tst_plan_capture.items"_s, {.analyze = true});
    QVERIFY2(deleted.ok(), test::describe(deleted).constData());
    QVERIFY(deleted->mayChangeData);
    QVERIFY(deleted->rolledBack);
    QCOMPARE(deleted->plan.root.nodeType, u"ModifyTable"_s);
    QCOMPARE(deleted->plan.root.operation, u"Delete"_s);
    QCOMPARE(deleted->plan.root.children.at(0).actualRows, 3.0); // it did run
    QCOMPARE(rowCount(), 3);

    const auto viaCte = capture(u"WITH gone AS (DELETE FROM tst_plan_capture.items RETURNING id) "
                                "SELECT count(*) FROM gone"_s,
                                {.analyze = true});
    QVERIFY2(viaCte.ok(), test::describe(viaCte).constData());
    QVERIFY(viaCte->mayChangeData);
    QVERIFY(viaCte->rolledBack);
    QCOMPARE(rowCount(), 3);
}

void TestPlanCapture::keepEffectsCommitsTheStatement()
{
    const auto deleted = capture(u"DELETE FROM tst_plan_capture.items WHERE id = 2"_s,
                                 {.analyze = true, .keepEffects = true});
    QVERIFY2(deleted.ok(), test::describe(deleted).constData());
    QVERIFY(deleted->mayChangeData);
    QVERIFY(!deleted->rolledBack);
    QVERIFY(deleted->options.keepEffects);
    QCOMPARE(rowCount(), 2);
}

void TestPlanCapture::plainExplainOfDmlRunsNothing()
{
    const auto planned = capture(u"DELETE FROM tst_plan_capture.items"_s, {});
    QVERIFY2(planned.ok(), test::describe(planned).constData());
    QVERIFY(planned->mayChangeData);
    QVERIFY(!planned->rolledBack);
    QVERIFY(!planned->plan.root.actualRows.has_value());
    QCOMPARE(rowCount(), 3);
}

void TestPlanCapture::analyzedSelectIsRolledBackToo()
{
    // The parser sees a plain SELECT; only the server knows the function writes.
    const auto captured = capture(u"SELECT tst_plan_capture.write_log()"_s, {.analyze = true});
    QVERIFY2(captured.ok(), test::describe(captured).constData());
    QVERIFY(!captured->mayChangeData);
    QVERIFY(captured->rolledBack);
    const auto logged = test::run(*m_pool, u"SELECT count(*) FROM tst_plan_capture.log"_s);
    QVERIFY2(logged.ok(), test::describe(logged).constData());
    QCOMPARE(logged->text(0, 0), u"0"_s);
}

void TestPlanCapture::serverErrorsComeBackWithTheServersMessage()
{
    const auto missing = capture(u"SELECT * FROM tst_plan_capture.no_such_table"_s, {});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().sqlState, u"42P01"_s);
    QVERIFY2(missing.error().message.contains(u"no_such_table"_s),
             qPrintable(missing.error().message));

    const auto syntax = capture(u"SELEC 1"_s, {.analyze = true});
    QVERIFY(!syntax.ok());
    QCOMPARE(syntax.error().sqlState, u"42601"_s);
    QVERIFY2(syntax.error().message.contains(u"syntax error"_s),
             qPrintable(syntax.error().message));

    // The failed ANALYZE left no transaction behind on the pooled connections.
    const auto after = test::run(*m_pool, u"SELECT count(*) FROM tst_plan_capture.items"_s);
    QVERIFY2(after.ok(), test::describe(after).constData());
    QCOMPARE(m_pool->stats().active, 0);
}

void TestPlanCapture::oneStatementAtATime()
{
    const auto two = capture(u"SELECT 1; SELECT 2"_s, {});
    QVERIFY(!two.ok());
    QVERIFY2(two.error().message.contains(u"one statement"_s), qPrintable(two.error().message));
    const auto none = capture(u"  ;  "_s, {});
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(u"no statement"_s), qPrintable(none.error().message));
    QCOMPARE(m_pool->stats().acquireCount, 1); // only init()'s: nothing was sent
}

void TestPlanCapture::cancelReturnsPromptlyAndThePoolStaysHealthy()
{
    ConnectionPool pool(test::testParameters(), poolOf(1));
    PgConnection observer;
    QVERIFY(test::open(observer));
    const auto sleeping = [&observer] {
        const auto found =
            test::run(observer, u"SELECT count(*) FROM pg_stat_activity WHERE "
                                "state = 'active' AND query LIKE 'EXPLAIN%pg_sleep(60)%'"_s);
        return found ? found->text(0, 0).toInt() : -1;
    };

    PlanCapture capture(&pool);
    std::optional<Result<CapturedPlan>> outcome;
    connect(&capture, &PlanCapture::finished, this,
            [&outcome](const Result<CapturedPlan> &result) { outcome.emplace(result); });
    capture.start(u"SELECT pg_sleep(60)"_s, {.analyze = true});
    QVERIFY(capture.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(sleeping(), 1, 20'000);

    capture.cancel();
    // Far sooner than the 60 s the statement would take.
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20'000);
    QVERIFY(!capture.isRunning());
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().sqlState, u"57014"_s);
    QCOMPARE(outcome->error().hint, u"You cancelled the statement."_s);
    QCOMPARE(sleeping(), 0);

    // The connection came back idle and outside any transaction, and serves the next caller.
    QCOMPARE(pool.stats().active, 0);
    QCOMPARE(pool.stats().total, 1);
    const auto next = test::run(pool, u"SELECT 1"_s);
    QVERIFY2(next.ok(), test::describe(next).constData());
    const auto captured = [&] {
        PlanCapture again(&pool);
        return test::await<CapturedPlan>([&](auto done) {
            connect(&again, &PlanCapture::finished, this, done);
            again.start(u"SELECT 1"_s, {.analyze = true});
        });
    }();
    QVERIFY2(captured.ok(), test::describe(captured).constData());
    QCOMPARE(pool.stats().total, 1);
}

void TestPlanCapture::cancelWhileWaitingForAConnection()
{
    ConnectionPool pool(test::testParameters(), poolOf(1));
    auto held = test::acquire(pool, this);
    QVERIFY2(held.ok(), test::describe(held).constData());
    PlanCapture capture(&pool);
    std::optional<Result<CapturedPlan>> outcome;
    connect(&capture, &PlanCapture::finished, this,
            [&outcome](const Result<CapturedPlan> &result) { outcome.emplace(result); });
    capture.start(u"SELECT 1"_s, {});
    QTRY_COMPARE(pool.stats().waiting, 1);
    capture.cancel();
    QVERIFY(!outcome.has_value()); // reported from the event loop, not from inside cancel()
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().sqlState, u"57014"_s);
    // Releasing the connection finds the cancelled capture's request gone.
    held = Error{};
    QCOMPARE(pool.stats().waiting, 0);
    QCOMPARE(pool.stats().acquireCount, 1);
    QCOMPARE(pool.stats().idle, 1);
}

void TestPlanCapture::statementTimeoutApplies()
{
    // What a profile's statementTimeout sends on every session.
    ConnectionParameters parameters = test::testParameters();
    parameters.set(u"options"_s, u"-c statement_timeout=200"_s);
    ConnectionPool pool(parameters, poolOf(1));
    const auto timedOut = capture(u"SELECT pg_sleep(30)"_s, {.analyze = true}, &pool);
    QVERIFY(!timedOut.ok());
    QCOMPARE(timedOut.error().sqlState, u"57014"_s);
    QVERIFY2(timedOut.error().message.contains(u"statement timeout"_s),
             qPrintable(timedOut.error().message));
}

QTEST_GUILESS_MAIN(TestPlanCapture)
#include "tst_plan_capture.moc"
