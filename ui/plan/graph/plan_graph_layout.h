#pragma once

#include "explain/plan_tree.h"

#include <QRectF>
#include <QString>
#include <set>
#include <vector>

namespace mizzle {

// One box of the graphical plan: a node, or a group standing for many similar children of one
// parent (an Append over thousands of partitions) that would otherwise swamp the picture.
struct PlanGraphCard
{
    int node = -1;       // the node's pre-order id; for a group, its first hidden child
    int parentCard = -1; // index into PlanGraphLayout::cards, -1 for the root
    int groupSize = 0;   // above 0: a group card standing for that many nodes
    int hiddenBelow = 0; // descendants hidden because this card is collapsed
    bool hasChildren = false;
    QRectF rect;
};

struct PlanGraphLayoutOptions
{
    QSizeF cardSize{230, 92};
    double horizontalGap = 24;
    double verticalGap = 56;
    int similarThreshold = 20;    // more children of one shape than this are grouped
    int similarShown = 3;         // how many of them stay visible in front of the group
    std::set<int> collapsed;      // node ids whose subtrees are hidden
    std::set<int> expandedGroups; // parent node ids whose similar children are all shown
};

struct PlanGraphLayout
{
    std::vector<PlanGraphCard> cards; // in pre-order of what is visible
    std::vector<int> cardOfNode;      // by node id, -1 when hidden
    QRectF bounds;
};

// What makes children "similar": the same kind of node, whatever relation it reads.
QString planNodeShape(const explain::PlanNode &node);

// A top-down tidy tree: leaves left to right in plan order, each parent centred over its first
// and last child, one row per depth. Linear in the number of nodes and free of recursion, since
// a deep join tree can be thousands of levels deep.
PlanGraphLayout layoutPlanGraph(const std::vector<explain::FlatPlanNode> &nodes,
                                const PlanGraphLayoutOptions &options = {});

// An edge's pen width for the rows that flow along it: log scale, clamped to 1–10 px.
double planGraphEdgeWidth(double rows);

} // namespace mizzle
