#include "plan/graph/plan_graph_layout.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mizzle {

QString planNodeShape(const explain::PlanNode &node)
{
    return node.nodeType + u'|' + node.parentRelationship;
}

double planGraphEdgeWidth(double rows)
{
    return std::clamp(1.0 + 1.5 * std::log10(std::max(rows, 0.0) + 1.0), 1.0, 10.0);
}

namespace {

// The children a visible node shows: the similar ones past the first few fold into one group
// card, placed where the first folded child would have been.
struct VisibleChild
{
    int node = -1;
    int groupSize = 0;
};

std::vector<VisibleChild> visibleChildren(const std::vector<explain::FlatPlanNode> &nodes, int id,
                                          const PlanGraphLayoutOptions &options)
{
    const std::vector<int> &children = nodes[size_t(id)].children;
    std::vector<VisibleChild> shown;
    const bool groupable =
        int(children.size()) > options.similarThreshold && !options.expandedGroups.contains(id);
    if (!groupable) {
        for (int child : children)
            shown.push_back({child, 0});
        return shown;
    }
    std::unordered_map<QString, int> counts;
    for (int child : children)
        ++counts[planNodeShape(*nodes[size_t(child)].node)];
    std::unordered_map<QString, int> seen;
    std::unordered_map<QString, size_t> groupOf;
    for (int child : children) {
        const QString shape = planNodeShape(*nodes[size_t(child)].node);
        const int index = seen[shape]++;
        if (counts[shape] <= options.similarThreshold || index < options.similarShown) {
            shown.push_back({child, 0});
        } else if (auto group = groupOf.find(shape); group != groupOf.end()) {
            ++shown[group->second].groupSize;
        } else {
            groupOf.emplace(shape, shown.size());
            shown.push_back({child, 1});
        }
    }
    return shown;
}

} // namespace

PlanGraphLayout layoutPlanGraph(const std::vector<explain::FlatPlanNode> &nodes,
                                const PlanGraphLayoutOptions &options)
{
    PlanGraphLayout layout;
    layout.cardOfNode.assign(nodes.size(), -1);
    if (nodes.empty())
        return layout;

    // Subtree sizes from the pre-order numbering: a node's descendants follow it directly.
    std::vector<int> subtree(nodes.size(), 1);
    for (size_t i = nodes.size(); i-- > 1;)
        subtree[size_t(nodes[i].parent)] += subtree[i];

    std::vector<int> depthOf;
    std::vector<std::vector<int>> childCards;
    struct Pending
    {
        VisibleChild child;
        int parentCard;
    };
    std::vector<Pending> stack{{{0, 0}, -1}};
    while (!stack.empty()) {
        const Pending pending = stack.back();
        stack.pop_back();
        const int card = int(layout.cards.size());
        const int id = pending.child.node;
        PlanGraphCard entry;
        entry.node = id;
        entry.parentCard = pending.parentCard;
        entry.groupSize = pending.child.groupSize;
        depthOf.push_back(pending.parentCard < 0 ? 0 : depthOf[size_t(pending.parentCard)] + 1);
        childCards.emplace_back();
        if (pending.parentCard >= 0)
            childCards[size_t(pending.parentCard)].push_back(card);
        if (entry.groupSize > 0) {
            layout.cards.push_back(entry);
            continue;
        }
        layout.cardOfNode[size_t(id)] = card;
        entry.hasChildren = !nodes[size_t(id)].children.empty();
        if (options.collapsed.contains(id)) {
            entry.hiddenBelow = subtree[size_t(id)] - 1;
            layout.cards.push_back(entry);
            continue;
        }
        layout.cards.push_back(entry);
        const std::vector<VisibleChild> children = visibleChildren(nodes, id, options);
        for (auto child = children.rbegin(); child != children.rend(); ++child)
            stack.push_back({*child, card});
    }

    // Leaves take the next slot from the left; parents, visited after their children in reverse
    // pre-order, sit midway between their first and last child.
    const double width = options.cardSize.width();
    const double height = options.cardSize.height();
    std::vector<double> x(layout.cards.size(), 0);
    double nextLeaf = 0;
    for (size_t card = 0; card < layout.cards.size(); ++card) {
        if (childCards[card].empty()) {
            x[card] = nextLeaf;
            nextLeaf += width + options.horizontalGap;
        }
    }
    for (size_t card = layout.cards.size(); card-- > 0;) {
        const std::vector<int> &children = childCards[card];
        if (!children.empty())
            x[card] = (x[size_t(children.front())] + x[size_t(children.back())]) / 2;
    }
    for (size_t card = 0; card < layout.cards.size(); ++card) {
        layout.cards[card].rect =
            QRectF(x[card], depthOf[card] * (height + options.verticalGap), width, height);
        layout.bounds = layout.bounds.united(layout.cards[card].rect);
    }
    return layout;
}

} // namespace mizzle
