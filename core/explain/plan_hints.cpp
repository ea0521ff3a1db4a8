#include "explain/plan_hints.h"

#include "explain/plan_predicates.h"
#include "explain/plan_tree.h"
#include "sql/sql_token_scanner.h"

#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

constexpr double mostRowsRemoved = 0.5;    // the share of rows a filter must discard
constexpr double fewestRowsRemoved = 1000; // below this a scan is cheap enough as it is
constexpr double misestimateFactor = 10;   // the estimate is off by this much, and jumps by it
constexpr double heapFetchShare = 0.1;

struct Context
{
    const Plan &plan;
    const PlanMetrics &metrics;
    std::vector<FlatPlanNode> nodes;
    std::vector<PlanHint> hints;
};

QString tableName(const PlanNode &node)
{
    const QString table = quoteIdentifierIfNeeded(node.relationName);
    return node.schema.isEmpty() ? table : quoteIdentifierIfNeeded(node.schema) + u'.' + table;
}

QString percent(double share)
{
    return QLocale().toString(share * 100, 'f', 0) + u'%';
}

QString count(double value)
{
    return QLocale().toString(value, 'f', 0);
}

// work_mem's value as SHOW prints it ("4MB", "64kB", "1GB"), in kB; PostgreSQL's default
// otherwise.
qint64 currentWorkMemKb(const Plan &plan)
{
    for (const auto &[name, value] : plan.settings) {
        if (name != u"work_mem"_s)
            continue;
        static const QRegularExpression pattern(u"^(\\d+)\\s*(kB|MB|GB|TB)?$"_s);
        const QRegularExpressionMatch match = pattern.match(value.trimmed());
        if (!match.hasMatch())
            break;
        const QString unit = match.captured(2);
        const qint64 scale = unit == u"MB"_s   ? 1024
                             : unit == u"GB"_s ? 1024 * 1024
                             : unit == u"TB"_s ? 1024LL * 1024 * 1024
                                               : 1;
        return match.captured(1).toLongLong() * scale;
    }
    return 4 * 1024;
}

// A round figure of at least `kb`, in MB: what a SET statement should ask for.
QString workMemFor(qint64 kb)
{
    qint64 mb = 4;
    while (mb * 1024 < kb)
        mb *= 2;
    return u"SET work_mem = '%1MB';"_s.arg(mb);
}

void indexHint(Context &context, int id)
{
    const PlanNode &node = *context.nodes[size_t(id)].node;
    const NodeMetrics &metrics = context.metrics.nodes[size_t(id)];
    if (node.nodeType != u"Seq Scan"_s || node.relationName.isEmpty() || !metrics.exclusiveMs ||
        !metrics.filterRemovedShare || *metrics.filterRemovedShare < mostRowsRemoved)
        return;
    const double removed = node.rowsRemovedByFilter.value_or(0) * node.actualLoops.value_or(1);
    const auto predicates = predicatesOf(node.filter);
    if (removed < fewestRowsRemoved || !predicates)
        return;
    QStringList equal, range, jsonContains, jsonKey, conditions;
    for (const PlanPredicate &predicate : *predicates) {
        const QString column = quoteIdentifierIfNeeded(predicate.column);
        switch (predicate.kind) {
        case PlanPredicate::Kind::Equality:
            equal.append(column);
            break;
        case PlanPredicate::Kind::Range:
            range.append(column);
            break;
        case PlanPredicate::Kind::JsonContains:
            jsonContains.append(column);
            break;
        case PlanPredicate::Kind::JsonKey:
            jsonKey.append(column);
            break;
        case PlanPredicate::Kind::NullTest:
        case PlanPredicate::Kind::BooleanTest:
            conditions.append(predicate.condition);
            break;
        case PlanPredicate::Kind::Other:
            break;
        }
    }
    equal.removeDuplicates();
    PlanHint hint{PlanHint::Kind::Index, id, *metrics.exclusiveMs * *metrics.filterRemovedShare};
    hint.title = u"Sequential scan on %1 discards %2 of the rows it reads"_s.arg(
        tableName(node), percent(*metrics.filterRemovedShare));
    hint.detail = u"The filter %1 removed %2 rows."_s.arg(node.filter, count(removed));
    const QString table = tableName(node);
    if (equal.isEmpty() && range.isEmpty() && !(jsonContains + jsonKey).isEmpty()) {
        // jsonb_path_ops is smaller and faster, but serves containment only.
        const QString column = (jsonContains + jsonKey).first();
        const bool containmentOnly = jsonKey.isEmpty();
        hint.sql = u"CREATE INDEX CONCURRENTLY ON %1 USING gin (%2%3);"_s.arg(
            table, column, containmentOnly ? u" jsonb_path_ops"_s : QString());
        hint.detail += u" A GIN index serves jsonb's %1 operators."_s.arg(
            containmentOnly ? u"containment (@>)"_s : u"key (?, ?|, ?&)"_s);
    } else {
        QStringList keys = equal;
        if (!range.isEmpty())
            keys.append(range.first()); // an index serves one range column, after the equalities
        if (keys.isEmpty() && !conditions.isEmpty())
            keys.append(quoteIdentifierIfNeeded(predicates->first().column));
        if (keys.isEmpty())
            return;
        hint.sql = u"CREATE INDEX CONCURRENTLY ON %1 (%2)"_s.arg(table, keys.join(u", "_s));
        if (!conditions.isEmpty()) {
            hint.sql += u" WHERE "_s + conditions.join(u" AND "_s);
            hint.detail +=
                u" A partial index holds only the rows where %1, so it stays small."_s.arg(
                    conditions.join(u" AND "_s));
        }
        hint.sql += u';';
        if (equal.size() > 1)
            hint.detail += u" Equality columns come first, the most selective leading; a range "
                           "column goes last."_s;
    }
    context.hints.push_back(hint);
}

