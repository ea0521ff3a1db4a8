// PgConnection::execPipeline: many statements in one round trip, with libpq's pipeline mode.
#include "connection/pg_connection.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestPgPipeline : public QObject
{
    Q_OBJECT
private slots:
    void returnsEveryResultInOrder();
    void reportsWhichStatementFailedAndSkipsTheRest();
    void runsInsideAnExplicitTransaction();
    void megabytesEachWayDoNotDeadlock();
    void emptyPipelineAnswersAtOnce();
    void destroyedContextCancelsAndNeverCallsBack();
    void refusedWhileBusy();

private:
    static Result<QList<QueryResult>> pipeline(PgConnection &connection,
                                               const QList<PgConnection::PipelineStatement> &sql)
    {
        return test::await<QList<QueryResult>>(
            [&](auto done) { connection.execPipeline(&connection, sql, done); });
    }
};

void TestPgPipeline::returnsEveryResultInOrder()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const auto results = pipeline(connection, {{u"SELECT $1::text AS a"_s, {u"it's; --"_s}},
                                               {u"SELECT $1::int + 1"_s, {u"41"_s}},
                                               {u"SELECT $1::text, $2::text"_s, {QString(), {}}},
                                               {u"SET application_name = 'piped'"_s, {}}});
    QVERIFY2(results.ok(), test::describe(results).constData());
    QCOMPARE(results->size(), 4);
    QCOMPARE(results->at(0).columns().first().name, u"a"_s);
    QCOMPARE(results->at(0).text(0, 0), u"it's; --"_s);
    QCOMPARE(results->at(1).text(0, 0), u"42"_s);
    QVERIFY(!results->at(2).isNull(0, 0));
    QVERIFY(results->at(2).isNull(0, 1));
    QCOMPARE(results->at(3).commandTag(), u"SET"_s);
    QCOMPARE(connection.state(), PgConnection::State::Idle);
    QVERIFY(!connection.inTransaction());
    // Out of pipeline mode again: an ordinary statement and a script still work.
    const auto after = test::run(connection, u"SELECT current_setting('application_name')"_s);
    QVERIFY2(after.ok(), test::describe(after).constData());
    QCOMPARE(after->text(0, 0), u"piped"_s);
}

void TestPgPipeline::reportsWhichStatementFailedAndSkipsTheRest()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    QVERIFY(test::run(connection, u"CREATE TEMP TABLE piped (n int)"_s).ok());
    const auto results = pipeline(connection, {{u"INSERT INTO piped VALUES (1)"_s, {}},
                                               {u"SELECT 1 / $1::int"_s, {u"0"_s}},
                                               {u"INSERT INTO piped VALUES (3)"_s, {}}});
    QVERIFY(!results.ok());
    QCOMPARE(results.error().statement, 1);
    QCOMPARE(results.error().sqlState, u"22012"_s);
    // The statements between two sync points form one implicit transaction: all undone.
    const auto count = test::run(connection, u"SELECT count(*) FROM piped"_s);
    QVERIFY2(count.ok(), test::describe(count).constData());
    QCOMPARE(count->text(0, 0), u"0"_s);
}

void TestPgPipeline::runsInsideAnExplicitTransaction()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const auto results = pipeline(
        connection, {{u"BEGIN"_s, {}},
                     {u"CREATE TEMP TABLE kept (n int) ON COMMIT PRESERVE ROWS"_s, {}},
                     {u"INSERT INTO kept VALUES ($1), ($2) RETURNING n"_s, {u"1"_s, u"2"_s}}});
    QVERIFY2(results.ok(), test::describe(results).constData());
    QCOMPARE(results->at(2).rowsAffected(), 2);
    QCOMPARE(results->at(2).rowCount(), 2);
    QVERIFY(connection.inTransaction()); // the sync point does not end an explicit transaction
    QVERIFY(test::run(connection, u"ROLLBACK"_s).ok());
    QVERIFY(!test::run(connection, u"SELECT * FROM kept"_s).ok());
}

// The server answers while the statements are still being written; reading must go on while
// writing, or both ends wait on full socket buffers.
void TestPgPipeline::megabytesEachWayDoNotDeadlock()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const QString chunk(4096, u'x');
    QList<PgConnection::PipelineStatement> statements;
    for (int i = 0; i < 4000; ++i)
        statements.append({u"SELECT $1::text || $2::text"_s, {chunk, QString::number(i)}});
    const auto results = pipeline(connection, statements);
    QVERIFY2(results.ok(), test::describe(results).constData());
    QCOMPARE(results->size(), 4000);
    QCOMPARE(results->at(3999).text(0, 0), chunk + u"3999"_s);
    QCOMPARE(connection.state(), PgConnection::State::Idle);
}

void TestPgPipeline::emptyPipelineAnswersAtOnce()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    const auto results = pipeline(connection, {});
    QVERIFY2(results.ok(), test::describe(results).constData());
    QVERIFY(results->isEmpty());
    QCOMPARE(connection.state(), PgConnection::State::Idle);
}

void TestPgPipeline::destroyedContextCancelsAndNeverCallsBack()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    PgConnection observer;
    QVERIFY(test::open(observer).ok());
    int calls = 0;
    auto context = std::make_unique<QObject>();
    connection.execPipeline(context.get(),
                            {{u"BEGIN"_s, {}}, {u"SELECT pg_sleep(60)"_s, {}}, {u"SELECT 1"_s, {}}},
                            [&calls](const Result<QList<QueryResult>> &) { ++calls; });
    QTRY_COMPARE(test::run(observer, u"SELECT count(*) FROM pg_stat_activity WHERE pid = %1 "
                                     "AND query LIKE '%pg_sleep%' AND state = 'active'"_s.arg(
                                         connection.backendPid()))
                     ->text(0, 0),
                 u"1"_s);
    context.reset();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), PgConnection::State::Idle, 5000);
    QVERIFY(connection.transactionFailed()); // cancelled inside BEGIN: only ROLLBACK gets out
    QCOMPARE(calls, 0);
    QVERIFY(test::run(connection, u"ROLLBACK"_s).ok());
    QVERIFY(test::run(connection, u"SELECT 1"_s).ok());
}

void TestPgPipeline::refusedWhileBusy()
{
    PgConnection connection;
    QVERIFY(test::open(connection).ok());
    std::optional<Result<QueryResult>> first;
    connection.exec(this, u"SELECT pg_sleep(0.2)"_s, {},
                    [&first](Result<QueryResult> result) { first.emplace(std::move(result)); });
    const auto refused = pipeline(connection, {{u"SELECT 1"_s, {}}});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"not ready"_s), test::describe(refused).constData());
    QTRY_VERIFY(first.has_value());
    QVERIFY(first->ok()); // the statement that was running is untouched
}

QTEST_GUILESS_MAIN(TestPgPipeline)
#include "tst_pg_pipeline.moc"
