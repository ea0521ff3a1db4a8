// Saving a table's pending changes: 10,000 updated rows (one or two cells each) and 1,000 new
// rows, in one transaction, through changeStatements and ChangeApplier::save (BEGIN and every
// statement pipelined, then COMMIT). The reference is psql running the very same statements
// with the same bound values (\bind … \g, one round trip each), with -1 -f, in the same run;
// psql running changeScript (values inlined, a DO block per update) is printed beside it. The
// table is made afresh before every run, and each run's result must match the others'. Then
// what a pending change costs in memory, and the statements built for it.
#include "bench_support.h"
#include "catalog/catalog.h"
#include "connection/connection_pool.h"
#include "edit/change_applier.h"
#include "edit/change_statements.h"
#include "edit/edit_buffer.h"
#include "edit/row_identity.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <time.h>
#include <unistd.h>

using namespace mizzle;
using namespace mizzle::bench;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTableRows = 20'000; // every other row is updated
constexpr int kInserts = 1'000;
constexpr int kMemoryRows = 100'000;
constexpr int kRepeats = 5;

// No NULL anywhere: psql's \bind has no way to pass one, and the reference must run the same
// statements as the save.
QString createTable(const QString &name, int rows)
{
    return uR"(DROP TABLE IF EXISTS bench_save.%1;
        CREATE TABLE bench_save.%1 (id bigint PRIMARY KEY, name text NOT NULL,
            amount numeric(12,2) NOT NULL, at timestamptz NOT NULL, doc jsonb NOT NULL);
        INSERT INTO bench_save.%1 SELECT i, 'item ' || i, (i * 37 % 100000) / 100.0,
            timestamptz '2024-01-01 00:00:00+00' + i * interval '61 s',
            jsonb_build_object('n', i, 'tag', 'tag ' || i % 97)
            FROM generate_series(1, %2) i;
        ANALYZE bench_save.%1;)"_s.arg(name)
        .arg(rows);
}

struct Read
{
    TableDetails table;
    QueryResult rows;
};

// The rows as a table tab's page reads them: the table's columns, then xmin (a table with a
// primary key needs no ctid), so that identityOf and rowValues read them.
std::optional<Read> readTable(ConnectionPool &pool, const QString &name)
{
    Catalog catalog(&pool);
    auto table = wait<TableDetails>(
        [&](auto done) { catalog.loadTable(u"bench_save"_s, name, &pool, done); });
    auto rows = run(pool, u"SELECT t.*, t.xmin FROM bench_save.%1 t ORDER BY id"_s.arg(name));
    if (!table || !rows) {
        std::fprintf(stderr, "bench_save: %s\n",
                     qPrintable((table ? rows.error() : table.error()).toString()));
        return std::nullopt;
    }
    return Read{std::move(table).value(), std::move(rows).value()};
}

int column(const TableDetails &table, const QString &name)
{
    for (int i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name)
            return i;
    }
    qFatal("no column %s", qPrintable(name));
}

// Every even row changed: a quarter of them the name (quotes and a backslash in it, which the
// \bind arguments must carry), the others the amount and either the time or the document, so
// half the updates set one column and half two. Then the new rows, every column given.
void fillBuffer(EditBuffer &buffer, const Read &read)
{
    const TableDetails &table = read.table;
    const int name = column(table, u"name"_s), amount = column(table, u"amount"_s),
              at = column(table, u"at"_s), doc = column(table, u"doc"_s);
    for (qsizetype row = 1; row < read.rows.rowCount(); row += 2) {
        const qint64 id = row + 1;
        const RowIdentity identity = identityOf(table, read.rows, row);
        const QList<std::optional<QString>> values = rowValues(table, read.rows, row);
        const auto set = [&](int column, const QString &value) {
            buffer.setCell(identity, values, column, CellValue::of(value));
        };
        if (id % 4 == 0) {
            set(name, u"O'Brien \\ item %1"_s.arg(id));
            continue;
        }
        set(amount, u"%1.%2"_s.arg(id * 13 % 99999).arg(id % 100, 2, 10, QChar(u'0')));
        if (id % 8 == 2)
            set(at, u"2025-06-01 12:00:00+00"_s);
        else
            set(doc, u"{\"n\": %1, \"note\": \"it's \\\"new\\\"\"}"_s.arg(id));
    }
    for (int i = 1; i <= kInserts; ++i) {
        const qint64 id = kTableRows + i;
        buffer.addRow({{0, CellValue::of(QString::number(id))},
                       {name, CellValue::of(u"new 'row' %1"_s.arg(id))},
                       {amount, CellValue::of(u"%1.50"_s.arg(i))},
                       {at, CellValue::of(u"2025-01-01 00:00:00+00"_s)},
                       {doc, CellValue::of(u"{\"new\": %1}"_s.arg(i))}});
    }
}

