#pragma once

#include "explain/plan.h"

#include <optional>
#include <vector>

namespace mizzle::explain {

// How the planner's row estimate compares with what the node produced: "under" when more rows
// came than estimated, "over" when fewer came.
enum class EstimateDirection { None, Under, Over };

struct NodeSpills
{
    bool sortToDisk = false;  // Sort Space Type "Disk" or an external sort, in any process
    bool hashBatches = false; // a Hash that needed more than one batch
    bool hashAggDisk = false; // a HashAggregate that spilled: batches above 1 or disk used

    bool any() const { return sortToDisk || hashBatches || hashAggDisk; }
};

// What derivePlanMetrics() works out for one node. Values PostgreSQL did not print the inputs
// for (no ANALYZE, TIMING OFF, no BUFFERS) stay unset.
//
// Time. inclusiveMs is Actual Total Time × Actual Loops. Inside a parallel section (the subtree
// under a Gather or Gather Merge, InitPlans and SubPlans of the Gather itself excepted)
// PostgreSQL adds up every process's time and loops before dividing one by the other, so
// time × loops is the sum over the processes, which run at the same time. There it is divided,
// for every node of the section alike (so that children still fit in their parents), by the
// section's parallelism:
//  - with per-worker data (VERBOSE): the section root's summed time over its slowest process's
//    time, the leader's being the sum less the workers'. The root thus gets the critical path,
//    the time the Gather waited for; it equals the process count when the work was shared
//    evenly and nears 1 when one process did it all.
//  - otherwise the number of processes: the root's loops per loop of the Gather; failing that,
//    Workers Launched plus the leader, which takes part unless the Gather is Single Copy or
//    parallel_leader_participation is off.
//
// exclusiveMs is inclusiveMs less the inclusive time of what ran inside the node:
//  - children and SubPlans, as printed;
//  - an InitPlan counts against the node that evaluates it: the node whose expressions name it
//    ("$N" from "returns $N", or "(InitPlan N)", never matching $10 for $1), or the Gather above
//    that node, since a Gather evaluates its workers' parameters before starting them. With
//    several such nodes the first in execution order (post-order) whose time can contain the
//    InitPlan's wins; with none, the node the InitPlan hangs under;
//  - a CTE's time is split among its CTE Scans in proportion to their inclusive times, since
//    each scan runs the CTE's plan for the rows it is the first to read.
// A negative difference (measurement or rounding) is clamped to 0 and the excess reported in
// PlanInvariant::unattributedMs.
struct NodeMetrics
{
    int id = 0;      // pre-order, as flattenPlan() numbers the nodes
    int parent = -1; // -1 for the root
    int depth = 0;
    std::vector<int> timeTakenFrom; // the nodes whose exclusive time this node's time is taken
                                    // from: the parent, a referencing node, or CTE Scans
    bool parallel = false;          // inside a Gather's parallel section
    double processes = 1;           // the divisor applied to time × loops (parallelism)

    std::optional<double> inclusiveMs;
    std::optional<double> exclusiveMs;
    std::optional<PlanBuffers> exclusiveBuffers; // never divided by processes
    PlanIoTimes exclusiveIoTimes;

    std::optional<double> actualRowsTotal;  // Actual Rows × Actual Loops
    std::optional<double> plannedRowsTotal; // Plan Rows × Actual Loops
    // max(actual, planned, 1) / max(min(actual, planned), 1), on the per-loop figures, so that
    // an actual 0 against a large estimate still counts. Unset for plain EXPLAIN and nodes never
    // executed.
    std::optional<double> estimateFactor;
    std::optional<EstimateDirection> estimateDirection;
    // Rows removed by Filter and Join Filter as a share of the rows the node looked at.
    std::optional<double> filterRemovedShare;
    // Index Only Scan: Heap Fetches as a share of the index entries visited.
    std::optional<double> heapFetchShare;
    NodeSpills spills;
    std::optional<bool> neverExecuted; // Actual Loops 0; unset without ANALYZE
};

// The sum of exclusive times against the root's inclusive time. The printed figures are rounded
// to a microsecond per loop, so `ok` allows that much per node (toleranceMs). unattributedMs is
// what clamping negative exclusive times added: sumExclusiveMs == rootInclusiveMs +
// unattributedMs.
struct PlanInvariant
{
    std::optional<bool> ok;
    std::optional<double> sumExclusiveMs;
    std::optional<double> rootInclusiveMs;
    std::optional<double> unattributedMs;
    std::optional<double> toleranceMs;
};

struct PlanMetrics
{
    std::vector<NodeMetrics> nodes; // nodes[i].id == i
    PlanInvariant invariant;
    // The bands around the plan tree's own time.
    std::optional<double> planningMs;
    std::optional<double> executionMs;
    std::optional<double> triggersMs;
    std::optional<double> jitMs;
    std::optional<double> serializationMs;
};

PlanMetrics derivePlanMetrics(const Plan &plan);

} // namespace mizzle::explain
