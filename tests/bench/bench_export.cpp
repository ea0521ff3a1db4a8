// The SQL script export against pg_dump on the bench cluster: a 1,000,000-row table and a few
// small ones (with foreign keys between them), data as COPY. The reference is pg_dump
// --data-only of the same schema, run in the same process's turn, as a program (its start is in
// its time; Mizzle's connection is in Mizzle's). Mizzle exports data-only too, for the same
// work, and then definitions and data for the figure a person sees. Each run is timed three
// times and the medians compared; the files' sizes are compared, and the peak memory Mizzle's
// process gained while writing is reported.
#include "bench_support.h"
#include "connection/pg_connection.h"
#include "export/script_export.h"
#include "process_memory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <cstdio>
#include <memory>

using namespace mizzle;
using namespace mizzle::bench;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRuns = 3;

const QString setup = uR"(
DROP SCHEMA IF EXISTS bench_export CASCADE;
CREATE SCHEMA bench_export;
CREATE TABLE bench_export.customers (id integer PRIMARY KEY, name text NOT NULL, joined date);
INSERT INTO bench_export.customers SELECT i, 'customer ' || i, date '2020-01-01' + i % 1000
  FROM generate_series(1, 1000) i;
CREATE TABLE bench_export.orders (id bigint PRIMARY KEY,
  customer integer REFERENCES bench_export.customers, placed timestamptz, amount numeric(12, 2));
INSERT INTO bench_export.orders SELECT i, 1 + i % 1000, timestamptz '2024-01-01' + i * interval '1 min',
  i * 1.25 FROM generate_series(1, 10000) i;
CREATE TABLE bench_export.events (id bigint PRIMARY KEY, order_id bigint, kind text,
  payload jsonb, at timestamptz, score double precision);
INSERT INTO bench_export.events SELECT i, 1 + i % 10000, 'kind ' || i % 7,
  jsonb_build_object('n', i, 'hash', md5(i::text)), timestamptz '2024-01-01' + i * interval '1 s',
  i / 7.0 FROM generate_series(1, 1000000) i;
ANALYZE bench_export.customers, bench_export.orders, bench_export.events;
)"_s;

// pg_dump --data-only of the schema into path: wall time in ms, or -1.
double pgDumpMs(const QString &path)
{
    QProcess dump;
    QElapsedTimer timer;
    timer.start();
    dump.start(u"pg_dump"_s,
               {u"--data-only"_s, u"--schema"_s, u"bench_export"_s, u"-h"_s,
                parameters().value(u"host"_s), u"-d"_s, u"mizzle_test"_s, u"-f"_s, path});
    dump.waitForFinished(600'000);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (dump.exitStatus() != QProcess::NormalExit || dump.exitCode() != 0) {
        std::fprintf(stderr, "bench_export: pg_dump failed: %s\n",
                     dump.readAllStandardError().constData());
        return -1;
    }
    return ms;
}

// Mizzle's export of the schema into path, connection included: wall time in ms, or -1.
double mizzleMs(const QString &path, bool definitions)
{
    QElapsedTimer timer;
    timer.start();
    auto connection = std::make_shared<PgConnection>();
    const Result<void> opened =
        wait<void>([&](auto done) { connection->open(connection.get(), parameters(), done); });
    if (!opened) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(opened.error().toString()));
        return -1;
    }
    ExportOptions options;
    options.schemas = {u"bench_export"_s};
    options.definitions = definitions;
    ScriptExport exporter(connection, options);
    connection.reset();
    const Result<ExportSummary> exported = wait<ExportSummary>([&](auto done) {
        QObject::connect(&exporter, &ScriptExport::finished, &exporter, done);
        exporter.start(path);
    });
    if (!exported) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(exported.error().toString()));
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    ConnectionPool pool(parameters(), PoolSettings{});
    if (const auto made = run(pool, setup); !made) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(made.error().toString()));
        return 1;
    }
    const QString folder = QDir::currentPath() + u"/build/bench-export"_s;
    QDir().mkpath(folder);
    const QString reference = folder + u"/pg_dump.sql"_s;
    const QString dataOnly = folder + u"/mizzle-data.sql"_s;
    const QString whole = folder + u"/mizzle.sql"_s;

    std::vector<double> dumps, datas, wholes;
    qint64 grewKiB = 0;
    for (int run = 0; run < kRuns; ++run) {
        dumps.push_back(pgDumpMs(reference));
        const qint64 before = test::peakResidentKiB();
        datas.push_back(mizzleMs(dataOnly, false));
        grewKiB = std::max(grewKiB, test::peakResidentKiB() - before);
        wholes.push_back(mizzleMs(whole, true));
    }
    for (const std::vector<double> *times : {&dumps, &datas, &wholes}) {
        if (std::find(times->cbegin(), times->cend(), -1.0) != times->cend())
            return 1;
    }
    const double dump = median(dumps), data = median(datas), all = median(wholes);
    const double referenceMB = double(QFileInfo(reference).size()) / 1e6;
    const double dataMB = double(QFileInfo(dataOnly).size()) / 1e6;
    const double sizeRatio = dataMB / referenceMB;
    const double grewMB = double(grewKiB) / 1024;

    std::printf("bench_export: 1,000,000 + 11,000 rows in 3 tables, data as COPY, median of %d\n",
                kRuns);
    std::printf("  data only:   mizzle %.0f ms, pg_dump --data-only %.0f ms -> %.2fx pg_dump\n",
                data, dump, data / dump);
    std::printf("  definitions and data: mizzle %.0f ms -> %.2fx pg_dump --data-only\n", all,
                all / dump);
    std::printf("  file:        mizzle %.1f MB, pg_dump %.1f MB -> %.3fx pg_dump\n", dataMB,
                referenceMB, sizeRatio);
    std::printf("  memory:      peak grew by %.1f MiB while writing %.1f MB (%.3f of the file)\n",
                grewMB, dataMB, grewMB * 1.048576 / dataMB);
    std::printf("goal: export within 1.1x pg_dump's time: %s\n", verdict(data <= 1.1 * dump));
    std::printf("goal: file the same size as pg_dump's within 5%%: %s\n",
                verdict(sizeRatio >= 0.95 && sizeRatio <= 1.05));
    std::printf("goal: bounded memory (peak grew by under 10%% of the file): %s\n",
                verdict(grewMB * 1.048576 < 0.1 * dataMB));
    for (const QString &path : {reference, dataOnly, whole})
        QFile::remove(path);
    if (const auto dropped = run(pool, u"DROP SCHEMA bench_export CASCADE"_s); !dropped)
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(dropped.error().toString()));
    return 0;
}
