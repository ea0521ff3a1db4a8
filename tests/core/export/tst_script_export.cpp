#include "connection/pg_connection.h"
#include "export/export_verifier.h"
#include "export/script_export.h"
#include "export_databases.h"
#include "sql/sql_statement_splitter.h"
#include "test_database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The SQL script export against its oracle: the fixture schema (every object kind, names that
// need quoting, values at their corner cases) exported, restored with psql into a new database,
// and compared there by pg_dump 17, by row hashes and by sequence values.
class TestScriptExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void roundTripRestoresExactly_data();
    void roundTripRestoresExactly();
    void definitionsMatchTheReference();
    void aTableAloneRestoresIntoANewDatabase();
    void ownersAndGrantsComeBackWhenAsked();
    void verifierFindsNoDifferenceInAGoodExport();
    void verifierFindsAChangedRow();
    void aVerifierGoneMidwayStillDropsItsDatabase();
    void unknownNamesAreAnError();
    void cancelLeavesNoFile();

private:
    Result<ExportSummary> exportTo(const QString &path, const ExportOptions &options,
                                   const QString &database = {});
    QString scriptText(const QString &path);
    static Result<VerifyReport> verify(ExportVerifier &verifier);

    QString m_source;
    QString m_pwned;
    QString m_folder;
    QStringList m_created;
    QStringList m_roles; // dropped after the databases that use them
};

void TestScriptExport::initTestCase()
{
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    m_source = u"mizzle_export_src_"_s + suffix;
    m_folder = QDir::currentPath() + u"/export"_s;
    QDir().mkpath(m_folder);
    // Relative, so that the names holding it stay under PostgreSQL's 63 bytes whatever the
    // build folder: psql would run "touch" in its working folder, the test's.
    m_pwned = u"pwned-"_s + suffix;
    QFile::remove(m_pwned);
    const Result<void> created = test::createFixtureDatabase(m_source, m_pwned);
    QVERIFY2(created.ok(), test::describe(created));
    m_created.append(m_source);
}

void TestScriptExport::cleanupTestCase()
{
    for (const QString &database : std::as_const(m_created))
        test::dropDatabase(database);
    for (const QString &role : std::as_const(m_roles))
        test::psql(u"postgres"_s, {u"-c"_s, u"DROP ROLE IF EXISTS %1"_s.arg(role)});
}

