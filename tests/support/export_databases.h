#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mizzle::test {

// Throwaway databases for the SQL script export's tests, on the test cluster, and PostgreSQL's
// own programs (psql, pg_dump) as the oracle that judges them: nothing here uses Mizzle's code.

struct ProgramRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// psql, pg_dump, …: on PATH or in PostgreSQL's bin folder.
QString postgresProgram(const QString &name);
ProgramRun runProgram(const QString &program, const QStringList &arguments);
// psql -X -q -v ON_ERROR_STOP=1 -At on a database of the test cluster, with more arguments.
ProgramRun psql(const QString &database, const QStringList &arguments);

// A database of that name, new (dropped first if it exists).
Result<void> createDatabase(const QString &name);
void dropDatabase(const QString &name);
// tests/data/export/fixture_schema.sql loaded into a new database; @PWNED@ in it becomes
// pwnedPath, a file that no restore may create.
Result<void> createFixtureDatabase(const QString &name, const QString &pwnedPath);
// The script restored as a person restores it: psql -X -v ON_ERROR_STOP=1 -1 -f FILE.
ProgramRun restore(const QString &database, const QString &scriptPath);

// pg_dump --schema-only --no-owner (or with owners), without the lines that name versions (and
// psql's \restrict pair, whose key is new on each run).
QString schemaDump(const QString &database, bool owners = false);
// "table count hash" per table, each row hashed with its columns in order of their names.
QStringList rowHashes(const QString &database);
// "schema.sequence last_value" per sequence.
QStringList sequenceValues(const QString &database);

} // namespace mizzle::test
