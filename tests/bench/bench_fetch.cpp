// Throughput of a large result: 1,000,000 rows x 4 columns fetched into the column store, against
// psql -At on the same server in the same run, and against COPY (the same query) TO STDOUT read
// with PQgetCopyData and thrown away, the floor of the text protocol. Prints time and memory as
// ratios, how soon the first rows reached the model, and where the store's time goes.
#include "connection/connection_parameters.h"
#include "connection/connection_pool.h"
#include "connection/query_result.h"
#include "query/script_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <algorithm>
#include <cstdio>
#include <libpq-fe.h>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <time.h>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

// A table, not generate_series: a function scan materialises its rows before sending the first.
const QList<ScriptStatement> setup{
    {u"DROP TABLE IF EXISTS bench_rows"_s, 0},
    {u"CREATE UNLOGGED TABLE bench_rows AS SELECT i AS id, i * 2 AS doubled, md5(i::text) AS hash, "
     u"timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i) AS at "
     u"FROM generate_series(1, 1000000) AS i"_s,
     0}};
const QString query = u"SELECT id, doubled, hash, at FROM bench_rows"_s;

struct Run
{
    qint64 totalMs = 0;
    qint64 firstRowsUs = -1;
    qint64 textBytes = 0;
    qint64 storageBytes = 0;
    bool ok = false;
};

Run runWithMizzle(ConnectionPool &pool, const QList<ScriptStatement> &statements)
{
    ScriptRunner runner(&pool);
    runner.setRowCap(0);
    Run run;
    QElapsedTimer clock;
    QEventLoop loop;
    QObject::connect(&runner, &ScriptRunner::resultStarted, &loop,
                     [&] { run.firstRowsUs = clock.nsecsElapsed() / 1000; });
    QObject::connect(&runner, &ScriptRunner::finished, &loop, [&](bool ok) {
        run.totalMs = clock.elapsed();
        run.ok = ok;
        loop.quit();
    });
    clock.start();
    runner.run(statements);
    loop.exec();
    if (const QueryResult *result = runner.result(0)) {
        run.textBytes = result->textBytes();
        run.storageBytes = result->storageBytes();
    }
    return run;
}

// psql's own time and peak memory, as a child process.
std::pair<qint64, qint64> fetchWithPsql(const ConnectionParameters &parameters)
{
    QProcess psql;
    psql.setStandardOutputFile(QProcess::nullDevice());
    const QStringList arguments{
        u"-At"_s,
        u"-X"_s,
        u"-c"_s,
        query,
        u"-d"_s,
        u"host=%1 dbname=%2"_s.arg(parameters.value(u"host"_s), parameters.value(u"dbname"_s))};
    QElapsedTimer clock;
    clock.start();
    psql.start(u"psql"_s, arguments);
    psql.waitForFinished(-1);
    const qint64 elapsed = clock.elapsed();
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    return {psql.exitCode() == 0 ? elapsed : -1, qint64(children.ru_maxrss) * 1024};
}

double median(std::vector<qint64> values)
{
    std::sort(values.begin(), values.end());
    return double(values[values.size() / 2]);
}

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// A blocking connection of the benchmark's own, beside the pool: the references below use libpq
// exactly as a client that does nothing else would.
PgConn connectDirectly(const ConnectionParameters &parameters)
{
    const QByteArray host = parameters.value(u"host"_s).toUtf8();
    const QByteArray dbname = parameters.value(u"dbname"_s).toUtf8();
    const char *keywords[] = {"host", "dbname", nullptr};
    const char *values[] = {host.constData(), dbname.constData(), nullptr};
    PgConn conn(PQconnectdbParams(keywords, values, 0), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        conn.reset();
    return conn;
}

// COPY (query) TO STDOUT, every row read with PQgetCopyData and dropped: what the server and
// libpq cost for these rows in text, with no parsing into fields and nothing kept.
qint64 copyToNowhere(PGconn *conn, qint64 *bytes)
{
    const QByteArray copy = u"COPY (%1) TO STDOUT"_s.arg(query).toUtf8();
    QElapsedTimer clock;
    clock.start();
    PGresult *started = PQexec(conn, copy.constData());
    const bool copying = PQresultStatus(started) == PGRES_COPY_OUT;
    PQclear(started);
    if (!copying)
        return -1;
    *bytes = 0;
    char *buffer = nullptr;
    int length = 0;
    while ((length = PQgetCopyData(conn, &buffer, 0)) > 0) {
        *bytes += length;
        PQfreemem(buffer);
    }
    bool ok = length == -1;
    while (PGresult *result = PQgetResult(conn)) {
        ok = ok && PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
    }
    return ok ? clock.elapsed() : -1;
}

// The store's streaming path without the event loop, timed in its parts, on a blocking
// connection: as ScriptRunner does, the store appends each chunk's PGresult itself, copying its
// cells once.

// This thread's CPU time, user and system. Unlike the wall clock it leaves out the time other
// processes had the core, which on a loaded machine is most of the noise.
qint64 cpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

struct Parts
{
    qint64 waitNs = 0;   // wall time in PQgetResult beyond its CPU time: waiting for the server
    qint64 libpqNs = 0;  // CPU in PQgetResult and PQclear: reading the socket, parsing the rows
    qint64 appendNs = 0; // CPU in QueryResult::appendRows: the chunk's cells copied to the store
    qint64 totalNs = -1; // wall, from sending the query to the last result
};

Parts fetchInParts(PGconn *conn)
{
    const QByteArray sql = query.toUtf8();
    Parts parts;
    const auto timed = [](qint64 &into, auto &&work) {
        const qint64 start = cpuNs();
        work();
        into += cpuNs() - start;
    };
    QElapsedTimer clock;
    clock.start();
    if (!PQsendQueryParams(conn, sql.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0) ||
        !PQsetChunkedRowsMode(conn, ScriptRunner::chunkRows))
        return parts;
    std::unique_ptr<QueryResult> store;
    bool ok = true;
    for (;;) {
        PGresult *result = nullptr;
        const qint64 wallStart = clock.nsecsElapsed();
        qint64 cpu = 0;
        timed(cpu, [&] { result = PQgetResult(conn); });
        parts.libpqNs += cpu;
        parts.waitNs += std::max<qint64>(clock.nsecsElapsed() - wallStart - cpu, 0);
        if (!result)
            break;
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_TUPLES_CHUNK) {
            timed(parts.appendNs, [&] {
                if (store)
                    store->appendRows(result);
                else
                    store = std::make_unique<QueryResult>(result);
            });
        } else if (status != PGRES_TUPLES_OK) {
            ok = false;
        }
        timed(parts.libpqNs, [&] { PQclear(result); });
    }
    if (ok && store && store->rowCount() == 1'000'000)
        parts.totalNs = clock.nsecsElapsed();
    return parts;
}

