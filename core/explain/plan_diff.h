#pragma once

#include "explain/plan.h"
#include "explain/plan_metrics.h"

#include <QString>
#include <optional>
#include <vector>

namespace mizzle::explain {

// One node of two plans set side by side.
struct PlanDiffEntry
{
    enum class Change {
        Same,    // matched, and the node type, relation and index agree
        Changed, // matched on its relation, alias or place, but of another type or index
        Removed, // only in the first plan
        Added,   // only in the second
    };

    Change change = Change::Same;
    int before = -1; // the node's id in the first plan (flattenPlan() order), or -1
    int after = -1;  // in the second plan, or -1
    int depth = 0;   // in whichever plan has the node, the second's when both do
    QString labelBefore{};
    QString labelAfter{};
    // second minus first, where both plans have the figure
    std::optional<double> exclusiveMsDelta;
    std::optional<double> inclusiveMsDelta;
    std::optional<double> actualRowsDelta; // rows × loops
    std::optional<double> totalCostDelta;
    std::optional<double> estimateFactorBefore;
    std::optional<double> estimateFactorAfter;
    std::optional<qint64> sharedBlocksDelta; // exclusive shared hit + read
};

// "Index Scan using orders_pkey on public.orders o": how a node is named in a diff.
QString planNodeLabel(const PlanNode &node);

// Matches two plans node by node, top down: children of matched nodes pair up first on node
// type, relation, index and alias; then on relation and alias alone, or CTE and subplan name;
// then whatever same-typed children remain, in order. What is left over is added or removed
// with its whole subtree. Entries come in the second plan's pre-order, each removed subtree
// where its matched parent stands.
std::vector<PlanDiffEntry> diffPlans(const Plan &before, const PlanMetrics &beforeMetrics,
                                     const Plan &after, const PlanMetrics &afterMetrics);

} // namespace mizzle::explain
