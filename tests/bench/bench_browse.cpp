// Moving through a 10,000,000-row table the way a table tab does: the first and the last page,
// jumps to 50 % and 90 % of the way in, the 1,000th page of a sort on an indexed column, and a
// filtered first page. Each is timed through TableReader and against psql running the very same
// statement with the same bound values (\bind) in the same run, with OFFSET at the same depth
// beside it for contrast. Then the scrollbar is dragged end to end through RowWindow, and the
// rows held and the process's memory are reported.
#include "bench_support.h"
#include "browse/row_window.h"
#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "connection/connection_pool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace mizzle;
using namespace mizzle::bench;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kRows = 10'000'000;
constexpr int kPageSize = 500;
constexpr int kRepeats = 9;

// Statements and the values bound to them, as psql's \bind takes them, each run kRepeats times
// in turn; psqlMedianMs then sums each round's times.
using Bound = std::pair<QString, PgConnection::Parameters>;
QString psqlScript(const QList<Bound> &statements)
{
    QString script = u"\\timing on\n"_s;
    for (int i = 0; i < kRepeats; ++i) {
        for (const auto &[sql, values] : statements) {
            script += sql + u" \\bind"_s;
            for (const auto &value : values)
                script += u' ' + bindArgument(value.value_or(QString()));
            script += u" \\g /dev/null\n"_s;
        }
    }
    return script;
}

