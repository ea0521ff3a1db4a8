// Cost of a large plan on its way to the Graph page: parsing the JSON, deriving the metrics and
// laying out the cards, for an Append over 2,000 and 10,000 partitions and deep join chains of
// the same sizes; and, apart from the total, tying every scan's Filter to the statement's text.
// Each time is printed as a ratio to QJsonDocument::fromJson of the same bytes in the same run,
// with the absolute time against the goal (100 ms for 2,000 nodes, 1 s for 10,000), and the peak
// resident memory at the end. Then the whole plan tab, as a user meets it: opening the plan (every
// page filled: table, graph, flame, details) and selecting its last node, which every page follows,
// each with its goal (1 s to open, 100 ms to select).
#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "explain/plan_sql_links.h"
#include "explain/plan_tree.h"
#include "plan/graph/plan_graph_layout.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"
#include "process_memory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTreeView>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace mizzle;

namespace {

QByteArray node(const QByteArray &type, const QByteArray &relationship, int i,
                const QByteArray &children = {})
{
    QByteArray json = "{\"Node Type\": \"" + type + "\"";
    if (!relationship.isEmpty())
        json += ", \"Parent Relationship\": \"" + relationship + "\"";
    if (type == "Seq Scan")
        json += ", \"Relation Name\": \"part_" + QByteArray::number(i) + "\", \"Alias\": \"part_" +
                QByteArray::number(i) + "\", \"Filter\": \"(part_" + QByteArray::number(i) +
                ".x = 1)\"";
    json += ", \"Startup Cost\": 0.00, \"Total Cost\": " + QByteArray::number(i + 10) +
            ".00, \"Plan Rows\": " + QByteArray::number(100 + i % 1000) +
            ", \"Plan Width\": 8, \"Actual Startup Time\": 0.010, \"Actual Total Time\": " +
            QByteArray::number(0.5 + (i % 7) * 0.1, 'f', 3) +
            ", \"Actual Rows\": " + QByteArray::number(90 + i % 500) + ", \"Actual Loops\": 1";
    if (!children.isEmpty())
        json += ", \"Plans\": [" + children + "]";
    return json + "}";
}

QByteArray wrap(const QByteArray &root)
{
    return "[{\"Plan\": " + root + ", \"Planning Time\": 1.0, \"Execution Time\": 100.0}]";
}

QByteArray appendPlan(int nodes)
{
    QByteArray children;
    for (int i = 1; i < nodes; ++i)
        children += (i > 1 ? "," : "") + node("Seq Scan", "Member", i);
    return wrap(node("Append", {}, 0, children));
}

// Left-deep chains of Hash Joins, each join's outer child the next join and its inner a scan,
// under an Append. One chain cannot hold them all: QJsonDocument refuses nesting deeper than
// 1,024, and each join nests two levels, so a chain stops at 400 joins.
QByteArray joinPlan(int nodes)
{
    QByteArray chains;
    int left = nodes - 1;
    int scan = 0;
    while (left > 0) {
        const int joins = std::min(400, (left - 1) / 2);
        QByteArray tree = node("Seq Scan", "Outer", scan++);
        for (int j = 0; j < joins; ++j) {
            const QByteArray inner = node("Seq Scan", "Inner", scan++);
            tree =
                node("Hash Join", j + 1 == joins ? "Member" : "Outer", scan++, tree + "," + inner);
        }
        if (joins == 0)
            tree = node("Seq Scan", "Member", scan);
        chains += (chains.isEmpty() ? "" : ",") + tree;
        left -= 2 * joins + 1;
    }
    return wrap(node("Append", {}, 0, chains));
}

double timeMs(const std::function<void()> &work)
{
    // The best of three: the figure of interest is the work, not the scheduler.
    double best = 1e18;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

bool bench(const char *name, const QByteArray &json, int expectedNodes)
{
    const double reference = timeMs([&] { (void)QJsonDocument::fromJson(json); });
    explain::Plan plan;
    const double parse = timeMs([&] {
        auto parsed = explain::parseJsonPlan(json);
        if (parsed)
            plan = std::move(parsed).value();
    });
    if (int(explain::flattenPlan(plan.root).size()) != expectedNodes) {
        std::printf("%s: expected %d nodes\n", name, expectedNodes);
        return false;
    }
    explain::PlanMetrics metrics;
    const double derive = timeMs([&] { metrics = explain::derivePlanMetrics(plan); });
    PlanGraphLayout layout;
    const double place = timeMs([&] { layout = layoutPlanGraph(explain::flattenPlan(plan.root)); });
    // Every scan's Filter tied back to the one condition of the statement (PlanSqlLinks).
    explain::PlanSqlLinks links;
    const auto flat = explain::flattenPlan(plan.root);
    const double link = timeMs([&] {
        links =
            explain::PlanSqlLinks::link(flat, QStringLiteral("SELECT * FROM parts WHERE x = 1"));
    });
    if (links.isEmpty()) {
        std::printf("%s: no scan was tied to the statement's condition\n", name);
        return false;
    }
    const double total = parse + derive + place;
    const double goal = expectedNodes < 5000 ? 100 : 1000; // 2,000 nodes and the root
    std::printf("%-14s %6d nodes, %8.1f kB JSON: fromJson %7.2f ms | parse %5.2fx  derive %5.2fx  "
                "layout %5.2fx  link %5.2fx | total %7.2f ms (goal < %.0f ms: %s), %zu cards\n",
                name, expectedNodes, json.size() / 1024.0, reference, parse / reference,
                derive / reference, place / reference, link / reference, total, goal,
                total < goal ? "met" : "MISSED", layout.cards.size());
    return total < goal;
}

// Opening and selecting in a PlanTab, as PlanTab::showPlanText does for a plan from a file.
bool benchTab(const char *name, const QByteArray &json, int expectedNodes)
{
    const double reference = timeMs([&] { (void)QJsonDocument::fromJson(json); });
    PlanTab tab(nullptr, {}, false);
    tab.resize(1400, 900);
    tab.show();
    const double open = timeMs([&] {
        tab.showPlanText(json, QStringLiteral("bench"));
        QCoreApplication::processEvents(); // the first paint of the page
    });
    if (tab.model()->nodeCount() != expectedNodes) {
        std::printf("%s tab: expected %d nodes\n", name, expectedNodes);
        return false;
    }
    int next = expectedNodes - 1;
    const double select = timeMs([&] {
        tab.view()->setCurrentIndex(tab.model()->indexOfNode(next--));
        QCoreApplication::processEvents();
    });
    const bool met = open < 1000 && select < 100;
    std::printf("%-14s %6d nodes in a plan tab: open %5.2fx fromJson (%7.1f ms, goal < 1000), "
                "select %5.2fx (%6.1f ms, goal < 100): %s\n",
                name, expectedNodes, open / reference, open, select / reference, select,
                met ? "met" : "MISSED");
    return met;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    bool met = true;
    for (const int size : {2001, 10001}) {
        met &= bench("append", appendPlan(size), size);
        met &= bench("deep join", joinPlan(size), size);
    }
    for (const int size : {2001, 10001}) {
        met &= benchTab("append", appendPlan(size), size);
        met &= benchTab("deep join", joinPlan(size), size);
    }
    std::printf("peak RSS %lld kB\n", static_cast<long long>(test::peakResidentKiB()));
    return met ? 0 : 1;
}
