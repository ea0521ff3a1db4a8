#include "catalog/catalog.h"
#include "catalog/catalog_change.h"
#include "completion/completion_catalog.h"
#include "connection/connection_pool.h"
#include "document/query_history.h"
#include "query/statement_outcome.h"
#include "session/connection_session.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestConnectionSession : public QObject
{
    Q_OBJECT
private slots:
    void ddlIsTheCatalogChange();
    void recordsStatementsInItsHistory();
    void ddlReloadsTheCompletionNames();
    void teardownWithWorkInFlightCallsNothingBack();
    void unwritableHistoryIsReportedNotFatal();

private:
    static ConnectionTarget fixtureTarget()
    {
        ConnectionTarget target;
        target.displayName = u"session test"_s;
        target.parameters = test::testParameters();
        return target;
    }
    static StatementOutcome ran(const QString &sql, const QString &tag)
    {
        StatementOutcome outcome;
        outcome.statement.sql = sql;
        outcome.commandTag = tag;
        return outcome;
    }
};

void TestConnectionSession::ddlIsTheCatalogChange()
{
    QVERIFY(changesCatalog(u"CREATE TABLE"));
    QVERIFY(changesCatalog(u"ALTER INDEX"));
    QVERIFY(changesCatalog(u"DROP VIEW"));
    QVERIFY(changesCatalog(u"COMMENT"));
    QVERIFY(!changesCatalog(u"SELECT 3"));
    QVERIFY(!changesCatalog(u"INSERT 0 1"));
    QVERIFY(!changesCatalog(u"CREATED")); // the verb, not a prefix of it
    QVERIFY(!changesCatalog(u""));
}

void TestConnectionSession::recordsStatementsInItsHistory()
{
    QTemporaryDir folder;
    ConnectionSession session(fixtureTarget(), folder.path());
    session.statementRan(ran(u"SELECT 42"_s, u"SELECT 1"_s));
    StatementOutcome failed = ran(u"SELECT nope"_s, {});
    failed.error = Error{u"column \"nope\" does not exist"_s, {}, {}, u"42703"_s, {}, 8};
    session.statementRan(failed);

    QueryHistory *history = session.history();
    QVERIFY(history);
    QCOMPARE(history->profileKey(), u"session test"_s);
    QVERIFY(history->filePath().startsWith(folder.path()));
    const auto entries = history->search({});
    QVERIFY2(entries.ok(), test::describe(entries).constData());
    QCOMPARE(entries->size(), 2);
    QCOMPARE(entries->at(0).status, u"error"_s); // newest first
    QCOMPARE(entries->at(0).message, failed.error->message);
    QCOMPARE(entries->at(1).sql, u"SELECT 42"_s);
    QCOMPARE(entries->at(1).status, u"ok"_s);
    QCOMPARE(entries->at(1).profile, u"session test"_s);
}

void TestConnectionSession::ddlReloadsTheCompletionNames()
{
    QTemporaryDir folder;
    ConnectionSession session(fixtureTarget(), folder.path());
    QSignalSpy changed(&session, &ConnectionSession::catalogChanged);
    session.statementRan(ran(u"SELECT 1"_s, u"SELECT 1"_s));
    QCOMPARE(changed.count(), 0);
    QVERIFY(!session.completion()->isLoading());

    session.statementRan(ran(u"CREATE TABLE t (x int)"_s, u"CREATE TABLE"_s));
    QCOMPARE(changed.count(), 1);
    QVERIFY(session.completion()->isLoading());
    QSignalSpy loaded(session.completion(), &CompletionCatalog::loaded);
    QVERIFY(loaded.wait(30'000));
}

// The catalog and the completion names answer through the pool; destroying the session while
// they wait must neither crash nor call into what is gone.
void TestConnectionSession::teardownWithWorkInFlightCallsNothingBack()
{
    QTemporaryDir folder;
    int calls = 0;
    {
        ConnectionSession session(fixtureTarget(), folder.path());
        session.completion()->load();
        session.catalog()->loadSnapshot(this,
                                        [&calls](const Result<CatalogSnapshot> &) { ++calls; });
        QVERIFY(session.pool()->stats().total > 0); // connections are on their way
    }
    // Anything still queued for the event loop would run now.
    QCoreApplication::processEvents();
    QCOMPARE(calls, 0);
}

void TestConnectionSession::unwritableHistoryIsReportedNotFatal()
{
    QTemporaryDir folder;
    QFile blocker(folder.filePath(u"not-a-folder"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the history folder should be
    blocker.close();
    ConnectionSession session(fixtureTarget(), blocker.fileName());
    QSignalSpy failed(&session, &ConnectionSession::historyFailed);
    session.statementRan(ran(u"SELECT 1"_s, u"SELECT 1"_s));
    QCOMPARE(session.history(), nullptr);
    QVERIFY(session.historyProblem().has_value());
    QVERIFY(!session.historyProblem()->where.isEmpty());
}

QTEST_GUILESS_MAIN(TestConnectionSession)
#include "tst_connection_session.moc"