// What every run must leave: the same rows, whoever saved them.
QString contents(ConnectionPool &pool)
{
    const auto sum = run(pool, u"SELECT count(*) || ' rows, ' || md5(string_agg(t::text, '|' "
                               u"ORDER BY id)) FROM bench_save.items t"_s);
    return sum ? sum->text(0, 0) : u"<error>"_s;
}

QString bindScript(const QList<ChangeStatement> &statements)
{
    QString script;
    for (const ChangeStatement &statement : statements) {
        script += statement.sql + u" \\bind"_s;
        for (const auto &value : statement.parameters)
            script += u' ' + bindArgument(value.value_or(QString()));
        script += u" \\g\n"_s;
    }
    return script;
}

// psql -X -q -1 -f on the script, its wall time in ms (start and connection included), or -1.
double runPsql(const QString &path, const QString &script)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(script.toUtf8()) < 0)
        return -1;
    file.close();
    QProcess psql;
    psql.setStandardOutputFile(QProcess::nullDevice()); // the rows RETURNING gives
    QElapsedTimer clock;
    clock.start();
    psql.start(u"psql"_s,
               {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-1"_s, u"-f"_s, path, u"-d"_s,
                u"host=%1 dbname=mizzle_test"_s.arg(qEnvironmentVariable("MIZZLE_TEST_PGHOST"))});
    psql.waitForFinished(600'000);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (psql.exitStatus() != QProcess::NormalExit || psql.exitCode() != 0) {
        std::fprintf(stderr, "bench_save: psql failed: %s\n", psql.readAllStandardError().data());
        return -1;
    }
    return ms;
}

// Heap in use (every arena, and blocks mmapped on their own): what the change holds, without
// the pages malloc keeps cached that resident memory counts.
double heapBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return double(info.uordblks + info.hblkhd);
}

double residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) : 0;
}

