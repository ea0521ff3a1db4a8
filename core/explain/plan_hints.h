#pragma once

#include "explain/plan.h"
#include "explain/plan_metrics.h"

#include <QString>
#include <vector>

namespace mizzle::explain {

// Something to try about a plan, with the time it could save.
struct PlanHint
{
    enum class Kind {
        Index,      // a sequential scan that throws most rows away: B-tree, GIN or partial
        WorkMem,    // a sort or hash that spilled to disk, a lossy bitmap
        Statistics, // the deepest node where the row estimate goes wrong
        Vacuum,     // an index-only scan that visits the heap
        Workers,    // fewer parallel workers started than planned
        Jit,        // JIT compilation takes most of the execution time
        Planning,   // planning takes longer than execution
    };

    Kind kind = Kind::Index;
    int nodeId = -1;      // as flattenPlan() numbers the nodes; -1 for the whole plan
    double msAtStake = 0; // about what acting on the hint could save
    QString title{};      // one line
    QString detail{};     // why, with the figures it rests on
    QString sql{};        // to copy and run: CREATE INDEX CONCURRENTLY …, SET work_mem …; or empty

    bool operator==(const PlanHint &) const = default;
};

// The hints for a plan with its derived metrics, the most time at stake first. A plan without
// ANALYZE gets none: every rule rests on what actually happened.
std::vector<PlanHint> planHints(const Plan &plan, const PlanMetrics &metrics);

} // namespace mizzle::explain
