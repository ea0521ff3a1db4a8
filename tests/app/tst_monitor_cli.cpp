#include "mizzle_run.h"
#include "monitor/pgbouncer_show.h"
#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace mizzle;
using namespace Qt::StringLiterals;

// `mizzle monitor` as scripts run it, without a display: JSON lines with the promised keys, a
// readable table, and exit code 2 for a bad command line or a connection that fails.
class TestMonitorCli : public QObject
{
    Q_OBJECT
private slots:
    void jsonLinesHoldTheDocumentedKeys();
    void textIsTheDefault();
    void aProfileFileWorksToo();
    void badOptionsExitWithTwo_data();
    void badOptionsExitWithTwo();
    void aFailedConnectionExitsWithTwo();
    void pgbouncerPoolsMatchShowPools();
    void aProfilesPgBouncerIsUsed();
    void aBadAdminPasswordExitsWithTwo();

private:
    static QString socketDir() { return qEnvironmentVariable("MIZZLE_TEST_PGHOST"); }
    static QString uri()
    {
        return u"postgresql:///mizzle_test?host="_s +
               QString::fromLatin1(QUrl::toPercentEncoding(socketDir()));
    }
};

void TestMonitorCli::jsonLinesHoldTheDocumentedKeys()
{
    const auto run = test::runMizzle({u"monitor"_s, uri(), u"--format"_s, u"json"_s, u"--count"_s,
                                      u"2"_s, u"--interval"_s, u"0.1"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.isEmpty());
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (int i = 0; i < lines.size(); ++i) {
        QJsonParseError error;
        const QJsonObject line = QJsonDocument::fromJson(lines[i], &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, lines[i].constData());
        QVERIFY(!line[u"sampled_at"_s].toString().isEmpty());
        const QJsonObject server = line[u"server"_s].toObject();
        for (const QString &key : {u"max_connections"_s, u"usable_connections"_s,
                                   u"client_backends"_s, u"monitor_pid"_s})
            QVERIFY2(server[key].toInt() > 0, qPrintable(key));
        QVERIFY(server[u"usable_connections"_s].toInt() <= server[u"max_connections"_s].toInt());
        QVERIFY(server[u"blocking_roots"_s].isArray());
        const QJsonArray sessions = server[u"sessions"_s].toArray();
        QVERIFY(!sessions.isEmpty()); // at least the server's background processes
        const int monitorPid = server[u"monitor_pid"_s].toInt();
        for (const QJsonValue &value : sessions) {
            const QJsonObject session = value.toObject();
            for (const QString &key : {u"pid"_s, u"state"_s, u"wait_event_type"_s, u"wait_event"_s,
                                       u"blocked_by"_s, u"xact_age_s"_s, u"query"_s})
                QVERIFY2(session.contains(key), qPrintable(key));
            QVERIFY(session[u"blocked_by"_s].isArray());
            QVERIFY(session[u"pid"_s].toInt() != monitorPid);
        }
        // Rates need two samples.
        QCOMPARE(server[u"rates"_s].isNull(), i == 0);
        QVERIFY(!line.contains(u"pgbouncer"_s));
    }
}

void TestMonitorCli::textIsTheDefault()
{
    const auto run = test::runMizzle({u"monitor"_s, uri()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("client backends") && run.out.contains("QUERY TEXT"),
             run.out.constData());
}

void TestMonitorCli::aProfileFileWorksToo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"fixture.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QJsonObject profile{{u"format"_s, u"mizzle-profile"_s},
                              {u"version"_s, 1},
                              {u"name"_s, u"Fixture"_s},
                              {u"host"_s, socketDir()},
                              {u"dbname"_s, u"mizzle_test"_s}};
    file.write(QJsonDocument(profile).toJson());
    file.close();
    const auto run = test::runMizzle({u"monitor"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out.trimmed().count('\n'), 0);
    QVERIFY(QJsonDocument::fromJson(run.out).object().contains(u"server"_s));
}

void TestMonitorCli::badOptionsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("count zero") << QStringList{u"--count"_s, u"0"_s} << QByteArray("--count");
    QTest::newRow("count words") << QStringList{u"--count"_s, u"two"_s} << QByteArray("--count");
    QTest::newRow("interval") << QStringList{u"--interval"_s, u"soon"_s}
                              << QByteArray("--interval");
    QTest::newRow("negative interval")
        << QStringList{u"--interval"_s, u"-1"_s} << QByteArray("--interval");
    QTest::newRow("format") << QStringList{u"--format"_s, u"xml"_s} << QByteArray("--format");
    QTest::newRow("unknown") << QStringList{u"--colour"_s} << QByteArray("colour");
    QTest::newRow("two targets") << QStringList{u"a.json"_s, u"b.json"_s}
                                 << QByteArray("at most one");
    QTest::newRow("pgbouncer") << QStringList{u"--pgbouncer"_s, u"postgresql://[bad"_s}
                               << QByteArray("--pgbouncer");
    QTest::newRow("missing profile")
        << QStringList{u"/nonexistent/profile.json"_s} << QByteArray("/nonexistent/profile.json");
}

void TestMonitorCli::badOptionsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const auto run = test::runMizzle(QStringList{u"monitor"_s} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("mizzle monitor: ") && run.err.contains(message),
             run.err.constData());
}

