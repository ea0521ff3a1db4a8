#include "profile/connection_profile.h"
#include "query/script_runner.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestScriptRunner : public QObject
{
    Q_OBJECT
private slots:
    void runsAMixedScriptInOrder();
    void capturesNotices();
    void stopsAtTheFirstErrorWithItsPosition();
    void cancelFreesTheConnectionAndThePoolStaysHealthy();
    void streamsRowsInChunksBeforeTheQueryEnds();
    void rowCapStopsTheFetchWithoutAnError();
    void holdsTheConnectionWhileATransactionIsOpen();
    void readOnlyProfileRefusesWrites();

private:
    static QList<ScriptStatement> script(const QStringList &statements);
    static QList<StatementOutcome> outcomes(const QSignalSpy &spy);
    static bool runToEnd(ScriptRunner &runner, const QStringList &statements);
};

QList<ScriptStatement> TestScriptRunner::script(const QStringList &statements)
{
    QList<ScriptStatement> list;
    int offset = 0;
    for (const QString &sql : statements) {
        list.append({sql, offset});
        offset += int(sql.size()) + 2; // as if joined by "; "
    }
    return list;
}

QList<StatementOutcome> TestScriptRunner::outcomes(const QSignalSpy &spy)
{
    QList<StatementOutcome> list;
    for (const QList<QVariant> &arguments : spy)
        list.append(arguments.first().value<StatementOutcome>());
    return list;
}

bool TestScriptRunner::runToEnd(ScriptRunner &runner, const QStringList &statements)
{
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QSignalSpy statementsDone(&runner, &ScriptRunner::statementFinished);
    runner.run(script(statements));
    // A real event loop, not qWaitFor's poll-and-sleep, so that streaming runs at full speed.
    if (!finished.wait(60'000)) {
        qWarning("the script did not finish within 60 s");
        return false;
    }
    for (const StatementOutcome &outcome : outcomes(statementsDone)) {
        if (outcome.error)
            qInfo("statement %d: %s", outcome.index, qPrintable(outcome.error->toString()));
    }
    return finished.first().first().toBool();
}

void TestScriptRunner::runsAMixedScriptInOrder()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy finishedStatements(&runner, &ScriptRunner::statementFinished);
    QVERIFY(runToEnd(runner, {u"CREATE TEMP TABLE mixed (id int, label text)"_s,
                              u"INSERT INTO mixed VALUES (1, 'a'), (2, NULL), (3, '')"_s,
                              u"SELECT * FROM mixed ORDER BY id"_s,
                              u"UPDATE mixed SET label = 'b' WHERE id > 1"_s}));
    const QList<StatementOutcome> done = outcomes(finishedStatements);
    QCOMPARE(done.size(), 4);
    QCOMPARE(done[0].commandTag, u"CREATE TABLE"_s);
    QCOMPARE(done[1].commandTag, u"INSERT 0 3"_s);
    QCOMPARE(done[2].commandTag, u"SELECT 3"_s);
    QCOMPARE(done[3].commandTag, u"UPDATE 2"_s);
    QCOMPARE(done[3].rowsAffected, 2);
    QCOMPARE(done[3].statement.offset, done[2].statement.offset + 33);
    QVERIFY(!runner.result(0));
    const QueryResult *rows = runner.result(2);
    QVERIFY(rows);
    QCOMPARE(rows->rowCount(), 3);
    QVERIFY(rows->isNull(1, 1));
    QVERIFY(!rows->isNull(2, 1));
    QCOMPARE(rows->text(2, 1), QString());
    QVERIFY(!runner.result(3));
    QCOMPARE(pool.stats().active, 0); // the connection went back after the run
}

void TestScriptRunner::capturesNotices()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy notices(&runner, &ScriptRunner::notice);
    QVERIFY(runToEnd(runner, {u"DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$"_s,
                              u"DROP TABLE IF EXISTS never_there"_s}));
    QCOMPARE(notices.count(), 2);
    QCOMPARE(notices.at(0).at(0).toString(), u"NOTICE"_s);
    QCOMPARE(notices.at(0).at(1).toString(), u"hello 42"_s);
    QVERIFY(notices.at(1).at(1).toString().contains(u"never_there"_s));
}

void TestScriptRunner::stopsAtTheFirstErrorWithItsPosition()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy finishedStatements(&runner, &ScriptRunner::statementFinished);
    QVERIFY(
        !runToEnd(runner, {u"SELECT 1"_s, u"SELECT nosuchcolumn FROM pg_class"_s, u"SELECT 3"_s}));
    const QList<StatementOutcome> done = outcomes(finishedStatements);
    QCOMPARE(done.size(), 2);
    QVERIFY(!done[0].error);
    QVERIFY(done[1].error);
    QCOMPARE(done[1].error->sqlState, u"42703"_s);
    QCOMPARE(done[1].error->position, 8); // 1-based, within the statement
    QCOMPARE(done[1].statement.offset, 10);
}

