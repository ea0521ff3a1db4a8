// Throughput of a large result: 1,000,000 rows x 4 columns fetched into the column store, against
// psql -At on the same server in the same run. Prints time and memory as ratios, and how soon the
// first rows reached the model.
#include "connection/connection_parameters.h"
#include "connection/connection_pool.h"
#include "query/script_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

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
    constexpr int rounds = 3;
    std::vector<qint64> mizzleMs, psqlMs, firstRowsUs;
    Run last;
    qint64 psqlPeak = 0;
    for (int round = 0; round < rounds; ++round) {
        last = runWithMizzle(pool, {{query, 0}});
        const auto [psqlElapsed, peak] = fetchWithPsql(parameters);
        if (!last.ok || psqlElapsed < 0) {
            std::fprintf(stderr, "bench_fetch: a run failed (is MIZZLE_TEST_PGHOST set?)\n");
            return 1;
        }
        mizzleMs.push_back(last.totalMs);
        psqlMs.push_back(psqlElapsed);
        firstRowsUs.push_back(last.firstRowsUs);
        psqlPeak = peak;
    }
    const double mizzle = median(mizzleMs);
    const double reference = median(psqlMs);
    std::printf("bench_fetch: 1,000,000 rows x 4 columns, median of %d rounds\n", rounds);
    std::printf("  time:    mizzle %.0f ms, psql -At %.0f ms  -> %.2fx psql\n", mizzle, reference,
                mizzle / reference);
    std::printf("  memory:  result store %.1f MB for %.1f MB of text -> %.2fx the text "
                "(psql peak RSS %.1f MB -> store is %.2fx psql's peak)\n",
                double(last.storageBytes) / 1e6, double(last.textBytes) / 1e6,
                double(last.storageBytes) / double(last.textBytes), double(psqlPeak) / 1e6,
                double(last.storageBytes) / double(psqlPeak));
    std::printf("  first rows in the model after %.2f ms (%.4f of the total)\n",
                median(firstRowsUs) / 1000.0, median(firstRowsUs) / 1000.0 / mizzle);
    return 0;
}
