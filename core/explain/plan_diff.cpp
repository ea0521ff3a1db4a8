#include "explain/plan_diff.h"

#include "explain/plan_tree.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

struct Side
{
    std::vector<FlatPlanNode> nodes;
    const PlanMetrics &metrics;
};

QString exactKey(const PlanNode &node)
{
    return node.nodeType + u'|' + node.relationName + u'|' + node.indexName + u'|' + node.alias +
           u'|' + node.subplanName + u'|' + node.cteName;
}

// What stays when a scan changes its method: the table and alias it reads, the subplan or CTE.
QString placeKey(const PlanNode &node)
{
    if (!node.relationName.isEmpty())
        return u"rel|"_s + node.schema + u'.' + node.relationName + u'|' + node.alias;
    if (!node.subplanName.isEmpty())
        return u"sub|"_s + node.subplanName;
    if (!node.cteName.isEmpty())
        return u"cte|"_s + node.cteName;
    return {};
}

std::optional<double> delta(std::optional<double> before, std::optional<double> after)
{
    if (!before || !after)
        return std::nullopt;
    return *after - *before;
}

std::optional<qint64> sharedBlocks(const NodeMetrics &metrics)
{
    if (!metrics.exclusiveBuffers)
        return std::nullopt;
    return metrics.exclusiveBuffers->sharedHit + metrics.exclusiveBuffers->sharedRead;
}

class Differ
{
public:
    Differ(Side before, Side after)
        : m_before(std::move(before))
        , m_after(std::move(after))
    {}

    std::vector<PlanDiffEntry> run()
    {
        if (m_before.nodes.empty() || m_after.nodes.empty())
            return {};
        matched(0, 0);
        return std::move(m_entries);
    }

private:
    void matched(int before, int after)
    {
        const PlanNode &a = *m_before.nodes[size_t(before)].node;
        const PlanNode &b = *m_after.nodes[size_t(after)].node;
        const NodeMetrics &ma = m_before.metrics.nodes[size_t(before)];
        const NodeMetrics &mb = m_after.metrics.nodes[size_t(after)];
        PlanDiffEntry entry;
        entry.change = exactKey(a) == exactKey(b) ? PlanDiffEntry::Change::Same
                                                  : PlanDiffEntry::Change::Changed;
        entry.before = before;
        entry.after = after;
        entry.depth = m_after.nodes[size_t(after)].depth;
        entry.labelBefore = planNodeLabel(a);
        entry.labelAfter = planNodeLabel(b);
        entry.exclusiveMsDelta = delta(ma.exclusiveMs, mb.exclusiveMs);
        entry.inclusiveMsDelta = delta(ma.inclusiveMs, mb.inclusiveMs);
        entry.actualRowsDelta = delta(ma.actualRowsTotal, mb.actualRowsTotal);
        entry.totalCostDelta = delta(a.totalCost, b.totalCost);
        entry.estimateFactorBefore = ma.estimateFactor;
        entry.estimateFactorAfter = mb.estimateFactor;
        if (const auto x = sharedBlocks(ma), y = sharedBlocks(mb); x && y)
            entry.sharedBlocksDelta = *y - *x;
        m_entries.push_back(entry);
        pairChildren(m_before.nodes[size_t(before)].children,
                     m_after.nodes[size_t(after)].children);
    }

    void pairChildren(const std::vector<int> &before, const std::vector<int> &after)
    {
        std::vector<int> partner(after.size(), -1);
        std::vector<bool> taken(before.size(), false);
        const auto pass = [&](const std::function<QString(const PlanNode &)> &key) {
            for (size_t j = 0; j < after.size(); ++j) {
                const QString wanted =
                    partner[j] < 0 ? key(*m_after.nodes[size_t(after[j])].node) : QString();
                for (size_t i = 0; !wanted.isEmpty() && i < before.size(); ++i) {
                    if (!taken[i] && key(*m_before.nodes[size_t(before[i])].node) == wanted) {
                        taken[i] = true;
                        partner[j] = int(i);
                        break;
                    }
                }
            }
        };
        pass(exactKey);
        pass(placeKey);
        pass([](const PlanNode &node) { return node.nodeType + u'|' + node.parentRelationship; });
        for (size_t i = 0; i < before.size(); ++i) {
            if (!taken[i])
                subtree(m_before, before[i], PlanDiffEntry::Change::Removed);
        }
        for (size_t j = 0; j < after.size(); ++j) {
            if (partner[j] >= 0)
                matched(before[size_t(partner[j])], after[j]);
            else
                subtree(m_after, after[j], PlanDiffEntry::Change::Added);
        }
    }

    void subtree(const Side &side, int id, PlanDiffEntry::Change change)
    {
        const FlatPlanNode &flat = side.nodes[size_t(id)];
        PlanDiffEntry entry;
        entry.change = change;
        entry.depth = flat.depth;
        if (change == PlanDiffEntry::Change::Removed) {
            entry.before = id;
            entry.labelBefore = planNodeLabel(*flat.node);
        } else {
            entry.after = id;
            entry.labelAfter = planNodeLabel(*flat.node);
        }
        m_entries.push_back(entry);
        for (int child : flat.children)
            subtree(side, child, change);
    }

    Side m_before;
    Side m_after;
    std::vector<PlanDiffEntry> m_entries;
};

} // namespace

QString planNodeLabel(const PlanNode &node)
{
    QString label = node.nodeType;
    if (!node.indexName.isEmpty())
        label += u" using "_s + node.indexName;
    if (!node.relationName.isEmpty()) {
        label += u" on "_s + (node.schema.isEmpty() ? QString() : node.schema + u'.') +
                 node.relationName;
        if (!node.alias.isEmpty() && node.alias != node.relationName)
            label += u' ' + node.alias;
    } else if (!node.cteName.isEmpty()) {
        label += u" on "_s + node.cteName;
    }
    if (!node.subplanName.isEmpty())
        label = node.subplanName + u": "_s + label;
    return label;
}

std::vector<PlanDiffEntry> diffPlans(const Plan &before, const PlanMetrics &beforeMetrics,
                                     const Plan &after, const PlanMetrics &afterMetrics)
{
    Side a{flattenPlan(before.root), beforeMetrics};
    Side b{flattenPlan(after.root), afterMetrics};
    if (a.nodes.size() != beforeMetrics.nodes.size() || b.nodes.size() != afterMetrics.nodes.size())
        return {};
    return Differ(std::move(a), std::move(b)).run();
}

} // namespace mizzle::explain
