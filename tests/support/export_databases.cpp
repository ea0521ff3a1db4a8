#include "export_databases.h"

#include "test_database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace mizzle::test {

QString postgresProgram(const QString &name)
{
    const QString bin = u"/usr/lib/postgresql/17/bin/"_s + name;
    if (QFile::exists(bin))
        return bin;
    return QStandardPaths::findExecutable(name);
}

ProgramRun runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    ProgramRun run;
    if (!process.waitForFinished(300'000)) {
        process.kill();
        run.err = "did not finish: " + program.toUtf8();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

ProgramRun psql(const QString &database, const QStringList &arguments)
{
    return runProgram(postgresProgram(u"psql"_s),
                      QStringList{u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-At"_s,
                                  u"-h"_s, testHost(), u"-d"_s, database} +
                          arguments);
}

Result<void> createDatabase(const QString &name)
{
    dropDatabase(name);
    const ProgramRun created =
        psql(u"postgres"_s, {u"-c"_s, u"CREATE DATABASE \"%1\""_s.arg(name)});
    if (created.exitCode != 0)
        return Error{QString::fromUtf8(created.err), name};
    return {};
}

void dropDatabase(const QString &name)
{
    psql(u"postgres"_s, {u"-c"_s, u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name)});
}

Result<void> createFixtureDatabase(const QString &name, const QString &pwnedPath)
{
    if (Result<void> created = createDatabase(name); !created)
        return created;
    QFile fixture(QStringLiteral(MIZZLE_TEST_DATA_DIR) + u"/export/fixture_schema.sql"_s);
    if (!fixture.open(QIODevice::ReadOnly))
        return Error{u"cannot read the fixture"_s, fixture.fileName()};
    QTemporaryFile script;
    if (!script.open())
        return Error{u"cannot write a temporary file"_s};
    script.write(fixture.readAll().replace("@PWNED@", pwnedPath.toUtf8()));
    script.close();
    const ProgramRun loaded = psql(name, {u"-f"_s, script.fileName()});
    if (loaded.exitCode != 0)
        return Error{QString::fromUtf8(loaded.err), fixture.fileName()};
    return {};
}

ProgramRun restore(const QString &database, const QString &scriptPath)
{
    return runProgram(postgresProgram(u"psql"_s),
                      {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-1"_s, u"-o"_s,
                       QProcess::nullDevice(), u"-h"_s, testHost(), u"-d"_s, database, u"-f"_s,
                       scriptPath});
}

QString schemaDump(const QString &database, bool owners)
{
    QStringList arguments{u"--schema-only"_s, u"-h"_s, testHost(), u"-d"_s, database};
    if (!owners)
        arguments.append(u"--no-owner"_s);
    const ProgramRun dump = runProgram(postgresProgram(u"pg_dump"_s), arguments);
    if (dump.exitCode != 0)
        return u"pg_dump failed: "_s + QString::fromUtf8(dump.err);
    static const QRegularExpression versions(uR"(^(-- Dumped (from|by) .*|\\(un)?restrict .*)\n)"_s,
                                             QRegularExpression::MultilineOption);
    return QString::fromUtf8(dump.out).remove(versions);
}

QStringList rowHashes(const QString &database)
{
    const QString query = uR"(
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(h, '''' ORDER BY h), '''')) '
              'FROM (SELECT md5(ROW(%s)::text) AS h FROM ONLY %s) r',
              c.oid::regclass::text, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attname),
              c.oid::regclass)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE (c.relkind = 'r' OR (c.relkind = 'm' AND c.relispopulated)) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
 GROUP BY c.oid ORDER BY c.oid::regclass::text
\gexec
)"_s;
    QTemporaryFile script;
    if (!script.open())
        return {u"cannot write a temporary file"_s};
    script.write(query.toUtf8());
    script.close();
    const ProgramRun hashes = psql(database, {u"-f"_s, script.fileName()});
    if (hashes.exitCode != 0)
        return {u"hashing failed: "_s + QString::fromUtf8(hashes.err)};
    return QString::fromUtf8(hashes.out).split(u'\n', Qt::SkipEmptyParts);
}

QStringList sequenceValues(const QString &database)
{
    const ProgramRun values =
        psql(database, {u"-c"_s, u"SELECT schemaname, sequencename, last_value FROM pg_sequences "
                                 "ORDER BY 1, 2"_s});
    if (values.exitCode != 0)
        return {u"reading sequences failed: "_s + QString::fromUtf8(values.err)};
    return QString::fromUtf8(values.out).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace mizzle::test
