#include "explain/plan_metrics.h"

#include "explain/plan_attribution.h"
#include "explain/plan_tree.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

constexpr std::array<qint64 PlanBuffers::*, 10> bufferCounters = {
    &PlanBuffers::sharedHit,     &PlanBuffers::sharedRead,   &PlanBuffers::sharedDirtied,
    &PlanBuffers::sharedWritten, &PlanBuffers::localHit,     &PlanBuffers::localRead,
    &PlanBuffers::localDirtied,  &PlanBuffers::localWritten, &PlanBuffers::tempRead,
    &PlanBuffers::tempWritten,
};

constexpr std::array<std::optional<double> PlanIoTimes::*, 8> ioCounters = {
    &PlanIoTimes::readMs,        &PlanIoTimes::writeMs,     &PlanIoTimes::sharedReadMs,
    &PlanIoTimes::sharedWriteMs, &PlanIoTimes::localReadMs, &PlanIoTimes::localWriteMs,
    &PlanIoTimes::tempReadMs,    &PlanIoTimes::tempWriteMs,
};

// A printed time has three decimals, so time × loops is off by up to half a microsecond a loop.
constexpr double halfPrintedUnitMs = 0.0005;

bool diskSortIn(const PlanExecutionStats &stats)
{
    if (stats.sortSpaceType == u"Disk" || stats.sortMethod.startsWith(u"external"))
        return true;
    // Incremental Sort reports per group kind: {"Full-sort Groups": {"Sort Space Disk": ...}}.
    for (const QString &key : {u"Full-sort Groups"_s, u"Pre-sorted Groups"_s}) {
        if (stats.extra.value(key).toObject().contains(u"Sort Space Disk"))
            return true;
    }
    return false;
}

bool hashAggSpillIn(const PlanExecutionStats &stats)
{
    return stats.hashAggBatches.value_or(0) > 1 || stats.diskUsageKb.value_or(0) > 0;
}

NodeSpills spillsOf(const PlanNode &node)
{
    NodeSpills spills;
    spills.sortToDisk = diskSortIn(node);
    spills.hashAggDisk = hashAggSpillIn(node);
    for (const PlanWorker &worker : node.workers) {
        spills.sortToDisk = spills.sortToDisk || diskSortIn(worker);
        spills.hashAggDisk = spills.hashAggDisk || hashAggSpillIn(worker);
    }
    spills.hashBatches = node.hashBatches.value_or(0) > 1;
    return spills;
}

void deriveRows(const PlanNode &node, NodeMetrics &metrics)
{
    const std::optional<double> loops = node.actualLoops;
    if (loops)
        metrics.neverExecuted = *loops == 0;
    if (node.actualRows && loops)
        metrics.actualRowsTotal = *node.actualRows * *loops;
    if (node.planRows && loops)
        metrics.plannedRowsTotal = *node.planRows * *loops;
    if (node.actualRows && node.planRows && loops && *loops > 0) {
        const double actual = *node.actualRows;
        const double planned = *node.planRows;
        // Both sides floored at one row, as the planner floors its estimates: 0 against 1000
        // is a factor of 1000, and 0 against 0 (a ModifyTable without RETURNING) agrees.
        const double factor =
            std::max({actual, planned, 1.0}) / std::max(std::min(actual, planned), 1.0);
        metrics.estimateFactor = factor;
        metrics.estimateDirection = factor <= 1.0      ? EstimateDirection::None
                                    : actual > planned ? EstimateDirection::Under
                                                       : EstimateDirection::Over;
    }
    if ((node.rowsRemovedByFilter || node.rowsRemovedByJoinFilter) && node.actualRows) {
        const double removed =
            node.rowsRemovedByFilter.value_or(0) + node.rowsRemovedByJoinFilter.value_or(0);
        if (removed + *node.actualRows > 0)
            metrics.filterRemovedShare = removed / (removed + *node.actualRows);
    }
    if (node.heapFetches && node.actualRows && loops) {
        // Heap Fetches is a total; the other counts are per-loop averages.
        const double visited = (*node.actualRows + node.rowsRemovedByFilter.value_or(0) +
                                node.rowsRemovedByIndexRecheck.value_or(0)) *
                               *loops;
        if (visited > 0)
            metrics.heapFetchShare = std::min(1.0, *node.heapFetches / visited);
    }
    metrics.spills = spillsOf(node);
}

std::optional<double> inclusiveTime(const PlanNode &node, double processes)
{
    if (node.actualLoops && *node.actualLoops == 0)
        return 0.0;
    if (!node.actualTotalTimeMs || !node.actualLoops)
        return std::nullopt;
    return *node.actualTotalTimeMs * *node.actualLoops / processes;
}

