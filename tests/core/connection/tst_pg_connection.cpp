#include "connection/pg_connection.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QTest>

using namespace mizzle;

class TestPgConnection : public QObject
{
    Q_OBJECT
private slots:
    void bindsParametersAndKeepsNullDistinct();
    void quotesIdentifiers();
    void reportsServerErrorsWithPosition();
    void cancelsARunningStatement();
    void lateCancelNeverHitsTheNextStatement();
    void readOnlyOptionIsEnforcedByTheServer();

private:
    static Result<void> open(PgConnection &connection, const ConnectionParameters &parameters)
    {
        return test::open(connection, parameters);
    }
    static Result<QueryResult> exec(PgConnection &connection, const QString &sql,
                                    const PgConnection::Parameters &parameters)
    {
        return test::await<QueryResult>(
            [&](auto done) { connection.exec(&connection, sql, parameters, done); });
    }
};

void TestPgConnection::bindsParametersAndKeepsNullDistinct()
{
    PgConnection connection;
    QVERIFY(open(connection, test::testParameters()).ok());
    QCOMPARE(connection.state(), PgConnection::State::Idle);
    // A value with a quote and a semicolon travels as a parameter, never as SQL.
    auto result = exec(connection, QStringLiteral("SELECT $1::text, $2::text, $3::text"),
                       {QStringLiteral("it's; DROP TABLE x"), QString(), std::nullopt});
    QVERIFY2(result.ok(), test::describe(result).constData());
    QCOMPARE(result->rowCount(), 1);
    QCOMPARE(result->text(0, 0), QStringLiteral("it's; DROP TABLE x"));
    QVERIFY(!result->isNull(0, 1));
    QCOMPARE(result->text(0, 1), QString());
    QVERIFY(result->isNull(0, 2));
    QCOMPARE(result->columns().at(0).name, QStringLiteral("text"));
}

void TestPgConnection::quotesIdentifiers()
{
    PgConnection connection;
    QVERIFY(open(connection, test::testParameters()).ok());
    QCOMPARE(connection.quoteIdentifier(QStringLiteral("Weird \"name\"")),
             QStringLiteral("\"Weird \"\"name\"\"\""));
    QVERIFY(connection.serverVersion() >= 170000);
}

void TestPgConnection::reportsServerErrorsWithPosition()
{
    PgConnection connection;
    QVERIFY(open(connection, test::testParameters()).ok());
    auto result = exec(connection, QStringLiteral("SELECT nosuchcolumn FROM pg_class"), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().sqlState, QStringLiteral("42703"));
    QCOMPARE(result.error().position, 8);
    QVERIFY(result.error().message.contains(QStringLiteral("nosuchcolumn")));
    // The connection stays usable after an error.
    QVERIFY(exec(connection, QStringLiteral("SELECT 1"), {}).ok());
}

void TestPgConnection::cancelsARunningStatement()
{
    PgConnection connection;
    QVERIFY(open(connection, test::testParameters()).ok());
    std::optional<Result<QueryResult>> outcome;
    connection.exec(this, QStringLiteral("SELECT pg_sleep(60)"), {},
                    [&outcome](Result<QueryResult> result) { outcome.emplace(std::move(result)); });
    QCOMPARE(connection.state(), PgConnection::State::Busy);
    QElapsedTimer clock;
    clock.start();
    connection.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 5000);
    QVERIFY(clock.elapsed() < 1000);
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().sqlState, QStringLiteral("57014"));
    QCOMPARE(connection.state(), PgConnection::State::Idle);
    QVERIFY(exec(connection, QStringLiteral("SELECT 1"), {}).ok());
}

// A cancel sent just as a statement ends lands after it: the connection must not run the next
// statement until the request has landed, or the server cancels that one instead.
void TestPgConnection::lateCancelNeverHitsTheNextStatement()
{
    PgConnection connection;
    QVERIFY(open(connection, test::testParameters()).ok());
    for (int attempt = 0; attempt < 30; ++attempt) {
        std::optional<Result<QueryResult>> quick;
        connection.exec(this, QStringLiteral("SELECT 1"), {},
                        [&quick](Result<QueryResult> result) { quick.emplace(std::move(result)); });
        connection.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(quick.has_value(), 5000);
        const auto next = exec(connection, QStringLiteral("SELECT pg_sleep(0.05)"), {});
        QVERIFY2(next.ok(), qPrintable(QStringLiteral("attempt %1: %2")
                                           .arg(attempt)
                                           .arg(QString::fromUtf8(test::describe(next)))));
    }
}

void TestPgConnection::readOnlyOptionIsEnforcedByTheServer()
{
    ConnectionParameters parameters = test::testParameters();
    parameters.set(QStringLiteral("options"),
                   QStringLiteral("-c default_transaction_read_only=on"));
    PgConnection connection;
    QVERIFY(open(connection, parameters).ok());
    auto refused = exec(connection, QStringLiteral("CREATE TABLE refused_by_server (x int)"), {});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().sqlState, QStringLiteral("25006"));
    QVERIFY(refused.error().hint.contains(QStringLiteral("read-only")));
}

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pg_connection.moc"
