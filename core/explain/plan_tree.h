#pragma once

#include "explain/plan_node.h"

#include <vector>

namespace mizzle::explain {

// One node of a plan in pre-order, numbered from 0 exactly as PostgreSQL nests the tree
// (InitPlans, SubPlans and CTEs where PostgreSQL prints them). The pointers stay valid while
// the tree they point into is neither changed nor moved.
struct FlatPlanNode
{
    const PlanNode *node = nullptr;
    int parent = -1; // -1 for the root
    int depth = 0;
    std::vector<int> children;
};

std::vector<FlatPlanNode> flattenPlan(const PlanNode &root);

} // namespace mizzle::explain
