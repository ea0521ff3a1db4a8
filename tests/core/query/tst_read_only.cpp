#include "catalog/catalog.h"
#include "connection/connection_pool.h"
#include "explain/plan_capture.h"
#include "query/read_only_statement.h"
#include "query/script_runner.h"
#include "session/read_only_status.h"
#include "sql/sql_statement_splitter.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// A read-only profile, tried as someone who wants to write would try it. Each attempt runs
// from the SQL editor's runner on a read-only pool; a second, read-write connection then checks
// that nothing changed. The pool here has no default_transaction_read_only of its own: Mizzle's
// read-only transaction alone must hold.
class TestReadOnly : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void bypassesLeaveTheDataUnchanged_data();
    void bypassesLeaveTheDataUnchanged();
    void readsSettingsAndExplainStillWork();
    void heldTransactionStaysReadOnlyAcrossRuns();
    void rowCapAndErrorsLeaveTheNextStatementProtected();
    void explainAnalyzeChangesNothingAndKeepsNoEffects();
    void roleThatCannotWriteIsTold();
    void statusNamesWhatHoldsAndWhatLeaks();

private:
    struct Run
    {
        bool ok = false;
        QList<StatementOutcome> outcomes;
        QStringList notices;
    };
    static Run run(ScriptRunner &runner, const QString &script);
    QString tableState();
    static PoolSettings readOnlySettings()
    {
        PoolSettings settings;
        settings.readOnly = true;
        return settings;
    }

    std::unique_ptr<ConnectionPool> m_writer;
    QString m_initialState;
};

void TestReadOnly::initTestCase()
{
    m_writer = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_writer, uR"(
        DROP SCHEMA IF EXISTS ro_test CASCADE;
        CREATE SCHEMA ro_test;
        CREATE TABLE ro_test.t (id int PRIMARY KEY, v text);
        INSERT INTO ro_test.t VALUES (1, 'one'), (2, 'two'), (3, 'three');
        CREATE SEQUENCE ro_test.s;
        CREATE FUNCTION ro_test.wipe() RETURNS void LANGUAGE sql AS 'DELETE FROM ro_test.t';
        CREATE PROCEDURE ro_test.commits() LANGUAGE plpgsql
            AS $$BEGIN COMMIT; DELETE FROM ro_test.t; END$$;
        DROP ROLE IF EXISTS ro_reader;
        CREATE ROLE ro_reader LOGIN;
        GRANT USAGE ON SCHEMA ro_test TO ro_reader;
        GRANT SELECT ON ro_test.t TO ro_reader;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    m_initialState = tableState();
    QCOMPARE(m_initialState, u"1:one,2:two,3:three|seq 1 false"_s);
}

QString TestReadOnly::tableState()
{
    const auto rows = test::run(*m_writer, uR"(
        SELECT (SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM ro_test.t) || '|seq ' ||
               (SELECT last_value || ' ' || is_called FROM ro_test.s) ||
               coalesce((SELECT ' made ' || string_agg(relname, ',') FROM pg_class
                          WHERE relname IN ('made', 'made_by_set'))::text, ''))"_s);
    return rows.ok() ? rows->text(0, 0) : rows.error().toString();
}

