#include "export_databases.h"
#include "mizzle_run.h"
#include "test_database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QUrl>

using namespace mizzle;
using namespace Qt::StringLiterals;

// `mizzle export` as scripts run it, without a display: a script on standard output or in a
// file, --verify's verdict in the exit code (0 exact, 1 different), and 2 for a bad command
// line or a failed connection.
class TestExportCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void aScriptGoesToStandardOutput();
    void verifyExitsWithZeroWhenTheCopyIsExact();
    void verifyExitsWithOneWhenTheCopyDiffers();
    void badCommandLinesExitWithTwo_data();
    void badCommandLinesExitWithTwo();
    void aFailedConnectionExitsWithTwo();

private:
    static QString uri(const QString &database)
    {
        return u"postgresql:///%1?host=%2"_s.arg(
            database, QString::fromLatin1(QUrl::toPercentEncoding(test::testHost())));
    }
    QString m_database;
};

void TestExportCli::initTestCase()
{
    m_database = u"mizzle_export_cli_"_s + QString::number(QCoreApplication::applicationPid());
    QVERIFY(test::createDatabase(m_database).ok());
    // A generated column whose "immutable" function reads the database's name: exported and
    // restored elsewhere, its values change, which only a verification can catch.
    const test::ProgramRun made = test::psql(
        m_database,
        {u"-c"_s, uR"(CREATE SCHEMA good; CREATE TABLE good.t (id integer PRIMARY KEY, v text);
                      INSERT INTO good.t VALUES (1, 'a'), (2, E'b\\c');
                      CREATE SCHEMA lying;
                      CREATE FUNCTION lying.named(integer) RETURNS text IMMUTABLE LANGUAGE sql
                          AS $$ SELECT $1 || current_database() $$;
                      CREATE TABLE lying.t (i integer,
                          g text GENERATED ALWAYS AS (lying.named(i)) STORED);
                      INSERT INTO lying.t VALUES (1);)"_s});
    QVERIFY2(made.exitCode == 0, made.err.constData());
}

void TestExportCli::cleanupTestCase()
{
    test::dropDatabase(m_database);
}

void TestExportCli::aScriptGoesToStandardOutput()
{
    const auto run = test::runMizzle(
        {u"export"_s, uri(m_database), u"--schema"_s, u"good"_s, u"--data-format"_s, u"insert"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.isEmpty());
    QVERIFY(run.out.contains("CREATE TABLE good.t (\n"));
    QVERIFY(run.out.contains("INSERT INTO good.t (id, v) VALUES\n('1'::integer, 'a'),"));
    QVERIFY(!run.out.contains("lying"));
}

void TestExportCli::verifyExitsWithZeroWhenTheCopyIsExact()
{
    QDir().mkpath(u"export"_s);
    const QString path = QDir::currentPath() + u"/export/cli-good.sql"_s;
    QFile::remove(path);
    const auto run = test::runMizzle(
        {u"export"_s, uri(m_database), u"--schema"_s, u"good"_s, u"--verify"_s, u"-o"_s, path});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("verified: "), run.err.constData());
    QVERIFY(QFile::exists(path));
}

void TestExportCli::verifyExitsWithOneWhenTheCopyDiffers()
{
    const auto run = test::runMizzle(
        {u"export"_s, uri(m_database), u"--schema"_s, u"lying"_s, u"--verify"_s, u"-o"_s, u"-"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("table lying.t: the rows differ"), run.err.constData());
    QVERIFY(run.out.isEmpty()); // a script that does not restore exactly is not printed
}

void TestExportCli::badCommandLinesExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("said");
    QTest::newRow("both only") << QStringList{u"--schema-only"_s, u"--data-only"_s}
                               << QByteArray("exclude each other");
    QTest::newRow("format") << QStringList{u"--data-format"_s, u"csv"_s}
                            << QByteArray("--data-format is copy or insert, not \"csv\"");
    QTest::newRow("on conflict with copy")
        << QStringList{u"--on-conflict-do-nothing"_s} << QByteArray("needs --data-format insert");
    QTest::newRow("unknown option")
        << QStringList{u"--frobnicate"_s} << QByteArray("Unknown option 'frobnicate'");
    QTest::newRow("unknown schema")
        << QStringList{u"--schema"_s, u"nope"_s} << QByteArray("the database has no schema nope");
}

void TestExportCli::badCommandLinesExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, said);
    const auto run = test::runMizzle(QStringList{u"export"_s, uri(m_database)} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(said), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestExportCli::aFailedConnectionExitsWithTwo()
{
    const auto run = test::runMizzle({u"export"_s, uri(u"no_such_database"_s)});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("database \"no_such_database\" does not exist"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_export_cli.moc"
