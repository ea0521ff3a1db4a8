#pragma once

#include "explain/plan.h"
#include "explain/plan_tree.h"

#include <optional>
#include <vector>

// Internal to derivePlanMetrics(): which nodes run in parallel, and whose exclusive time each
// node's inclusive time comes out of. The rules are documented on NodeMetrics.
namespace mizzle::explain::detail {

struct ParallelSections
{
    std::vector<int> gather;       // per node: the Gather whose parallel section holds it, or -1
    std::vector<double> processes; // per node: the divisor for time × loops (1 outside)
};

ParallelSections findParallelSections(const Plan &plan, const std::vector<FlatPlanNode> &nodes);

struct Charge
{
    int target = -1;
    double share = 1; // of the charged node's inclusive time
};

struct Attribution
{
    std::vector<Charge> charges; // empty for the root; shares add up to 1
    bool splitCte = false;       // a CTE split among its scans, in plan order
};

// `inclusive` and `tolerance` (the rounding allowance of each inclusive time) are per node;
// without timing, InitPlans go to their first referencing node.
std::vector<Attribution> attributeTime(const std::vector<FlatPlanNode> &nodes,
                                       const ParallelSections &sections,
                                       const std::vector<std::optional<double>> &inclusive,
                                       const std::vector<double> &tolerance);

} // namespace mizzle::explain::detail