// The process's CPU time, every thread: what the save costs the client, beside its wall time.
double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ConnectionPool pool(parameters(), PoolSettings{});
    const auto made = run(pool, u"CREATE SCHEMA IF NOT EXISTS bench_save;"_s +
                                    createTable(u"big"_s, kMemoryRows));
    if (!made) {
        std::fprintf(stderr, "bench_save: %s (is MIZZLE_TEST_PGHOST set?)\n",
                     qPrintable(made.error().toString()));
        return 1;
    }
    QTemporaryDir directory;

    // Memory first, before the runs leave freed pages for malloc to reuse. The page stays read
    // (a table tab holds it); each change takes its row's identity and values from it, as an
    // edit in the grid does, and keeps what the buffer keeps.
    const std::optional<Read> big = readTable(pool, u"big"_s);
    if (!big)
        return 1;
    double heapPerChange = 0, rssPerChange = 0, heapPerStatement = 0;
    {
        EditBuffer buffer(big->table);
        const int name = column(big->table, u"name"_s);
        const double heapBefore = heapBytes(), rssBefore = residentBytes();
        for (qsizetype row = 0; row < big->rows.rowCount(); ++row)
            buffer.setCell(identityOf(big->table, big->rows, row),
                           rowValues(big->table, big->rows, row), name,
                           CellValue::of(u"changed %1"_s.arg(row)));
        heapPerChange = (heapBytes() - heapBefore) / buffer.changeCount();
        rssPerChange = (residentBytes() - rssBefore) / buffer.changeCount();
        const auto lease =
            wait<ConnectionPool::Lease>([&](auto done) { pool.acquire(&pool, done); });
        const double statementsBefore = heapBytes();
        const QList<ChangeStatement> statements = changeStatements(buffer, *lease.value());
        heapPerStatement = (heapBytes() - statementsBefore) / double(statements.size());
    }

    std::vector<double> mizzleCpuMs, mizzleMs, bindMs, scriptMs, startMs, buildMs, scriptBuildMs;
    QString expected;
    const auto check = [&](const char *who) {
        const QString got = contents(pool);
        if (expected.isEmpty())
            expected = got;
        if (got != expected || !got.startsWith(QString::number(kTableRows + kInserts) + u' ')) {
            std::fprintf(stderr, "bench_save: %s left %s, not %s\n", who, qPrintable(got),
                         qPrintable(expected));
            return false;
        }
        return true;
    };
    for (int round = 0; round < kRepeats; ++round) {
        // Each contender in turn, on the table made afresh, with the buffer filled from a read
        // of it (so the versions are the ones the table holds now).
        for (int contender = 0; contender < 3; ++contender) {
            std::optional<Read> read;
            if (!run(pool, createTable(u"items"_s, kTableRows)) ||
                !(read = readTable(pool, u"items"_s)))
                return 1;
            EditBuffer buffer(read->table);
            fillBuffer(buffer, *read);
            QList<ChangeStatement> statements;
            {
                const auto lease =
                    wait<ConnectionPool::Lease>([&](auto done) { pool.acquire(&pool, done); });
                QElapsedTimer clock;
                clock.start();
                statements = changeStatements(buffer, *lease.value());
                buildMs.push_back(double(clock.nsecsElapsed()) / 1e6);
            }
            if (contender == 0) {
                ChangeApplier applier(&pool);
                QElapsedTimer clock;
                clock.start();
                const double cpuStart = cpuMs();
                const auto saved = wait<SaveOutcome>(
                    [&](auto done) { applier.save(statements, buffer, &applier, done); });
                mizzleMs.push_back(double(clock.nsecsElapsed()) / 1e6);
                mizzleCpuMs.push_back(cpuMs() - cpuStart);
                if (!saved || !saved->committed) {
                    std::fprintf(stderr, "bench_save: the save failed: %s\n",
                                 saved ? "conflicts" : qPrintable(saved.error().toString()));
                    return 1;
                }
                if (!check("the save"))
                    return 1;
            } else if (contender == 1) {
                const double ms =
                    runPsql(directory.filePath(u"bind.sql"_s), bindScript(statements));
                if (ms < 0 || !check("psql (\\bind)"))
                    return 1;
                bindMs.push_back(ms);
            } else {
                QElapsedTimer clock;
                clock.start();
                const QString script = changeScript(buffer);
                scriptBuildMs.push_back(double(clock.nsecsElapsed()) / 1e6);
                const double ms = runPsql(directory.filePath(u"script.sql"_s), script);
                if (ms < 0 || !check("psql (changeScript)"))
                    return 1;
                scriptMs.push_back(ms);
            }
        }
        // psql's own start, connection and empty transaction, taken off its times below: the
        // save runs on a pooled connection that is open already.
        const double empty = runPsql(directory.filePath(u"empty.sql"_s), QString());
        if (empty < 0)
            return 1;
        startMs.push_back(empty);
    }

    const double mizzle = median(mizzleMs), start = median(startMs);
    const double bind = median(bindMs) - start, script = median(scriptMs) - start;
    std::printf("bench_save: %d updated rows (%d cells) and %d new rows in one transaction, "
                "median of %d runs\n",
                kTableRows / 2, kTableRows / 2 * 3 / 2, kInserts, kRepeats);
    std::printf("  build:   changeStatements %.1f ms, changeScript %.1f ms\n", median(buildMs),
                median(scriptBuildMs));
    std::printf("  save:    mizzle %.1f ms, psql -1 -f (\\bind) %.1f ms -> %.2fx psql\n", mizzle,
                bind, mizzle / bind);
    // The pipeline overlaps the two: the server starts on the first statements while the
    // client still sends the last, so the client's CPU is a share of the wall time, not a part.
    std::printf("           the client busy %.1f ms of it (CPU: building and sending the pipeline, "
                "reading %lld results); the server's statements take the rest\n",
                median(mizzleCpuMs), qint64(kTableRows / 2 + kInserts + 1));
    std::printf("           psql -1 -f changeScript %.1f ms -> %.2fx that script "
                "(psql's start, %.1f ms, is left out of both)\n",
                script, mizzle / script, start);
    std::printf("  memory:  %.0f bytes of heap per pending change (%.0f resident), %.0f per "
                "statement built; %d changes, one cell each\n",
                heapPerChange, rssPerChange, heapPerStatement, kMemoryRows);
    std::printf("goal: save within 1.0x psql: %s\n", verdict(mizzle <= bind));
    return 0;
}