void workMemHints(Context &context, int id)
{
    const PlanNode &node = *context.nodes[size_t(id)].node;
    const NodeMetrics &metrics = context.metrics.nodes[size_t(id)];
    const double ms = metrics.exclusiveMs.value_or(0);
    PlanHint hint{PlanHint::Kind::WorkMem, id, ms};
    if (metrics.spills.sortToDisk) {
        // An external sort writes its input more compactly than it holds it in memory.
        const qint64 kb = node.sortSpaceUsedKb.value_or(0) * 2;
        hint.title =
            u"%1 spilled %2 kB to disk"_s.arg(node.nodeType).arg(node.sortSpaceUsedKb.value_or(0));
        hint.detail = u"An in-memory sort needs more work_mem; the figure below allows for the "
                      "in-memory form being larger than the disk form."_s;
        hint.sql = workMemFor(kb);
    } else if (metrics.spills.hashBatches || metrics.spills.hashAggDisk) {
        const qint64 batches =
            std::max<qint64>({node.hashBatches.value_or(1), node.hashAggBatches.value_or(1), 1});
        const qint64 kb =
            std::max(node.peakMemoryUsageKb.value_or(0) * batches,
                     node.diskUsageKb.value_or(0) + node.peakMemoryUsageKb.value_or(0));
        hint.title = u"%1 ran in %2 batches"_s.arg(node.nodeType).arg(batches);
        hint.detail = u"With enough work_mem (times hash_mem_multiplier) the hash table fits in "
                      "memory in one batch."_s;
        hint.sql = workMemFor(kb);
    } else if (node.lossyHeapBlocks.value_or(0) > 0) {
        const double lossy = double(*node.lossyHeapBlocks);
        const double share = lossy / (lossy + double(node.exactHeapBlocks.value_or(0)));
        hint.msAtStake = ms * share;
        hint.title = u"Bitmap heap scan went lossy on %1 blocks"_s.arg(count(lossy));
        hint.detail = u"A lossy page rechecks every row on it. A larger work_mem keeps the bitmap "
                      "exact."_s;
        hint.sql = workMemFor(qint64(double(currentWorkMemKb(context.plan)) / (1 - share + 0.01)));
    } else {
        return;
    }
    context.hints.push_back(hint);
}

// The relations scanned at or below a node, for ANALYZE.
QStringList scannedTables(const Context &context, int id)
{
    QStringList tables;
    const PlanNode &node = *context.nodes[size_t(id)].node;
    if (!node.relationName.isEmpty())
        tables.append(tableName(node));
    for (int child : context.nodes[size_t(id)].children)
        tables += scannedTables(context, child);
    tables.removeDuplicates();
    return tables;
}

void statisticsHint(Context &context, int id)
{
    const FlatPlanNode &flat = context.nodes[size_t(id)];
    const NodeMetrics &metrics = context.metrics.nodes[size_t(id)];
    const double factor = metrics.estimateFactor.value_or(1);
    if (factor < misestimateFactor)
        return;
    // Where the error starts: the children's estimates were about right.
    for (int child : flat.children) {
        if (context.metrics.nodes[size_t(child)].estimateFactor.value_or(1) * misestimateFactor >
            factor)
            return;
    }
    const QStringList tables = scannedTables(context, id);
    if (tables.isEmpty())
        return;
    const int parent = flat.parent < 0 ? id : flat.parent;
    PlanHint hint{PlanHint::Kind::Statistics, id,
                  context.metrics.nodes[size_t(parent)].inclusiveMs.value_or(0)};
    const bool under = metrics.estimateDirection == EstimateDirection::Under;
    hint.title = u"Row estimate %1 by %2× at %3"_s.arg(under ? u"too low"_s : u"too high"_s)
                     .arg(QLocale().toString(factor, 'f', 0), flat.node->nodeType);
    hint.detail =
        u"Planned %1 rows, got %2. The nodes above chose their plan from this "
        "estimate. Fresh statistics may fix it; for correlated columns, extended "
        "statistics (CREATE STATISTICS) teach the planner how they go together."_s.arg(
            count(flat.node->planRows.value_or(0)), count(flat.node->actualRows.value_or(0)));
    QStringList statements;
    for (const QString &table : tables)
        statements.append(u"ANALYZE %1;"_s.arg(table));
    const auto predicates = predicatesOf(flat.node->filter);
    QStringList columns;
    for (const PlanPredicate &predicate : predicates.value_or(QList<PlanPredicate>{}))
        if (predicate.kind != PlanPredicate::Kind::Other)
            columns.append(quoteIdentifierIfNeeded(predicate.column));
    columns.removeDuplicates();
    if (columns.size() > 1 && !flat.node->relationName.isEmpty())
        statements.append(u"CREATE STATISTICS ON %1 FROM %2;"_s.arg(columns.join(u", "_s),
                                                                    tableName(*flat.node)));
    hint.sql = statements.join(u'\n');
    context.hints.push_back(hint);
}