void TestMonitorCli::aFailedConnectionExitsWithTwo()
{
    const auto run = test::runMizzle(
        {u"monitor"_s, u"host=/nonexistent-socket-dir dbname=nowhere connect_timeout=5"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    // libpq's own words, naming the socket it could not reach.
    QVERIFY2(run.err.contains("/nonexistent-socket-dir"), run.err.constData());
}

namespace {

// SHOW POOLS' row for a database, as the console itself says it, through psql-free libpq.
std::optional<QMap<QString, QString>> showPools(PgConnection &console, const QString &database)
{
    const Result<QueryResult> pools = test::run(console, u"SHOW POOLS"_s);
    if (!pools)
        return std::nullopt;
    for (const auto &row : monitor::readPgBouncerTable(pools.value()).rows) {
        if (row.value(u"database"_s) == database)
            return row;
    }
    return QMap<QString, QString>();
}

} // namespace

void TestMonitorCli::pgbouncerPoolsMatchShowPools()
{
    // mizzle_bouncer_cli has pool_size=1 and is this test's alone: one client holds the
    // server inside a transaction, two more wait for it.
    const QString database = u"mizzle_bouncer_cli"_s;
    std::vector<std::unique_ptr<PgConnection>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<PgConnection>());
        QVERIFY(test::open(*clients.back(), test::pgbouncerParameters(database)).ok());
    }
    QVERIFY(test::run(*clients[0], u"BEGIN; SELECT 1"_s).ok());
    QObject context; // declared last: gone first, so no callback outlives the test
    for (int i = 1; i < 3; ++i)
        clients[i]->execScript(&context, u"SELECT 1"_s, [](Result<QueryResult>) {});
    PgConnection console;
    QVERIFY(test::open(console, test::pgbouncerConsoleParameters()).ok());
    QTRY_COMPARE(
        showPools(console, database).value_or(QMap<QString, QString>()).value(u"cl_waiting"_s),
        u"2"_s);

    const QString consoleUri =
        test::pgbouncerConsoleUri(qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_ADMIN_PASSWORD"));
    const auto run = test::runMizzle(
        {u"monitor"_s, uri(), u"--pgbouncer"_s, consoleUri, u"--format"_s, u"json"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject line = QJsonDocument::fromJson(run.out).object();
    QVERIFY(line.contains(u"server"_s));
    const QJsonObject bouncer = line[u"pgbouncer"_s].toObject();
    QVERIFY(bouncer[u"version"_s].toString().startsWith(u"PgBouncer"_s));
    QVERIFY(bouncer[u"stats"_s].isArray() && bouncer[u"clients"_s].isArray());
    QJsonObject pool;
    for (const QJsonValue &each : bouncer[u"pools"_s].toArray()) {
        if (each[u"database"_s].toString() == database)
            pool = each.toObject();
    }
    QVERIFY2(!pool.isEmpty(), run.out.constData());
    const auto direct = showPools(console, database);
    QVERIFY(direct);
    QCOMPARE(pool[u"cl_waiting"_s].toInt(), 2);
    QCOMPARE(QString::number(pool[u"cl_waiting"_s].toInt()), direct->value(u"cl_waiting"_s));
    QCOMPARE(pool[u"pool_size"_s].toInt(), 1);
    QCOMPARE(pool[u"pool_mode"_s].toString(), u"transaction"_s);

    const auto text = test::runMizzle({u"monitor"_s, uri(), u"--pgbouncer"_s, consoleUri});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains("CL_WAIT") && text.out.contains(database.toUtf8()),
             text.out.constData());
}

void TestMonitorCli::aProfilesPgBouncerIsUsed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"bouncer.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QJsonObject console{
        {u"host"_s, qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST")},
        {u"port"_s, qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PORT").toInt()},
        {u"user"_s, qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_ADMIN")},
        {u"password"_s, u"env:MIZZLE_TEST_PGBOUNCER_ADMIN_PASSWORD"_s}};
    const QJsonObject profile{{u"format"_s, u"mizzle-profile"_s}, {u"version"_s, 1},
                              {u"name"_s, u"Fixture"_s},          {u"host"_s, socketDir()},
                              {u"dbname"_s, u"mizzle_test"_s},    {u"pgbouncer"_s, console}};
    file.write(QJsonDocument(profile).toJson());
    file.close();
    const auto run = test::runMizzle({u"monitor"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(QJsonDocument::fromJson(run.out).object()[u"pgbouncer"_s][u"pools"_s].isArray(),
             run.out.constData());
}

void TestMonitorCli::aBadAdminPasswordExitsWithTwo()
{
    const auto run =
        test::runMizzle({u"monitor"_s, uri(), u"--pgbouncer"_s,
                         test::pgbouncerConsoleUri(u"wrong-password"_s), u"--format"_s, u"json"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("mizzle monitor: PgBouncer: ") &&
                 run.err.contains("authentication failed") && run.err.contains("admin console") &&
                 !run.err.contains("wrong-password"),
             run.err.constData());
}

QTEST_GUILESS_MAIN(TestMonitorCli)
#include "tst_monitor_cli.moc"