void TestScriptRunner::cancelFreesTheConnectionAndThePoolStaysHealthy()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy finishedStatements(&runner, &ScriptRunner::statementFinished);
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    runner.run(script({u"SELECT pg_sleep(60)"_s, u"SELECT 'not run'"_s}));
    // Cancel only once the server is really sleeping, or the cancel could arrive before it.
    ConnectionPool observer(test::testParameters(), PoolSettings{});
    QVERIFY(QTest::qWaitFor(
        [&observer] {
            auto sleeping = test::run(observer, u"SELECT count(*) FROM pg_stat_activity "
                                                u"WHERE query = 'SELECT pg_sleep(60)' "
                                                u"AND state = 'active'"_s);
            return sleeping && sleeping->text(0, 0) == u"1"_s;
        },
        10'000));
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
    QCOMPARE(finished.first().first().toBool(), false);
    const QList<StatementOutcome> done = outcomes(finishedStatements);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done[0].error->sqlState, u"57014"_s);
    QVERIFY(done[0].error->hint.contains(u"cancelled"_s));
    QCOMPARE(pool.stats().active, 0);
    auto after = test::run(pool, u"SELECT 'healthy'"_s);
    QVERIFY2(after.ok(), test::describe(after).constData());
    QCOMPARE(after->text(0, 0), u"healthy"_s);
}

void TestScriptRunner::streamsRowsInChunksBeforeTheQueryEnds()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    runner.setRowCap(0);
    QList<QString> events;
    connect(&runner, &ScriptRunner::resultStarted, this,
            [&events] { events.append(u"first rows"_s); });
    connect(&runner, &ScriptRunner::statementFinished, this,
            [&events] { events.append(u"finished"_s); });
    QSignalSpy appended(&runner, &ScriptRunner::rowsAppended);
    QVERIFY(runToEnd(runner, {u"SELECT i, i * 2, 'row ' || i, now() "
                              u"FROM generate_series(1, 1000000) AS i"_s}));
    QCOMPARE(events, (QList<QString>{u"first rows"_s, u"finished"_s}));
    QCOMPARE(appended.count(), 1'000'000 / ScriptRunner::chunkRows);
    QCOMPARE(appended.first().at(1).value<qsizetype>(), ScriptRunner::chunkRows);
    const QueryResult *rows = runner.result(0);
    QCOMPARE(rows->rowCount(), 1'000'000);
    QCOMPARE(rows->columnCount(), 4);
    QCOMPARE(rows->text(999'999, 2), u"row 1000000"_s);
}

void TestScriptRunner::rowCapStopsTheFetchWithoutAnError()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    runner.setRowCap(5000);
    QSignalSpy finishedStatements(&runner, &ScriptRunner::statementFinished);
    QVERIFY(runToEnd(runner, {u"SELECT i FROM generate_series(1, 100000000) AS i"_s}));
    const StatementOutcome outcome = outcomes(finishedStatements).first();
    QVERIFY(outcome.capped);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.rowsReceived, qint64(5000));
    QCOMPARE(runner.result(0)->rowCount(), qsizetype(5000));
    QCOMPARE(runner.result(0)->text(4999, 0), u"5000"_s);

    // A result that ends before the cancel reaches the server is cut at the cap all the same;
    // one that holds exactly the cap is complete, so nothing is left to fetch.
    QVERIFY(runToEnd(runner,
                     {u"SELECT generate_series(1, 5003)"_s, u"SELECT generate_series(1, 5000)"_s}));
    const QList<StatementOutcome> small = outcomes(finishedStatements).mid(1);
    QCOMPARE(small.size(), 2);
    QVERIFY(small.at(0).capped);
    QCOMPARE(runner.result(0)->rowCount(), qsizetype(5000));
    QCOMPARE(runner.result(0)->textBytes(), runner.result(1)->textBytes());
    QVERIFY(!small.at(1).capped);
    QCOMPARE(runner.result(1)->rowCount(), qsizetype(5000));
}

void TestScriptRunner::holdsTheConnectionWhileATransactionIsOpen()
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy transaction(&runner, &ScriptRunner::transactionChanged);
    QVERIFY(runToEnd(runner, {u"BEGIN"_s, u"CREATE TEMP TABLE held (x int)"_s}));
    QCOMPARE(transaction.count(), 1);
    QCOMPARE(transaction.first().first().toBool(), true);
    QVERIFY(runner.inTransaction());
    QCOMPARE(pool.stats().active, 1);

    // The next run continues the same transaction: the table it created is still there.
    QVERIFY(runToEnd(runner, {u"INSERT INTO held VALUES (1)"_s, u"COMMIT"_s}));
    QCOMPARE(transaction.count(), 2);
    QCOMPARE(transaction.last().first().toBool(), false);
    QVERIFY(!runner.inTransaction());
    QCOMPARE(pool.stats().active, 0);
}

void TestScriptRunner::readOnlyProfileRefusesWrites()
{
    ConnectionProfile profile;
    profile.host = test::testHost();
    profile.dbname = u"mizzle_test"_s;
    profile.readOnly = true;
    auto parameters = profile.connectionParameters();
    QVERIFY(parameters.ok());
    ConnectionPool pool(parameters.value(), PoolSettings{});
    ScriptRunner runner(&pool);
    QSignalSpy finishedStatements(&runner, &ScriptRunner::statementFinished);
    QVERIFY(!runToEnd(runner, {u"CREATE TABLE refused_write (x int)"_s}));
    const StatementOutcome outcome = outcomes(finishedStatements).first();
    QCOMPARE(outcome.error->sqlState, u"25006"_s);
    QVERIFY(outcome.error->hint.contains(u"read-only"_s));
}

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_script_runner.moc"