Result<ExportSummary> TestScriptExport::exportTo(const QString &path, const ExportOptions &options,
                                                 const QString &database)
{
    auto connection = std::make_shared<PgConnection>();
    const Result<void> opened =
        test::open(*connection, test::testParameters(database.isEmpty() ? m_source : database));
    if (!opened)
        return opened.error();
    ScriptExport exporter(connection, options);
    return test::await<ExportSummary>(
        [&](auto done) {
            QObject::connect(&exporter, &ScriptExport::finished, &exporter, done);
            exporter.start(path);
        },
        120'000);
}

Result<VerifyReport> TestScriptExport::verify(ExportVerifier &verifier)
{
    return test::await<VerifyReport>(
        [&](auto done) {
            QObject::connect(&verifier, &ExportVerifier::finished, &verifier, done);
            verifier.start();
        },
        120'000);
}

QString TestScriptExport::scriptText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestScriptExport::roundTripRestoresExactly_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("COPY") << int(ExportOptions::DataFormat::Copy);
    QTest::newRow("INSERT") << int(ExportOptions::DataFormat::Insert);
}

void TestScriptExport::roundTripRestoresExactly()
{
    QFETCH(int, format);
    ExportOptions options;
    options.dataFormat = ExportOptions::DataFormat(format);
    options.rowsPerInsert = 2; // several multi-row statements per table
    const QString path =
        m_folder + u"/fixture-%1.sql"_s.arg(QLatin1String(QTest::currentDataTag()));
    const Result<ExportSummary> exported = exportTo(path, options);
    QVERIFY2(exported.ok(), test::describe(exported));
    QCOMPARE(exported->path, path);
    QVERIFY(exported->tables >= 13);
    QCOMPARE(exported->bytes, QFileInfo(path).size());

    const QString target = m_source + u"_to_"_s + QString::fromLatin1(QTest::currentDataTag());
    QVERIFY2(test::createDatabase(target).ok(), "cannot create the target database");
    m_created.append(target);
    const test::ProgramRun restored = test::restore(target, path);
    QVERIFY2(restored.exitCode == 0, restored.err.constData());
    QVERIFY2(restored.err.isEmpty(), restored.err.constData());

    QCOMPARE(test::schemaDump(target), test::schemaDump(m_source));
    const QStringList hashes = test::rowHashes(m_source);
    QVERIFY(hashes.size() >= 13);
    QCOMPARE(test::rowHashes(target), hashes);
    QCOMPARE(test::sequenceValues(target), test::sequenceValues(m_source));
    // The fixture's names and comments hold "\n\! touch FILE": psql must not have run it.
    QVERIFY2(!QFile::exists(m_pwned), "a name or comment became a psql meta-command");

    // psql's file, and PostgreSQL's SQL: every statement parses, and none is the script's own
    // BEGIN or COMMIT (--single-transaction gives the one transaction).
    const QString text = scriptText(path);
    QVERIFY(text.contains(u"psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE"_s));
    static const QRegularExpression copyRows(uR"((FROM stdin;\n)(.*?\n)?\\\.\n)"_s,
                                             QRegularExpression::DotMatchesEverythingOption);
    QString statementsOnly = text;
    statementsOnly.replace(copyRows, u"\\1"_s);
    const QList<SqlStatementSpan> spans = splitStatements(statementsOnly);
    QVERIFY(spans.size() > 60);
    for (const SqlStatementSpan &span : spans) {
        const QString statement = statementsOnly.mid(span.start, span.length);
        const std::optional<Error> syntax = checkSyntax(statement);
        QVERIFY2(!syntax, qPrintable(statement.left(200) + u": "_s + syntax->message));
        static const QRegularExpression transaction(
            uR"(^\s*(?:--[^\n]*\n\s*)*(BEGIN|COMMIT|START|END|ROLLBACK)\b)"_s,
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!transaction.match(statement).hasMatch(), qPrintable(statement.left(200)));
    }
}

void TestScriptExport::definitionsMatchTheReference()
{
    // The definitions of the fixture as a golden file: a change to the export's SQL shows in
    // review. MIZZLE_UPDATE_REFERENCE=1 rewrites the reference when the change is meant.
    ExportOptions options;
    options.data = false;
    const QString path = m_folder + u"/fixture-definitions.sql"_s;
    const Result<ExportSummary> exported = exportTo(path, options);
    QVERIFY2(exported.ok(), test::describe(exported));
    QString text = scriptText(path);
    // What differs between runs and machines: the server, the time, the zone, the pwned path.
    static const QRegularExpression varying(uR"(^(-- From:|-- Taken:|SET TimeZone =).*$)"_s,
                                            QRegularExpression::MultilineOption);
    text.replace(varying, u"\\1 …"_s);
    text.replace(m_pwned, u"@PWNED@"_s);
    const QString referencePath =
        QStringLiteral(MIZZLE_TEST_DATA_DIR) + u"/export/reference/fixture-definitions.sql"_s;
    if (qEnvironmentVariableIntValue("MIZZLE_UPDATE_REFERENCE") == 1) {
        QDir().mkpath(QFileInfo(referencePath).absolutePath());
        QFile reference(referencePath);
        QVERIFY(reference.open(QIODevice::WriteOnly | QIODevice::Truncate));
        reference.write(text.toUtf8());
    }
    QCOMPARE(text, scriptText(referencePath));
}

void TestScriptExport::aTableAloneRestoresIntoANewDatabase()
{
    // Its partitions come with it, and its schema is made where it is missing.
    ExportOptions options;
    options.tables = {u"\"Export Fixture\".measurement"_s};
    const QString path = m_folder + u"/measurement.sql"_s;
    const Result<ExportSummary> exported = exportTo(path, options);
    QVERIFY2(exported.ok(), test::describe(exported));
    QCOMPARE(exported->tables, 2);
    const QString target = m_source + u"_table"_s;
    QVERIFY(test::createDatabase(target).ok());
    m_created.append(target);
    const test::ProgramRun restored = test::restore(target, path);
    QVERIFY2(restored.exitCode == 0, restored.err.constData());
    const test::ProgramRun rows =
        test::psql(target, {u"-c"_s, u"SELECT count(*) FROM \"Export Fixture\".measurement"_s});
    QCOMPARE(rows.out.trimmed(), QByteArray("3"));
}

void TestScriptExport::ownersAndGrantsComeBackWhenAsked()
{
    const QString role = m_source + u"_role"_s;
    const QString granted = m_source + u"_granted"_s;
    QVERIFY(test::createDatabase(granted).ok());
    m_created.append(granted);
    m_roles.append(role);
    const test::ProgramRun made =
        test::psql(granted, {u"-c"_s, uR"(DROP ROLE IF EXISTS %1; CREATE ROLE %1 NOLOGIN;
                              CREATE SCHEMA owned AUTHORIZATION %1;
                              CREATE TABLE owned.t (id integer); ALTER TABLE owned.t OWNER TO %1;
                              GRANT SELECT, INSERT ON owned.t TO PUBLIC;
                              CREATE FUNCTION owned.f() RETURNS integer LANGUAGE sql RETURN 1;
                              REVOKE EXECUTE ON FUNCTION owned.f() FROM PUBLIC;
                              GRANT EXECUTE ON FUNCTION owned.f() TO %1 WITH GRANT OPTION;)"_s.arg(
                                          role)});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    ExportOptions options;
    options.owners = true;
    options.grants = true;
    const QString path = m_folder + u"/granted.sql"_s;
    const Result<ExportSummary> exported = exportTo(path, options, granted);
    QVERIFY2(exported.ok(), test::describe(exported));
    const QString target = granted + u"_copy"_s;
    QVERIFY(test::createDatabase(target).ok());
    m_created.append(target);
    const test::ProgramRun restored = test::restore(target, path);
    QVERIFY2(restored.exitCode == 0, restored.err.constData());
    // With owners and privileges: pg_dump of both is the same.
    QCOMPARE(test::schemaDump(target, true), test::schemaDump(granted, true));
    const test::ProgramRun privileges =
        test::psql(target, {u"-c"_s, u"SELECT has_table_privilege('public', 'owned.t', 'INSERT'), "
                                     "has_function_privilege('public', 'owned.f()', 'EXECUTE')"_s});
    QCOMPARE(privileges.out.trimmed(), QByteArray("t|f"));
}