void nodeHints(Context &context, int id)
{
    const PlanNode &node = *context.nodes[size_t(id)].node;
    const NodeMetrics &metrics = context.metrics.nodes[size_t(id)];
    if (node.nodeType == u"Index Only Scan"_s && metrics.heapFetchShare &&
        *metrics.heapFetchShare >= heapFetchShare) {
        PlanHint hint{PlanHint::Kind::Vacuum, id,
                      metrics.exclusiveMs.value_or(0) * *metrics.heapFetchShare};
        hint.title = u"Index-only scan on %1 fetched %2 rows from the table"_s.arg(
            tableName(node), count(node.heapFetches.value_or(0)));
        hint.detail = u"%1 of the entries were on pages not marked all-visible. VACUUM updates "
                      "the visibility map."_s.arg(percent(*metrics.heapFetchShare));
        hint.sql = u"VACUUM (ANALYZE) %1;"_s.arg(tableName(node));
        context.hints.push_back(hint);
    }
    if (node.workersPlanned && node.workersLaunched &&
        *node.workersLaunched < *node.workersPlanned) {
        const double planned = double(*node.workersPlanned), launched = *node.workersLaunched;
        PlanHint hint{PlanHint::Kind::Workers, id,
                      metrics.inclusiveMs.value_or(0) * (1 - (launched + 1) / (planned + 1))};
        hint.title = u"%1 of %2 planned parallel workers started"_s.arg(launched).arg(planned);
        hint.detail = u"The server had no free worker processes: raise max_parallel_workers "
                      "(and max_worker_processes), or run fewer parallel queries at once."_s;
        hint.sql = u"SHOW max_parallel_workers;"_s;
        context.hints.push_back(hint);
    }
}

void planWideHints(Context &context)
{
    const PlanMetrics &metrics = context.metrics;
    const double execution = metrics.executionMs.value_or(0);
    if (metrics.jitMs && *metrics.jitMs > execution / 2) {
        PlanHint hint{PlanHint::Kind::Jit, -1, *metrics.jitMs};
        hint.title = u"JIT compilation took %1 ms of %2 ms"_s.arg(*metrics.jitMs, 0, 'f', 1)
                         .arg(execution, 0, 'f', 1);
        hint.detail = u"Compiling costs more than it saves on a query this short. Raise "
                      "jit_above_cost, or turn JIT off for it."_s;
        hint.sql = u"SET jit = off;"_s;
        context.hints.push_back(hint);
    }
    if (metrics.planningMs && *metrics.planningMs > execution) {
        PlanHint hint{PlanHint::Kind::Planning, -1, *metrics.planningMs - execution};
        hint.title = u"Planning took longer than execution (%1 ms against %2 ms)"_s
                         .arg(*metrics.planningMs, 0, 'f', 1)
                         .arg(execution, 0, 'f', 1);
        hint.detail = u"A prepared statement plans once and runs many times; many partitions or "
                      "joins also make planning slow."_s;
        context.hints.push_back(hint);
    }
}

} // namespace

std::vector<PlanHint> planHints(const Plan &plan, const PlanMetrics &metrics)
{
    Context context{plan, metrics, flattenPlan(plan.root), {}};
    if (context.nodes.size() != metrics.nodes.size() || !plan.root.actualLoops)
        return {};
    for (int id = 0; id < int(context.nodes.size()); ++id) {
        if (metrics.nodes[size_t(id)].neverExecuted.value_or(false))
            continue;
        indexHint(context, id);
        workMemHints(context, id);
        statisticsHint(context, id);
        nodeHints(context, id);
    }
    planWideHints(context);
    std::stable_sort(
        context.hints.begin(), context.hints.end(),
        [](const PlanHint &a, const PlanHint &b) { return a.msAtStake > b.msAtStake; });
    return context.hints;
}

} // namespace mizzle::explain