// psql's own median time for a round of the statements (\timing), not counting its start and
// connection.
double psqlMedianMs(const QString &script, int statementsPerRound)
{
    QProcess psql;
    psql.start(u"psql"_s,
               {u"-X"_s, u"-q"_s, u"-d"_s,
                u"host=%1 dbname=mizzle_test"_s.arg(qEnvironmentVariable("MIZZLE_TEST_PGHOST"))});
    psql.waitForStarted();
    psql.write(script.toUtf8());
    psql.closeWriteChannel();
    psql.waitForFinished(600'000);
    static const QRegularExpression time(u"Time: ([0-9.]+) ms"_s);
    std::vector<double> rounds;
    int inRound = 0;
    for (auto match = time.globalMatch(QString::fromUtf8(psql.readAllStandardOutput()));
         match.hasNext();) {
        const double ms = match.next().captured(1).toDouble();
        if (inRound++ == 0)
            rounds.push_back(ms);
        else
            rounds.back() += ms;
        inRound %= statementsPerRound;
    }
    return median(rounds);
}

struct Measure
{
    QString name;
    std::function<void(QObject *, TableReader::PageCallback)> fetch;
    QString offsetSql; // the same page by OFFSET, for contrast
};

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ConnectionPool pool(parameters(), PoolSettings{});
    const auto existing = run(pool, u"SELECT count(*) FROM bench_browse"_s);
    if (!existing || existing->text(0, 0).toLongLong() != kRows) {
        std::printf("bench_browse: building a %lld-row table (once per cluster)…\n", kRows);
        const auto built = run(pool, uR"(
            DROP TABLE IF EXISTS bench_browse;
            CREATE UNLOGGED TABLE bench_browse (id bigint PRIMARY KEY, note text NOT NULL,
                at timestamptz NOT NULL);
            INSERT INTO bench_browse SELECT i, 'note ' || (i * 7919 % 100003),
                timestamptz '2020-01-01 00:00:00+00' + (i * 7919 % 10000019) * interval '3 s'
                FROM generate_series(1::bigint, 10000000) i;
            CREATE INDEX bench_browse_at ON bench_browse (at);)"_s);
        const auto analysed = built ? run(pool, u"VACUUM ANALYZE bench_browse"_s) : built;
        if (!analysed) {
            std::fprintf(stderr, "%s\n", qPrintable(analysed.error().toString()));
            return 1;
        }
    }
    Catalog catalog(&pool);
    const auto table = wait<TableDetails>(
        [&](auto done) { catalog.loadTable(u"public"_s, u"bench_browse"_s, &pool, done); });
    if (!table) {
        std::fprintf(stderr, "%s\n", qPrintable(table.error().toString()));
        return 1;
    }
    TableReader byKey(&pool, table.value());
    byKey.setPageSize(kPageSize);
    TableReader byTime(&pool, table.value());
    byTime.setPageSize(kPageSize);
    byTime.setSort({{u"at"_s, false, std::nullopt}});
    TableReader filtered(&pool, table.value());
    filtered.setPageSize(kPageSize);
    filtered.setFilter({{{u"note"_s, FilterOperator::Like, {u"note 4%"_s}}}, false, {}});

    // The key of the 999th page's last row in time order, found once with OFFSET (not timed).
    const auto boundary = run(pool, u"SELECT at, id FROM bench_browse ORDER BY at, id "
                                    u"OFFSET %1 LIMIT 1"_s.arg(999 * kPageSize - 1));
    const PageKey timeKey{{boundary->text(0, 0), boundary->text(0, 1)}};

    const QList<Measure> measures{
        {u"first page"_s, [&](QObject *c, auto done) { byKey.fetchFirst(c, done); },
         u"SELECT * FROM bench_browse ORDER BY id LIMIT 500"_s},
        {u"last page"_s, [&](QObject *c, auto done) { byKey.fetchLast(c, done); },
         u"SELECT * FROM bench_browse ORDER BY id LIMIT 500 OFFSET 9999500"_s},
        {u"jump to 50 %"_s, [&](QObject *c, auto done) { byKey.fetchAtFraction(0.5, c, done); },
         u"SELECT * FROM bench_browse ORDER BY id LIMIT 500 OFFSET 5000000"_s},
        {u"jump to 90 %"_s, [&](QObject *c, auto done) { byKey.fetchAtFraction(0.9, c, done); },
         u"SELECT * FROM bench_browse ORDER BY id LIMIT 500 OFFSET 9000000"_s},
        {u"1,000th page by time"_s,
         [&](QObject *c, auto done) { byTime.fetchAfter(timeKey, c, done); },
         u"SELECT * FROM bench_browse ORDER BY at, id LIMIT 500 OFFSET 499500"_s},
        {u"filtered first page"_s, [&](QObject *c, auto done) { filtered.fetchFirst(c, done); },
         u"SELECT * FROM bench_browse WHERE note LIKE 'note 4%' ORDER BY id LIMIT 500"_s},
    };
    std::printf("bench_browse: %lld rows, pages of %d; median of %d runs each\n", kRows, kPageSize,
                kRepeats);
    std::printf("%-22s %10s %10s %8s %12s\n", "measure", "mizzle ms", "psql ms", "ratio",
                "OFFSET ms");
    for (const Measure &measure : measures) {
        TableReader *reader = measure.name.startsWith(u"1,000th")    ? &byTime
                              : measure.name.startsWith(u"filtered") ? &filtered
                                                                     : &byKey;
        std::vector<double> times;
        for (int i = 0; i < kRepeats; ++i) {
            QElapsedTimer clock;
            clock.start();
            const auto page =
                wait<TableReader::Page>([&](auto done) { measure.fetch(&pool, done); });
            times.push_back(double(clock.nsecsElapsed()) / 1e6);
            if (!page || page->rows.rowCount() == 0) {
                std::fprintf(stderr, "%s failed\n", qPrintable(measure.name));
                return 1;
            }
        }
        // The page's own statements as the reader last sent them, bound with the same values: a
        // jump is two, the statistics' lookup and then the page.
        const QStringList &sent = reader->statementsSent();
        QList<Bound> statements;
        if (measure.name.startsWith(u"1,000th")) {
            statements = {{sent.last(), {timeKey.values.at(0), timeKey.values.at(1)}}};
        } else if (measure.name.startsWith(u"filtered")) {
            statements = {{sent.last(), {u"note 4%"_s}}};
        } else if (measure.name.startsWith(u"jump")) {
            const auto located =
                wait<TableReader::Page>([&](auto done) { measure.fetch(&pool, done); });
            statements = {{sent.at(sent.size() - 2), {u"public"_s, u"bench_browse"_s, u"id"_s}},
                          {sent.last(), {located->firstKey.values.first()}}};
        } else {
            statements = {{sent.last(), {}}};
        }
        const double mizzle = median(times);
        const double psql = psqlMedianMs(psqlScript(statements), int(statements.size()));
        const double offset = psqlMedianMs(psqlScript({{measure.offsetSql, {}}}), 1);
        const bool met = mizzle <= 1.5 * psql && mizzle < 100;
        std::printf("%-22s %10.2f %10.2f %7.2fx %12.2f\n", qPrintable(measure.name), mizzle, psql,
                    psql > 0 ? mizzle / psql : 0.0, offset);
        std::printf("goal: %s within 1.5x psql's same query and under 100 ms: %s\n",
                    qPrintable(measure.name), met ? "met" : "not met");
    }

    // The scrollbar dragged from top to bottom in 200 steps, each a jump the window takes in.
    RowWindow window(kPageSize, 8);
    window.setEstimate(kRows);
    const long before = peakRssKb();
    qint64 mostHeld = 0;
    for (int step = 0; step <= 200; ++step) {
        const qint64 first = (kRows - 50) * step / 200;
        const RowWindow::Need need = window.need(first, first + 40);
        if (need.kind == RowWindow::Need::Kind::Nothing)
            continue;
        const auto page = wait<TableReader::Page>([&](auto done) {
            switch (need.kind) {
            case RowWindow::Need::Kind::First:
                byKey.fetchFirst(&pool, done);
                break;
            case RowWindow::Need::Kind::Last:
                byKey.fetchLast(&pool, done);
                break;
            case RowWindow::Need::Kind::After:
                byKey.fetchAfter(need.key, &pool, done);
                break;
            case RowWindow::Need::Kind::Before:
                byKey.fetchBefore(need.key, &pool, done);
                break;
            default:
                byKey.fetchAtFraction(need.fraction, &pool, done);
                break;
            }
        });
        if (page) {
            window.accept(need, std::move(page).value());
            window.trim(first, first + 40);
        }
        mostHeld = std::max(mostHeld, window.held());
    }
    const long grownKb = peakRssKb() - before;
    const bool flat = mostHeld <= 8 * kPageSize && grownKb < 32 * 1024;
    std::printf("drag end to end: at most %lld rows held, peak memory grew %.1f MB\n", mostHeld,
                double(grownKb) / 1024.0);
    std::printf("goal: memory stays flat while the scrollbar is dragged end to end: %s\n",
                flat ? "met" : "not met");
    for (const QString &sql : byKey.statementsSent()) {
        if (sql.contains(u"OFFSET"_s, Qt::CaseInsensitive)) {
            std::printf("goal: no page uses OFFSET: not met\n");
            return 0;
        }
    }
    std::printf("goal: no page uses OFFSET: met\n");
    return 0;
}