// Exclusive buffers: a CTE's blocks come out of its scans in plan order, each giving up at most
// what it has left, and what remains out of the node the CTE hangs under.
void deriveBuffers(const std::vector<FlatPlanNode> &nodes,
                   const std::vector<detail::Attribution> &attribution,
                   std::vector<NodeMetrics> &metrics)
{
    std::vector<PlanBuffers> left(nodes.size());
    for (size_t id = 0; id < nodes.size(); ++id)
        left[id] = nodes[id].node->buffers.value_or(PlanBuffers{});
    for (const bool cte : {false, true}) {
        for (size_t id = 1; id < nodes.size(); ++id) {
            if (attribution[id].splitCte != cte)
                continue;
            const PlanBuffers own = nodes[id].node->buffers.value_or(PlanBuffers{});
            for (const auto counter : bufferCounters) {
                qint64 remaining = own.*counter;
                for (const detail::Charge &charge : attribution[id].charges) {
                    qint64 &target = left[size_t(charge.target)].*counter;
                    const qint64 taken = cte ? std::clamp<qint64>(target, 0, remaining) : remaining;
                    target -= taken;
                    remaining -= taken;
                }
                if (remaining > 0)
                    left[size_t(nodes[id].parent)].*counter -= remaining;
            }
        }
    }
    for (size_t id = 0; id < nodes.size(); ++id) {
        if (!nodes[id].node->buffers)
            continue;
        for (const auto counter : bufferCounters)
            left[id].*counter = std::max<qint64>(0, left[id].*counter);
        metrics[id].exclusiveBuffers = left[id];
    }
}

void deriveIoTimes(const std::vector<FlatPlanNode> &nodes,
                   const std::vector<detail::Attribution> &attribution,
                   std::vector<NodeMetrics> &metrics)
{
    for (size_t id = 0; id < nodes.size(); ++id)
        metrics[id].exclusiveIoTimes = nodes[id].node->ioTimes;
    for (size_t id = 1; id < nodes.size(); ++id) {
        for (const auto counter : ioCounters) {
            const std::optional<double> own = nodes[id].node->ioTimes.*counter;
            if (!own)
                continue;
            for (const detail::Charge &charge : attribution[id].charges) {
                std::optional<double> &target =
                    metrics[size_t(charge.target)].exclusiveIoTimes.*counter;
                if (target)
                    *target -= *own * charge.share;
            }
        }
    }
    for (NodeMetrics &node : metrics) {
        for (const auto counter : ioCounters) {
            if (std::optional<double> &value = node.exclusiveIoTimes.*counter)
                *value = std::max(0.0, *value);
        }
    }
}

void deriveBands(const Plan &plan, PlanMetrics &metrics)
{
    metrics.planningMs = plan.planningTimeMs;
    metrics.executionMs = plan.executionTimeMs;
    if (plan.jit)
        metrics.jitMs = plan.jit->totalMs;
    if (plan.serialization)
        metrics.serializationMs = plan.serialization->timeMs;
    for (const PlanTrigger &trigger : plan.triggers) {
        if (trigger.timeMs)
            metrics.triggersMs = metrics.triggersMs.value_or(0) + *trigger.timeMs;
    }
    if (!metrics.triggersMs && plan.executionTimeMs)
        metrics.triggersMs = 0.0;
}

} // namespace

PlanMetrics derivePlanMetrics(const Plan &plan)
{
    PlanMetrics result;
    deriveBands(plan, result);
    const std::vector<FlatPlanNode> nodes = flattenPlan(plan.root);
    const detail::ParallelSections sections = detail::findParallelSections(plan, nodes);

    std::vector<std::optional<double>> inclusive(nodes.size());
    std::vector<double> tolerance(nodes.size());
    result.nodes.resize(nodes.size());
    for (size_t id = 0; id < nodes.size(); ++id) {
        const PlanNode &node = *nodes[id].node;
        NodeMetrics &metrics = result.nodes[id];
        metrics.id = int(id);
        metrics.parent = nodes[id].parent;
        metrics.depth = nodes[id].depth;
        metrics.parallel = sections.gather[id] >= 0;
        metrics.processes = sections.processes[id];
        inclusive[id] = inclusiveTime(node, metrics.processes);
        metrics.inclusiveMs = inclusive[id];
        tolerance[id] = halfPrintedUnitMs * node.actualLoops.value_or(0) / metrics.processes;
        deriveRows(node, metrics);
    }

    const std::vector<detail::Attribution> attribution =
        detail::attributeTime(nodes, sections, inclusive, tolerance);
    std::vector<double> taken(nodes.size(), 0.0);
    for (size_t id = 1; id < nodes.size(); ++id) {
        for (const detail::Charge &charge : attribution[id].charges) {
            result.nodes[id].timeTakenFrom.push_back(charge.target);
            taken[size_t(charge.target)] += inclusive[id].value_or(0) * charge.share;
        }
    }

    const std::optional<double> rootInclusive = nodes.empty() ? std::nullopt : inclusive[0];
    double sumExclusive = 0;
    double unattributed = 0;
    double allowance = 0;
    for (size_t id = 0; id < nodes.size(); ++id) {
        if (!inclusive[id])
            continue;
        const double raw = *inclusive[id] - taken[id];
        const double exclusive = std::max(0.0, raw);
        result.nodes[id].exclusiveMs = exclusive;
        sumExclusive += exclusive;
        unattributed += exclusive - raw;
        // Each inclusive time is used twice: for its own node and for the one it is taken from.
        allowance += 2 * tolerance[id];
    }
    if (rootInclusive) {
        result.invariant.rootInclusiveMs = rootInclusive;
        result.invariant.sumExclusiveMs = sumExclusive;
        result.invariant.unattributedMs = unattributed;
        result.invariant.toleranceMs = allowance + 1e-9 * *rootInclusive;
        result.invariant.ok = unattributed <= *result.invariant.toleranceMs;
    }

    deriveBuffers(nodes, attribution, result.nodes);
    deriveIoTimes(nodes, attribution, result.nodes);
    return result;
}

} // namespace mizzle::explain
