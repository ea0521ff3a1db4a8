// SQL completion on a large schema: 1,000 tables x 20 columns in 10 schemas, plus 3,000 function
// names, completed in several contexts. The goal is an answer within 50 ms. The reference is a
// naive scan in the same process: every name in the catalog tested with QString::startsWith.
#include "completion/completion_catalog.h"
#include "completion/sql_completion.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

constexpr int rounds = 200;

struct Context
{
    const char *label;
    QString text; // the cursor is at "|"
};

struct Timing
{
    double medianMs = 0;
    double worstMs = 0;
};

QStringList allNames;
volatile qsizetype sink = 0; // keeps the timed work from being optimised away

void fillCatalog(CompletionCatalog &catalog)
{
    QStringList schemas{u"public"_s};
    for (int s = 1; s < 10; ++s)
        schemas.append(u"schema_%1"_s.arg(s));
    QList<CompletionTable> tables;
    for (int t = 0; t < 1000; ++t) {
        CompletionTable table{schemas.at(t % 10), u"table_%1"_s.arg(t, 4, 10, QChar(u'0'))};
        table.columns = {u"id"_s, u"created_at"_s, u"updated_at"_s};
        for (int c = table.columns.size(); c < 20; ++c)
            table.columns.append(u"field_%1_%2"_s.arg(c).arg(t));
        for (int c = 0; c < 20; ++c)
            table.columnTypes.append(c == 0 ? u"bigint"_s : u"text"_s);
        tables.append(table);
    }
    QList<CompletionFunction> functions;
    for (int f = 0; f < 3000; ++f)
        functions.append({f % 3 ? u"pg_catalog"_s : u"public"_s, u"function_%1"_s.arg(f)});
    for (const QString &schema : std::as_const(schemas))
        allNames.append(schema);
    for (const CompletionTable &table : std::as_const(tables))
        allNames += QStringList{table.name} + table.columns;
    for (const CompletionFunction &function : std::as_const(functions))
        allNames.append(function.name);
    catalog.setContents(schemas, tables, functions);
}

template <typename Work> Timing time(Work work)
{
    for (int warmUp = 0; warmUp < 10; ++warmUp)
        work();
    std::vector<double> samples;
    samples.reserve(rounds);
    QElapsedTimer clock;
    for (int round = 0; round < rounds; ++round) {
        clock.start();
        work();
        samples.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.back()};
}

// The reference: one pass over every name, matching a prefix case-insensitively.
void naiveScan()
{
    qsizetype matches = 0;
    for (const QString &name : std::as_const(allNames))
        matches += name.startsWith(u"fi", Qt::CaseInsensitive) ? 1 : 0;
    sink = sink + matches;
}

QString longScript()
{
    QString script;
    for (int i = 0; i < 500; ++i)
        script +=
            u"SELECT id, created_at FROM table_%1 WHERE updated_at > now() - interval '1 day';\n"_s
                .arg(i, 4, 10, QChar(u'0'));
    return script + u"SELECT t.| FROM table_0042 t"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    CompletionCatalog catalog(nullptr);
    fillCatalog(catalog);

    const QList<Context> contexts = {
        {"keyword at statement start", u"SEL|"_s},
        {"FROM, prefix", u"SELECT * FROM table_05|"_s},
        {"FROM, empty prefix", u"SELECT * FROM |"_s},
        {"schema.", u"SELECT * FROM schema_3.|"_s},
        {"alias.", u"SELECT b.| FROM table_0001 a JOIN schema_2.table_0002 AS b ON a.id = b.id"_s},
        {"SELECT list, empty prefix",
         u"SELECT | FROM table_0001 a JOIN schema_2.table_0002 b ON a.id = b.id"_s},
        {"WHERE, prefix", u"SELECT * FROM table_0001 a, table_0010 b WHERE a.id = b.id AND fi|"_s},
        {"alias. after 500 statements", longScript()},
    };

    const Timing reference = time(naiveScan);
    std::printf("bench_completion: %lld names (1,000 tables x 20 columns, 3,000 functions), "
                "%d rounds each\n",
                static_cast<long long>(allNames.size()), rounds);
    std::printf("  reference: naive startsWith scan over every name: median %.3f ms\n",
                reference.medianMs);
    double worstOverall = 0;
    for (const Context &context : contexts) {
        QString text = context.text;
        const auto cursor = static_cast<int>(text.indexOf(u'|'));
        text.remove(cursor, 1);
        qsizetype items = 0;
        const Timing timing = time([&] {
            items = complete(catalog, text, cursor).items.size();
            sink = sink + items;
        });
        worstOverall = std::max(worstOverall, timing.worstMs);
        std::printf("  %-30s %3lld items  median %7.3f ms (%6.2fx reference)  worst %7.3f ms "
                    "(%6.2fx)\n",
                    context.label, static_cast<long long>(items), timing.medianMs,
                    timing.medianMs / reference.medianMs, timing.worstMs,
                    timing.worstMs / reference.medianMs);
    }
    std::printf("  goal: every completion within 50 ms: %s (worst %.3f ms)\n",
                worstOverall <= 50 ? "met" : "MISSED", worstOverall);
    return worstOverall <= 50 ? 0 : 1;
}
