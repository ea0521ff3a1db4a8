// The schema tree of a large database: 10,000 tables (each with a primary key and a TOAST
// table) in a scratch schema, with a few sequences and types beside them. Timed: the catalog
// snapshot, as the window loads it (without sizes) on a new pool, connecting included; handing
// it to the tree and drawing it; the sizes that follow, into the tree; and one keystroke in the
// tree's filter box until the tree is drawn again. The reference is psql -X running the
// snapshot's own statements against the same server in the same run (and, for the sizes, their
// own statement). The goals: the load and the first drawing within 1 s, a filter keystroke
// within 100 ms.
#include "browse/schema_browser.h"
#include "catalog/catalog.h"
#include "catalog/catalog_snapshot.h"
#include "connection/connection_parameters.h"
#include "connection/connection_pool.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryFile>
#include <QTreeView>
#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

constexpr int tableCount = 10'000;
constexpr int batch = 250; // tables a transaction creates: each holds a lock until it commits
constexpr int rounds = 5;
const QString schema = u"bench_schema_tree"_s;

ConnectionParameters parameters()
{
    ConnectionParameters parameters;
    parameters.set(u"host"_s, qEnvironmentVariable("MIZZLE_TEST_PGHOST"));
    parameters.set(u"dbname"_s, u"mizzle_test"_s);
    return parameters;
}