TestReadOnly::Run TestReadOnly::run(ScriptRunner &runner, const QString &script)
{
    QList<ScriptStatement> statements;
    for (const SqlStatementSpan &span : splitStatements(script))
        statements.append({script.mid(span.start, span.length), span.start});
    Run outcome;
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QSignalSpy done(&runner, &ScriptRunner::statementFinished);
    QSignalSpy notices(&runner, &ScriptRunner::notice);
    runner.run(statements);
    if (!finished.wait(30'000))
        return outcome;
    outcome.ok = finished.first().first().toBool();
    for (const QList<QVariant> &arguments : done)
        outcome.outcomes.append(arguments.first().value<StatementOutcome>());
    for (const QList<QVariant> &arguments : notices)
        outcome.notices.append(arguments.at(1).toString());
    return outcome;
}

void TestReadOnly::bypassesLeaveTheDataUnchanged_data()
{
    QTest::addColumn<QString>("script");
    const auto row = [](const char *name, const QString &script) { QTest::newRow(name) << script; };
    // The four from the issue.
    row("begin read write", u"begin read write; delete from ro_test.t where id = 1; commit"_s);
    row("session characteristics",
        u"set session characteristics as transaction read write; delete from ro_test.t"_s);
    row("default off", u"set default_transaction_read_only = off; delete from ro_test.t"_s);
    row("set_config default", u"select set_config('default_transaction_read_only', 'off', false); "
                              "delete from ro_test.t"_s);
    // Ending Mizzle's transaction first, in every spelling.
    row("commit first", u"commit; delete from ro_test.t"_s);
    row("end first", u"end; set default_transaction_read_only = off; delete from ro_test.t"_s);
    row("rollback then set_config",
        u"rollback; select set_config('default_transaction_read_only', 'off', false); "
        "delete from ro_test.t"_s);
    row("abort, characteristics, begin",
        u"abort; set session characteristics as transaction read write; begin; "
        "delete from ro_test.t; commit"_s);
    row("begin commit delete", u"begin; commit; delete from ro_test.t"_s);
    row("commit and chain", u"begin; commit and chain; delete from ro_test.t"_s);
    row("start transaction read write", u"start transaction read write; delete from ro_test.t"_s);
    row("prepare transaction", u"begin; prepare transaction 'escape'"_s);
    // Changing the transaction Mizzle has begun.
    row("set transaction", u"set transaction read write; delete from ro_test.t"_s);
    row("set local", u"set local transaction_read_only = off; delete from ro_test.t"_s);
    row("set_config transaction",
        u"select set_config('transaction_read_only', 'off', true); delete from ro_test.t"_s);
    row("reset all", u"reset all; delete from ro_test.t"_s);
    row("discard all", u"discard all; delete from ro_test.t"_s);
    row("savepoints", u"savepoint s; release s; delete from ro_test.t"_s);
    // Writes hidden where no text search would find them.
    row("function", u"select ro_test.wipe()"_s);
    row("do block", u"do $$ begin delete from ro_test.t; end $$"_s);
    row("do block commits", u"do $$ begin commit; set default_transaction_read_only = off; "
                            "delete from ro_test.t; end $$"_s);
    row("procedure commits", u"call ro_test.commits()"_s);
    row("prepared statement", u"prepare wipe as delete from ro_test.t; execute wipe"_s);
    row("writable cte", u"with d as (delete from ro_test.t returning *) select * from d"_s);
    row("insert on conflict", u"insert into ro_test.t values (9, 'x') on conflict do nothing"_s);
    row("truncate", u"truncate ro_test.t"_s);
    row("ddl", u"create table ro_test.made (x int)"_s);
    row("select into", u"select * into ro_test.made from ro_test.t"_s);
    row("sequence", u"select nextval('ro_test.s')"_s);
    row("alter system", u"alter system set default_transaction_read_only = off"_s);
}

void TestReadOnly::bypassesLeaveTheDataUnchanged()
{
    QFETCH(QString, script);
    ConnectionPool pool(test::testParameters(), readOnlySettings());
    ScriptRunner runner(&pool);
    const Run attempt = run(runner, script);
    QVERIFY2(!attempt.ok, "the script ran to its end");
    const auto failed = std::find_if(attempt.outcomes.begin(), attempt.outcomes.end(),
                                     [](const StatementOutcome &o) { return o.error.has_value(); });
    QVERIFY(failed != attempt.outcomes.end());
    QVERIFY(!failed->error->message.isEmpty());
    QVERIFY2(!failed->error->hint.isEmpty(), qPrintable(failed->error->toString()));
    QCOMPARE(tableState(), m_initialState);
}

void TestReadOnly::readsSettingsAndExplainStillWork()
{
    ConnectionPool pool(test::testParameters(), readOnlySettings());
    ScriptRunner runner(&pool);
    const Run works = run(runner, u"select count(*) from ro_test.t; set search_path = ro_test; "
                                  "set work_mem = '8MB'; select count(*) from t; "
                                  "explain delete from t; show work_mem"_s);
    QVERIFY(works.ok);
    QCOMPARE(works.outcomes.size(), 6);
    QCOMPARE(runner.result(0)->text(0, 0), u"3"_s);
    QCOMPARE(runner.result(3)->text(0, 0), u"3"_s);
    QVERIFY(runner.result(4)->text(0, 0).startsWith(u"Delete on t"_s));
    QCOMPARE(runner.result(5)->text(0, 0), u"8MB"_s);
    QVERIFY(!runner.inTransaction()); // Mizzle's own transaction is not the user's
}

void TestReadOnly::heldTransactionStaysReadOnlyAcrossRuns()
{
    ConnectionPool pool(test::testParameters(), readOnlySettings());
    ScriptRunner runner(&pool);
    QSignalSpy transaction(&runner, &ScriptRunner::transactionChanged);
    const Run begun = run(runner, u"begin isolation level repeatable read"_s);
    QVERIFY(begun.ok);
    QCOMPARE(begun.outcomes.first().commandTag, u"BEGIN"_s);
    QVERIFY(!begun.notices.isEmpty());
    QVERIFY(runner.inTransaction());
    QCOMPARE(transaction.count(), 1);

    const Run inside = run(runner, u"show transaction_isolation; show transaction_read_only; "
                                   "savepoint a; select 1/0"_s);
    QVERIFY(!inside.ok);
    QCOMPARE(runner.result(0)->text(0, 0), u"repeatable read"_s);
    QCOMPARE(runner.result(1)->text(0, 0), u"on"_s);
    QVERIFY(runner.inTransaction()); // an error inside the user's transaction keeps it
    QVERIFY(run(runner, u"rollback to savepoint a; select count(*) from ro_test.t"_s).ok);

    const Run ended = run(runner, u"commit"_s);
    QVERIFY(ended.ok);
    QVERIFY(!runner.inTransaction());
    QCOMPARE(transaction.count(), 2);
    QTRY_COMPARE(pool.stats().active, 0); // the connection went back, rolled back
    QCOMPARE(tableState(), m_initialState);
}

void TestReadOnly::rowCapAndErrorsLeaveTheNextStatementProtected()
{
    ConnectionPool pool(test::testParameters(), readOnlySettings());
    ScriptRunner runner(&pool);
    runner.setRowCap(5);
    // The cap cancels the first statement, which aborts Mizzle's transaction: the next one
    // still runs, in a fresh read-only transaction.
    const Run capped = run(runner, u"select generate_series(1, 100000); "
                                   "show transaction_read_only; delete from ro_test.t"_s);
    QVERIFY(!capped.ok);
    QVERIFY(capped.outcomes.first().capped);
    QCOMPARE(runner.result(1)->text(0, 0), u"on"_s);
    QCOMPARE(capped.outcomes.last().error->sqlState, u"25006"_s);
    // A failed run leaves nothing behind for the next one.
    QVERIFY(!run(runner, u"select 1/0"_s).ok);
    QVERIFY(run(runner, u"select count(*) from ro_test.t"_s).ok);
    QCOMPARE(tableState(), m_initialState);
}

void TestReadOnly::explainAnalyzeChangesNothingAndKeepsNoEffects()
{
    ConnectionPool pool(test::testParameters(), readOnlySettings());
    const auto capture = [&](explain::PlanCaptureOptions options) {
        explain::PlanCapture capturing(&pool);
        return test::await<explain::CapturedPlan>([&](auto done) {
            connect(&capturing, &explain::PlanCapture::finished, this, done);
            capturing.start(u"delete from ro_test.t"_s, options);
        });
    };
    const auto analyzed = capture({.analyze = true, .keepEffects = false});
    QVERIFY(!analyzed.ok());
    QCOMPARE(analyzed.error().sqlState, u"25006"_s);
    const auto kept = capture({.analyze = true, .keepEffects = true});
    QVERIFY(!kept.ok());
    QVERIFY(kept.error().message.contains(u"read-only"_s));
    QVERIFY2(capture({.analyze = false, .keepEffects = false}).ok(), "plain EXPLAIN works");
    QCOMPARE(tableState(), m_initialState);
}

void TestReadOnly::roleThatCannotWriteIsTold()
{
    Catalog asOwner(m_writer.get());
    const auto owner =
        test::await<WriteAccess>([&](auto done) { asOwner.loadWriteAccess(this, done); });
    QVERIFY2(owner.ok(), test::describe(owner).constData());
    QVERIFY(owner->roleCanWrite);
    QVERIFY(owner->serverVersion >= 170000);

    ConnectionParameters reader = test::testParameters();
    reader.set(u"user"_s, u"ro_reader"_s);
    ConnectionPool readerPool(reader, PoolSettings{});
    Catalog asReader(&readerPool);
    const auto access =
        test::await<WriteAccess>([&](auto done) { asReader.loadWriteAccess(this, done); });
    QVERIFY2(access.ok(), test::describe(access).constData());
    QVERIFY(!access->roleCanWrite);

    QVERIFY(test::run(*m_writer, u"CREATE EXTENSION IF NOT EXISTS dblink"_s).ok());
    const auto hatch =
        test::await<WriteAccess>([&](auto done) { asReader.loadWriteAccess(this, done); });
    QVERIFY(test::run(*m_writer, u"DROP EXTENSION dblink"_s).ok());
    QVERIFY(hatch.ok());
    QCOMPARE(hatch->escapeHatches, QStringList{u"dblink"_s});
}

void TestReadOnly::statusNamesWhatHoldsAndWhatLeaks()
{
    ConnectionTarget target;
    WriteAccess writer;
    writer.serverVersion = 170002;
    QCOMPARE(readOnlyStatus(target, writer).kind, ReadOnlyStatus::Kind::None);
    QVERIFY(readOnlyStatus(target, writer).label.isEmpty());

    target.readOnly = true;
    ReadOnlyStatus status = readOnlyStatus(target, writer);
    QCOMPARE(status.label, u"read-only (Mizzle)"_s);
    QVERIFY(status.warnings.isEmpty());
    writer.escapeHatches = {u"dblink"_s};
    writer.serverVersion = 90006;
    status = readOnlyStatus(target, writer);
    QCOMPARE(status.warnings.size(), 2);
    QVERIFY(status.warnings.first().contains(u"dblink"_s));

    WriteAccess reader = writer;
    reader.roleCanWrite = false;
    QCOMPARE(readOnlyStatus(target, reader).label, u"read-only (role)"_s);
    target.readOnly = false;
    target.readOnlyRole = true; // asserted by the profile
    QCOMPARE(readOnlyStatus(target, writer).kind, ReadOnlyStatus::Kind::Role);

    // The statement decisions, without a server.
    QCOMPARE(readOnlyStep(u"SELECT 1"_s, {}).action, ReadOnlyStep::Action::Send);
    QCOMPARE(readOnlyStep(u"BEGIN READ WRITE"_s, {}).action, ReadOnlyStep::Action::Refuse);
    const ReadOnlyStep begin =
        readOnlyStep(u"start transaction isolation level serializable"_s, {});
    QCOMPARE(begin.action, ReadOnlyStep::Action::OpenTransaction);
    QVERIFY(begin.begin.contains(u"ISOLATION LEVEL SERIALIZABLE READ ONLY"_s));
    QVERIFY(begin.holdsTransaction);
    const ReadOnlyStep chained = readOnlyStep(u"commit and chain"_s, begin.begin);
    QCOMPARE(chained.begin, begin.begin);
    QVERIFY(chained.holdsTransaction);
    QVERIFY(!readOnlyStep(u"end"_s, begin.begin).holdsTransaction);
    QCOMPARE(readOnlyStep(u"set default_transaction_read_only = on"_s, {}).action,
             ReadOnlyStep::Action::Send);
    QCOMPARE(readOnlyStep(u"set transaction_read_only to 0"_s, {}).action,
             ReadOnlyStep::Action::Refuse);
}

QTEST_GUILESS_MAIN(TestReadOnly)
#include "tst_read_only.moc"
