// The Monitor's cost, with 300 idle sessions on the bench cluster: what one server sample costs
// the server (the planning and execution time EXPLAIN ANALYZE reports for each of its
// statements), what it costs Mizzle's process (CPU time per sample, and so the share of one
// core at the default 2 s interval), and how long a chart tick takes: appending a point to a
// full 15-minute window and repainting the Monitor's five charts, offscreen. Each figure is
// also given as a ratio to a bare SELECT 1 round trip measured in the same run.
#include "bench_support.h"
#include "monitor/activity_query.h"
#include "monitor/series_chart.h"
#include "monitor/series_model.h"
#include "monitor/server_sampler.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <memory>
#include <time.h>

using namespace mizzle;
using namespace mizzle::bench;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

namespace {

constexpr int kIdleSessions = 300;
constexpr int kRoundTrips = 200;
constexpr int kSamples = 50;
constexpr int kTicks = 100;
constexpr double kIntervalMs = 2000;

double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

Result<QueryResult> exec(PgConnection &connection, const QString &sql)
{
    return wait<QueryResult>([&](auto done) { connection.exec(&connection, sql, {}, done); });
}

// Planning plus execution time of one statement, as the server measured it.
std::optional<double> serverMs(PgConnection &connection, const QString &sql)
{
    const auto plan = exec(connection, u"EXPLAIN (ANALYZE, FORMAT JSON) "_s + sql);
    if (!plan || plan->rowCount() != 1)
        return std::nullopt;
    const QJsonObject top =
        QJsonDocument::fromJson(plan->text(0, 0).toUtf8()).array().first().toObject();
    return top.value(u"Planning Time"_s).toDouble() + top.value(u"Execution Time"_s).toDouble();
}

MonitorPoint pointAt(int i)
{
    MonitorPoint point;
    point.utilization = (i % 10) / 10.0;
    point.waiting = i % 7;
    point.acquireP95Ms = 0.2 + (i % 13) * 3.5;
    point.sessions = SessionCounts{2 + i % 5, kIdleSessions - i % 5, i % 3, i % 2};
    point.transactionsPerS = 800 + (i % 50) * 4.5;
    point.bouncerClientsWaiting = i % 4;
    return point;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    // The setup: 300 sessions that connect and then sit idle, as a busy application's pool does.
    std::vector<std::unique_ptr<PgConnection>> idle;
    for (int i = 0; i < kIdleSessions; ++i) {
        auto connection = std::make_unique<PgConnection>();
        ConnectionParameters session = parameters();
        session.set(u"application_name"_s, u"bench-idle-%1"_s.arg(i));
        const auto opened =
            wait<void>([&](auto done) { connection->open(connection.get(), session, done); });
        if (!opened) {
            std::fprintf(stderr, "bench_monitor: idle session %d: %s\n", i,
                         qPrintable(opened.error().toString()));
            return 1;
        }
        idle.push_back(std::move(connection));
    }

    // The reference: a bare SELECT 1 round trip, wall and client CPU time.
    PgConnection probe;
    if (const auto opened = wait<void>([&](auto done) { probe.open(&probe, parameters(), done); });
        !opened) {
        std::fprintf(stderr, "bench_monitor: %s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    std::vector<double> roundTrips;
    const double referenceCpuStart = cpuMs();
    for (int i = 0; i < kRoundTrips; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!exec(probe, u"SELECT 1"_s))
            return 1;
        roundTrips.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double selectOneMs = median(roundTrips);
    const double selectOneCpuMs = (cpuMs() - referenceCpuStart) / kRoundTrips;

    // Server time per sample: each of the sample's statements under EXPLAIN ANALYZE.
    std::vector<double> serverCosts;
    for (int run = 0; run < 20; ++run) {
        double total = 0;
        for (const PgConnection::PipelineStatement &statement : activityStatements()) {
            const std::optional<double> ms = serverMs(probe, statement.sql);
            if (!ms) {
                std::fprintf(stderr, "bench_monitor: EXPLAIN ANALYZE of a sample failed\n");
                return 1;
            }
            total += *ms;
        }
        serverCosts.push_back(total);
    }
    const double serverSampleMs = median(serverCosts);

    // Client time per sample: the sampler's own round trips, parsing and ranking included.
    ServerSampler sampler(parameters());
    int sessionsSeen = 0;
    auto sampleOnce = [&sampler, &sessionsSeen]() -> bool {
        const auto sample = wait<ServerSample>([&](auto done) {
            auto *context = new QObject(&sampler);
            auto finish = [context, done](Result<ServerSample> result) {
                context->deleteLater();
                done(std::move(result));
            };
            QObject::connect(&sampler, &ServerSampler::sampled, context,
                             [finish](const ServerSample &value) { finish(value); });
            QObject::connect(&sampler, &ServerSampler::failed, context,
                             [finish](const Error &error) { finish(error); });
            sampler.sampleOnce();
        });
        if (sample)
            sessionsSeen = int(sample->sessions.size());
        return sample.ok();
    };
    if (!sampleOnce()) // connects; not measured
        return 1;
    std::vector<double> sampleWall;
    const double sampleCpuStart = cpuMs();
    for (int i = 0; i < kSamples; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!sampleOnce())
            return 1;
        sampleWall.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double clientCpuMs = (cpuMs() - sampleCpuStart) / kSamples;
    const double coreSharePercent = clientCpuMs / kIntervalMs * 100;

    // A chart tick: the Monitor's five charts over a full 15-minute window, repainted.
    SeriesModel series;
    QWidget charts;
    auto *grid = new QGridLayout(&charts);
    const QList<QList<SeriesChart::Line>> lines{
        {{Series::Utilization, u"utilization %"_s}, {Series::Waiting, u"waiting"_s, true}},
        {{Series::AcquireP95Ms, u"p95 ms"_s}},
        {{Series::Active, u"active"_s},
         {Series::Idle, u"idle"_s},
         {Series::IdleInTransaction, u"idle in transaction"_s},
         {Series::LockWaits, u"lock waits"_s}},
        {{Series::TransactionsPerS, u"TPS"_s}},
        {{Series::BouncerClientsWaiting, u"cl_waiting"_s}}};
    for (int i = 0; i < int(lines.size()); ++i)
        grid->addWidget(new SeriesChart(&series, u"chart %1"_s.arg(i), lines[i], &charts), i / 2,
                        i % 2);
    charts.resize(1400, 900);
    charts.show();
    const qint64 start = 1'795'000'000'000;
    for (int i = 0; i < 451; ++i)
        series.append(start + qint64(i) * 2000, pointAt(i));
    charts.repaint();
    std::vector<double> ticks;
    for (int i = 451; i < 451 + kTicks; ++i) {
        QElapsedTimer timer;
        timer.start();
        series.append(start + qint64(i) * 2000, pointAt(i));
        charts.repaint();
        ticks.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double tickMs = median(ticks);
    const double tickMaxMs = *std::max_element(ticks.begin(), ticks.end());

    std::printf("bench_monitor: %d idle sessions (the sample saw %d sessions in all)\n",
                kIdleSessions, sessionsSeen);
    std::printf("reference SELECT 1 round trip: %.3f ms wall, %.3f ms client CPU\n", selectOneMs,
                selectOneCpuMs);
    std::printf("server time per sample: %.3f ms (%.1fx SELECT 1)\n", serverSampleMs,
                serverSampleMs / selectOneMs);
    std::printf("sample round trip: %.3f ms median (%.1fx SELECT 1)\n", median(sampleWall),
                median(sampleWall) / selectOneMs);
    std::printf("client CPU per sample: %.3f ms (%.1fx SELECT 1), %.3f %% of one core at 2 s\n",
                clientCpuMs, clientCpuMs / selectOneCpuMs, coreSharePercent);
    std::printf("chart tick (append + repaint of 5 charts, 451 points each): %.2f ms median, "
                "%.2f ms max (%.1fx SELECT 1)\n",
                tickMs, tickMaxMs, tickMs / selectOneMs);
    std::printf("goal: under 5 ms of server time per sample: %s\n", verdict(serverSampleMs < 5));
    std::printf("goal: under 1%% of one core at a 2 s interval: %s\n",
                verdict(coreSharePercent < 1));
    std::printf("goal: under 16 ms per chart tick: %s\n", verdict(tickMs < 16));
    return 0;
}
