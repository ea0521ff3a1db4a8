#include "explain/plan_tree.h"

namespace mizzle::explain {

std::vector<FlatPlanNode> flattenPlan(const PlanNode &root)
{
    std::vector<FlatPlanNode> nodes;
    // An explicit stack: a deep plan must not exhaust the call stack.
    std::vector<FlatPlanNode> pending{FlatPlanNode{&root, -1, 0, {}}};
    while (!pending.empty()) {
        FlatPlanNode entry = std::move(pending.back());
        pending.pop_back();
        const int id = int(nodes.size());
        if (entry.parent >= 0)
            nodes[size_t(entry.parent)].children.push_back(id);
        const PlanNode *node = entry.node;
        const int depth = entry.depth;
        nodes.push_back(std::move(entry));
        for (auto child = node->children.rbegin(); child != node->children.rend(); ++child)
            pending.push_back(FlatPlanNode{&*child, id, depth + 1, {}});
    }
    return nodes;
}

} // namespace mizzle::explain
