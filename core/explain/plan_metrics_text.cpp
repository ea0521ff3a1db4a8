#include "explain/plan_metrics_text.h"

#include "explain/plan_tree.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

const QString missing = u"-"_s;

QString fixed(std::optional<double> value, int decimals)
{
    return value ? QString::number(*value + 0.0, 'f', decimals) : missing;
}

// Row counts are whole numbers except for PostgreSQL 18's per-loop averages ("0.50").
QString count(std::optional<double> value)
{
    return value ? QString::number(*value + 0.0, 'g', QLocale::FloatingPointShortest) : missing;
}

QString estimate(const NodeMetrics &metrics)
{
    if (!metrics.estimateFactor || !metrics.estimateDirection)
        return missing;
    const QString factor = fixed(metrics.estimateFactor, 2);
    switch (*metrics.estimateDirection) {
    case EstimateDirection::Under:
        return u"under "_s + factor;
    case EstimateDirection::Over:
        return u"over "_s + factor;
    case EstimateDirection::None:
        break;
    }
    return factor;
}

// As EXPLAIN (BUFFERS) prints them, zero counts left out.
QString buffers(const std::optional<PlanBuffers> &buffers)
{
    if (!buffers)
        return missing;
    const auto group = [](const QString &name,
                          std::initializer_list<std::pair<const char *, qint64>> counts) {
        QString text;
        for (const auto &[label, value] : counts) {
            if (value != 0)
                text += u' ' + QLatin1StringView(label) + u'=' + QString::number(value);
        }
        return text.isEmpty() ? QString() : name + text;
    };
    QStringList groups{
        group(u"shared"_s, {{"hit", buffers->sharedHit},
                            {"read", buffers->sharedRead},
                            {"dirtied", buffers->sharedDirtied},
                            {"written", buffers->sharedWritten}}),
        group(u"local"_s, {{"hit", buffers->localHit},
                           {"read", buffers->localRead},
                           {"dirtied", buffers->localDirtied},
                           {"written", buffers->localWritten}}),
        group(u"temp"_s, {{"read", buffers->tempRead}, {"written", buffers->tempWritten}}),
    };
    groups.removeAll(QString());
    return groups.isEmpty() ? u"0"_s : groups.join(u", "_s);
}

// As quote_identifier() would print a name, so that "order lines" reads as one name.
QString quoted(const QString &name)
{
    static const QRegularExpression plain(u"^[a-z_][a-z0-9_$]*$"_s);
    if (plain.match(name).hasMatch())
        return name;
    return u'"' + QString(name).replace(u"\""_s, u"\"\""_s) + u'"';
}

QString label(const PlanNode &node, const NodeMetrics &metrics)
{
    QString text = QString(metrics.depth * 2, u' ');
    if (!node.subplanName.isEmpty())
        text += node.subplanName + u": "_s;
    if (node.parallelAware.value_or(false))
        text += u"Parallel "_s;
    text += node.nodeType;
    if (!node.indexName.isEmpty())
        text += u" using "_s + quoted(node.indexName);
    // What the node reads, as EXPLAIN names it: a table, a function, a CTE or a tuplestore.
    QString target = node.relationName;
    for (const QString *other : {&node.functionName, &node.cteName, &node.tuplestoreName}) {
        if (target.isEmpty())
            target = *other;
    }
    if (!target.isEmpty()) {
        text += u" on "_s + quoted(target);
        if (!node.alias.isEmpty() && node.alias != target)
            text += u' ' + quoted(node.alias);
    }
    if (metrics.neverExecuted.value_or(false))
        text += u" (never executed)"_s;
    return text;
}

QString band(const char *name, std::optional<double> ms)
{
    return ms ? QLatin1StringView(name) + u' ' + fixed(ms, 3) + u" ms"_s : QString();
}

} // namespace

QString planToMetricsText(const Plan &plan, const PlanMetrics &metrics)
{
    QString text;
    QStringList bands{band("Planning", metrics.planningMs), band("Execution", metrics.executionMs),
                      band("Triggers", metrics.triggersMs), band("JIT", metrics.jitMs),
                      band("Serialization", metrics.serializationMs)};
    bands.removeAll(QString());
    if (!bands.isEmpty())
        text += bands.join(u", "_s) + u"\n\n"_s;

    constexpr size_t columns = 11;
    std::vector<std::array<QString, columns>> rows;
    rows.push_back({u"id"_s, u"parent"_s, u"exclusive ms"_s, u"inclusive ms"_s, u"rows"_s,
                    u"plan rows"_s, u"loops"_s, u"estimate"_s, u"cost"_s, u"buffers"_s, u"node"_s});
    const std::vector<FlatPlanNode> nodes = flattenPlan(plan.root);
    for (size_t id = 0; id < nodes.size() && id < metrics.nodes.size(); ++id) {
        const PlanNode &node = *nodes[id].node;
        const NodeMetrics &derived = metrics.nodes[id];
        const QString cost = node.startupCost && node.totalCost
                                 ? fixed(node.startupCost, 2) + u".."_s + fixed(node.totalCost, 2)
                                 : missing;
        rows.push_back({QString::number(derived.id),
                        derived.parent >= 0 ? QString::number(derived.parent) : missing,
                        fixed(derived.exclusiveMs, 3), fixed(derived.inclusiveMs, 3),
                        count(node.actualRows), count(node.planRows), count(node.actualLoops),
                        estimate(derived), cost, buffers(derived.exclusiveBuffers),
                        label(node, derived)});
    }
    std::array<qsizetype, columns> widths{};
    for (const auto &row : rows) {
        for (size_t column = 0; column < columns; ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    for (const auto &row : rows) {
        QString line;
        for (size_t column = 0; column < columns; ++column) {
            if (column > 0)
                line += u"  "_s;
            // Figures line up on the right; the text columns and the tree read from the left.
            const bool leftAligned = column >= 7;
            line += leftAligned ? row[column].leftJustified(widths[column])
                                : row[column].rightJustified(widths[column]);
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }

    const PlanInvariant &invariant = metrics.invariant;
    text += u'\n';
    if (!invariant.ok) {
        text += u"Invariant: not checked, the plan has no ANALYZE timing.\n"_s;
    } else {
        text += u"Invariant: %1: exclusive times add up to %2 ms, the root's inclusive time is "
                "%3 ms, unattributed (rounding) %4 ms.\n"_s.arg(
                    *invariant.ok ? u"ok"_s : u"FAILED"_s, fixed(invariant.sumExclusiveMs, 3),
                    fixed(invariant.rootInclusiveMs, 3), fixed(invariant.unattributedMs, 3));
    }
    return text;
}

} // namespace mizzle::explain