void TestScriptExport::verifierFindsNoDifferenceInAGoodExport()
{
    const QString path = m_folder + u"/verified.sql"_s;
    QVERIFY(exportTo(path, {}).ok());
    ExportVerifier verifier(test::testParameters(m_source), path, {});
    QSignalSpy stages(&verifier, &ExportVerifier::stage);
    const Result<VerifyReport> report = verify(verifier);
    QVERIFY2(report.ok(), test::describe(report));
    QVERIFY2(report->identical(), qPrintable(report->differences.join(u'\n')));
    QVERIFY(report->definitions > 50);
    QVERIFY(report->tables >= 13);
    QCOMPARE(report->sequences, 4);
    QCOMPARE(stages.size(), 4); // create, restore, compare, drop
    const test::ProgramRun left = test::psql(
        u"postgres"_s, {u"-c"_s, u"SELECT count(*) FROM pg_database WHERE datname = '%1'"_s.arg(
                                     report->scratchDatabase)});
    QCOMPARE(left.out.trimmed(), QByteArray("0"));
}

void TestScriptExport::verifierFindsAChangedRow()
{
    // A generated column whose "immutable" function reads the database's name: restored into
    // another database, its rows come out different, and the verifier must say so.
    const QString lying = m_source + u"_lying"_s;
    QVERIFY(test::createDatabase(lying).ok());
    m_created.append(lying);
    const test::ProgramRun made = test::psql(
        lying, {u"-c"_s, uR"(CREATE FUNCTION named(integer) RETURNS text IMMUTABLE LANGUAGE sql
                             AS $$ SELECT $1 || current_database() $$;
                             CREATE TABLE t (i integer, g text GENERATED ALWAYS AS (named(i)) STORED);
                             INSERT INTO t VALUES (1), (2);)"_s});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QString path = m_folder + u"/lying.sql"_s;
    QVERIFY(exportTo(path, {}, lying).ok());
    ExportVerifier verifier(test::testParameters(lying), path, {});
    const Result<VerifyReport> report = verify(verifier);
    QVERIFY2(report.ok(), test::describe(report));
    QCOMPARE(report->differences,
             QStringList{u"table public.t: the rows differ (the same count, 2)"_s});
}

void TestScriptExport::aVerifierGoneMidwayStillDropsItsDatabase()
{
    const QString path = m_folder + u"/abandoned.sql"_s;
    QVERIFY(exportTo(path, {}).ok());
    auto verifier =
        std::make_unique<ExportVerifier>(test::testParameters(m_source), path, ExportOptions{});
    const QString scratch = verifier->scratchDatabase();
    const auto exists = [&scratch] {
        return test::psql(u"postgres"_s,
                          {u"-c"_s,
                           u"SELECT count(*) FROM pg_database WHERE datname = '%1'"_s.arg(scratch)})
                   .out.trimmed() == "1";
    };
    // Gone as soon as the restore begins, when its database exists.
    QObject::connect(verifier.get(), &ExportVerifier::stage, verifier.get(),
                     [&verifier](const QString &stage) {
                         // Not from inside its own signal: from the event loop, as a
                         // closing dialog would.
                         if (stage.startsWith(u"Restoring"_s))
                             QTimer::singleShot(0, [&verifier] { verifier.reset(); });
                     });
    verifier->start();
    QVERIFY(QTest::qWaitFor([&verifier] { return !verifier; }, 60'000));
    QVERIFY(QTest::qWaitFor([&exists] { return !exists(); }, 60'000));
}

void TestScriptExport::unknownNamesAreAnError()
{
    ExportOptions options;
    options.schemas = {u"no such schema"_s};
    options.tables = {u"public.nothing_here"_s};
    const QString path = m_folder + u"/unknown.sql"_s;
    QFile::remove(path);
    const Result<ExportSummary> exported = exportTo(path, options);
    QVERIFY(!exported.ok());
    QCOMPARE(exported.error().message,
             u"the database has no schema \"no such schema\", and no table public.nothing_here"_s);
    QVERIFY(!QFile::exists(path));
}

void TestScriptExport::cancelLeavesNoFile()
{
    auto connection = std::make_shared<PgConnection>();
    QVERIFY(test::open(*connection, test::testParameters(m_source)).ok());
    const QString path = m_folder + u"/cancelled.sql"_s;
    QFile::remove(path);
    ScriptExport exporter(connection, {});
    QObject::connect(&exporter, &ScriptExport::progress, &exporter,
                     [&exporter] { exporter.cancel(); });
    const Result<ExportSummary> result = test::await<ExportSummary>([&](auto done) {
        QObject::connect(&exporter, &ScriptExport::finished, &exporter, done);
        exporter.start(path);
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().hint, u"You cancelled it."_s);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!exporter.isRunning());
}

QTEST_GUILESS_MAIN(TestScriptExport)
#include "tst_script_export.moc"