std::optional<Result<QueryResult>> run(ConnectionPool &pool, const QString &sql)
{
    std::optional<Result<QueryResult>> outcome;
    QEventLoop loop;
    pool.execute(&loop, sql, {}, [&](Result<QueryResult> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    loop.exec();
    return outcome;
}

bool ok(const std::optional<Result<QueryResult>> &outcome)
{
    if (outcome && outcome->ok())
        return true;
    std::fprintf(stderr, "bench_schema_tree: %s\n",
                 outcome ? qPrintable(outcome->error().toString()) : "no answer");
    return false;
}

// The scratch schema is kept between runs: creating 10,000 tables takes longer than the rest.
bool createTables(ConnectionPool &pool)
{
    const auto counted =
        run(pool, u"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                  u"c.relnamespace WHERE n.nspname = '%1' AND c.relkind = 'r'"_s.arg(schema));
    if (!ok(counted))
        return false;
    if (counted->value().text(0, 0).toInt() == tableCount)
        return true;
    std::printf("  creating %d tables in %s…\n", tableCount, qPrintable(schema));
    if (!ok(run(pool, u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schema))) ||
        !ok(run(pool, u"CREATE SCHEMA %1"_s.arg(schema))))
        return false;
    for (int first = 1; first <= tableCount; first += batch) {
        const QString sql =
            u"DO $$ BEGIN FOR i IN %1..%2 LOOP EXECUTE format('CREATE TABLE %3.table_%s "
            u"(id bigint PRIMARY KEY, label text, at timestamptz)', lpad(i::text, 5, '0')); "
            u"END LOOP; END $$"_s.arg(first)
                .arg(first + batch - 1)
                .arg(schema);
        if (!ok(run(pool, sql)))
            return false;
    }
    return ok(run(pool, u"DO $$ BEGIN FOR i IN 1..20 LOOP "
                        u"EXECUTE format('CREATE SEQUENCE %1.sequence_%s', i); "
                        u"EXECUTE format('CREATE TYPE %1.kind_%s AS ENUM (''a'', ''b'')', i); "
                        u"END LOOP; END $$"_s.arg(schema)));
}

// psql, from its start to its exit, running every statement of the snapshot.
qint64 psqlMs(const QString &statements)
{
    QTemporaryFile script;
    if (!script.open())
        return -1;
    script.write(statements.toUtf8());
    script.close();
    QProcess psql;
    psql.setStandardOutputFile(QProcess::nullDevice());
    const ConnectionParameters connection = parameters();
    QElapsedTimer clock;
    clock.start();
    psql.start(
        u"psql"_s,
        {u"-X"_s, u"-At"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s, script.fileName(), u"-d"_s,
         u"host=%1 dbname=%2"_s.arg(connection.value(u"host"_s), connection.value(u"dbname"_s))});
    psql.waitForFinished(-1);
    return psql.exitStatus() == QProcess::NormalExit && psql.exitCode() == 0 ? clock.elapsed() : -1;
}

// A snapshot through a pool of its own, so that each round opens its connection as the
// window's first one does.
std::optional<CatalogSnapshot> loadSnapshot(Catalog &catalog, double &elapsedMs)
{
    std::optional<CatalogSnapshot> snapshot;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    catalog.loadSnapshot(&loop, SnapshotSizes::Later, [&](Result<CatalogSnapshot> loaded) {
        elapsedMs = double(clock.nsecsElapsed()) / 1e6;
        if (loaded.ok())
            snapshot = std::move(loaded).value();
        else
            std::fprintf(stderr, "bench_schema_tree: %s\n", qPrintable(loaded.error().toString()));
        loop.quit();
    });
    loop.exec();
    return snapshot;
}

std::optional<RelationSizes> loadSizes(Catalog &catalog)
{
    std::optional<RelationSizes> sizes;
    QEventLoop loop;
    catalog.loadRelationSizes(&loop, [&](Result<RelationSizes> loaded) {
        if (loaded.ok())
            sizes = std::move(loaded).value();
        else
            std::fprintf(stderr, "bench_schema_tree: %s\n", qPrintable(loaded.error().toString()));
        loop.quit();
    });
    loop.exec();
    return sizes;
}

// Until the tree has laid out and painted what changed: the view lays out lazily, on paint.
void draw(SchemaBrowser &browser)
{
    QCoreApplication::processEvents();
    browser.view()->viewport()->repaint();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    {
        ConnectionPool pool(parameters(), PoolSettings{});
        if (!createTables(pool)) {
            std::fprintf(stderr, "bench_schema_tree: no tables (is MIZZLE_TEST_PGHOST set?)\n");
            return 1;
        }
    }
    const QString statements =
        catalogSnapshotStatements(SnapshotSizes::Later).join(u";\n"_s) + u";\n"_s;
    const QString sizesStatement = relationSizesStatement() + u";\n"_s;

    SchemaBrowser browser;
    browser.resize(400, 900);
    browser.show();
    std::vector<double> psql, psqlSizes, load, show, sizes, keystrokes;
    qsizetype relations = 0;
    for (int round = 0; round < rounds; ++round) {
        const qint64 reference = psqlMs(statements);
        const qint64 sizesReference = psqlMs(sizesStatement);
        ConnectionPool pool(parameters(), PoolSettings{});
        Catalog catalog(&pool);
        double loadMs = 0;
        const std::optional<CatalogSnapshot> snapshot = loadSnapshot(catalog, loadMs);
        if (reference < 0 || sizesReference < 0 || !snapshot) {
            std::fprintf(stderr, "bench_schema_tree: a run failed\n");
            return 1;
        }
        relations = snapshot->relations.size();
        psql.push_back(double(reference));
        psqlSizes.push_back(double(sizesReference));
        load.push_back(loadMs);

        browser.filterEdit()->clear();
        QElapsedTimer clock;
        clock.start();
        browser.setSnapshot(*snapshot);
        draw(browser);
        show.push_back(double(clock.nsecsElapsed()) / 1e6);

        // On the same connection, as the window asks right after showing the tree.
        clock.start();
        const std::optional<RelationSizes> loaded = loadSizes(catalog);
        if (!loaded)
            return 1;
        browser.setSizes(*loaded);
        draw(browser);
        sizes.push_back(double(clock.nsecsElapsed()) / 1e6);

        // Typing narrows step by step (every table, a tenth, a hundredth, one), then backspace
        // widens again, the costlier way: rows come back.
        for (const QString &typed : {u"t"_s, u"table_1"_s, u"table_12"_s, u"table_1234"_s}) {
            clock.start();
            browser.filterEdit()->setText(typed);
            draw(browser);
            keystrokes.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        for (int erase = 0; erase < 3; ++erase) {
            clock.start();
            browser.filterEdit()->backspace();
            draw(browser);
            keystrokes.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
    }

    const double reference = median(psql);
    const double sizesReference = median(psqlSizes);
    const double loadMs = median(load);
    const double showMs = median(show);
    const double sizesMs = median(sizes);
    const double typeMs = median(keystrokes);
    const double worstKey = *std::max_element(keystrokes.begin(), keystrokes.end());
    std::printf("bench_schema_tree: %lld relations listed (%d tables in %s), median of %d rounds\n",
                static_cast<long long>(relations), tableCount, qPrintable(schema), rounds);
    std::printf("  reference: psql -X running the snapshot's statements: %.0f ms; the sizes' "
                "statement: %.0f ms\n",
                reference, sizesReference);
    std::printf("  load snapshot (new pool)  %7.1f ms  (%5.2fx psql)\n", loadMs,
                loadMs / reference);
    std::printf("  setSnapshot and draw      %7.1f ms  (%5.2fx psql)\n", showMs,
                showMs / reference);
    std::printf("  then sizes, into the tree %7.1f ms  (%5.2fx psql running their statement)\n",
                sizesMs, sizesMs / sizesReference);
    std::printf("  filter keystroke          %7.1f ms  (%5.2fx psql), worst %.1f ms (%5.2fx)\n",
                typeMs, typeMs / reference, worstKey, worstKey / reference);
    const bool shownInTime = loadMs + showMs <= 1000;
    const bool typedInTime = worstKey <= 100;
    std::printf("  goal: load and show 10,000 tables within 1 s: %s (%.0f ms)\n",
                shownInTime ? "met" : "not met", loadMs + showMs);
    std::printf("  goal: a filter keystroke within 100 ms: %s (worst %.1f ms)\n",
                typedInTime ? "met" : "not met", worstKey);
    return shownInTime && typedInTime ? 0 : 1;
}