// The round whose total is the median, so that its parts add up to one real run.
Parts medianParts(std::vector<Parts> parts)
{
    std::sort(parts.begin(), parts.end(),
              [](const Parts &a, const Parts &b) { return a.totalNs < b.totalNs; });
    return parts[parts.size() / 2];
}

const char *verdict(bool met)
{
    return met ? "met" : "not met";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    ConnectionParameters parameters;
    parameters.set(u"host"_s, qEnvironmentVariable("MIZZLE_TEST_PGHOST"));
    parameters.set(u"dbname"_s, u"mizzle_test"_s);
    ConnectionPool pool(parameters, PoolSettings{});

    if (!runWithMizzle(pool, setup).ok) {
        std::fprintf(stderr, "bench_fetch: cannot create the table (is MIZZLE_TEST_PGHOST set?)\n");
        return 1;
    }
    PgConn direct = connectDirectly(parameters);
    if (!direct) {
        std::fprintf(stderr, "bench_fetch: cannot connect with libpq directly\n");
        return 1;
    }
    constexpr int rounds = 3;
    std::vector<qint64> mizzleMs, psqlMs, copyMs, firstRowsUs;
    std::vector<Parts> parts;
    Run last;
    qint64 psqlPeak = 0;
    qint64 copyBytes = 0;
    for (int round = 0; round < rounds; ++round) {
        last = runWithMizzle(pool, {{query, 0}});
        const auto [psqlElapsed, peak] = fetchWithPsql(parameters);
        const qint64 copyElapsed = copyToNowhere(direct.get(), &copyBytes);
        const Parts roundParts = fetchInParts(direct.get());
        if (!last.ok || psqlElapsed < 0 || copyElapsed < 0 || roundParts.totalNs < 0) {
            std::fprintf(stderr, "bench_fetch: a run failed (is MIZZLE_TEST_PGHOST set?)\n");
            return 1;
        }
        mizzleMs.push_back(last.totalMs);
        psqlMs.push_back(psqlElapsed);
        copyMs.push_back(copyElapsed);
        firstRowsUs.push_back(last.firstRowsUs);
        parts.push_back(roundParts);
        psqlPeak = peak;
    }
    const double mizzle = median(mizzleMs);
    const double reference = median(psqlMs);
    const double copy = median(copyMs);
    const double memory = double(last.storageBytes) / double(last.textBytes);
    const double firstRowsMs = median(firstRowsUs) / 1000.0;
    std::printf("bench_fetch: 1,000,000 rows x 4 columns, median of %d rounds\n", rounds);
    std::printf("  time:    mizzle %.0f ms, psql -At %.0f ms  -> %.2fx psql\n", mizzle, reference,
                mizzle / reference);
    std::printf("  time:    mizzle %.0f ms, COPY TO STDOUT %.0f ms (%.1f MB, dropped)  -> %.2fx "
                "COPY\n",
                mizzle, copy, double(copyBytes) / 1e6, mizzle / copy);
    std::printf("  memory:  result store %.1f MB for %.1f MB of text -> %.2fx the text "
                "(psql peak RSS %.1f MB -> store is %.2fx psql's peak)\n",
                double(last.storageBytes) / 1e6, double(last.textBytes) / 1e6, memory,
                double(psqlPeak) / 1e6, double(last.storageBytes) / double(psqlPeak));
    std::printf("  first rows in the model after %.2f ms (%.4f of the total)\n", firstRowsMs,
                firstRowsMs / mizzle);
    std::printf("  goal: store within 1.0× psql: %s\n", verdict(mizzle <= reference));
    std::printf("  goal: store within 1.0× COPY: %s\n", verdict(mizzle <= copy));
    std::printf("  goal: memory within 1.3× the text: %s\n", verdict(memory <= 1.3));
    std::printf("  goal: first rows within 50 ms: %s\n", verdict(firstRowsMs < 50));
    // Where the time goes, whether or not the COPY goal is met: the margin matters too.
    const Parts middle = medianParts(parts);
    const auto share = [copy](qint64 ns) { return double(ns) / 1e6 / copy; };
    std::printf("  where:   the same stream without the event loop %.2fx COPY: waiting for the "
                "server %.2fx, libpq reading and parsing rows %.2fx, the store copying the cells "
                "out of libpq %.2fx (CPU); the event loop adds %.2fx\n",
                share(middle.totalNs), share(middle.waitNs), share(middle.libpqNs),
                share(middle.appendNs), (mizzle - double(middle.totalNs) / 1e6) / copy);
    return 0;
}
