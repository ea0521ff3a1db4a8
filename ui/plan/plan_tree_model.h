#pragma once

#include "explain/plan.h"
#include "explain/plan_metrics.h"
#include "explain/plan_tree.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace mizzle {

// A plan as a tree table in the manner of explain.depesz.com: one row per node, nested as
// PostgreSQL nests them (InitPlans, SubPlans and CTEs where it prints them), with the derived
// exclusive and inclusive times, rows against the estimate, loops and cost. Exclusive time and
// the estimate factor are shaded by how much they matter ("heat"). When the metrics had to clamp
// negative self times, a last top-level row shows the time that is nobody's: "unattributed
// (rounding)". Without ANALYZE only the planner's figures are filled in.
class PlanTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NodeColumn,
        ExclusiveColumn,
        InclusiveColumn,
        RowsColumn,
        EstimateColumn,
        LoopsColumn,
        CostColumn,
        ColumnCount
    };
    enum Role {
        NodeIdRole = Qt::UserRole + 1, // int: the node's pre-order id, -1 for the extra row
        ValueRole,                     // the column's number unformatted, or null
        HeatRole,                      // int 0 (none) to 3 (hot), for shaded cells
    };

    explicit PlanTreeModel(QObject *parent = nullptr);
    ~PlanTreeModel() override;

    void setPlan(explain::Plan plan);
    void clear();
    bool hasPlan() const { return m_plan != nullptr; }
    const explain::Plan *plan() const { return m_plan.get(); }
    const explain::PlanMetrics &metrics() const { return m_metrics; }
    int nodeCount() const { return int(m_nodes.size()); }
    const explain::PlanNode &node(int id) const { return *m_nodes[size_t(id)].node; }
    bool hasUnattributedRow() const { return m_unattributedRow; }
    int nodeId(const QModelIndex &index) const;
    QModelIndex indexOfNode(int id, int column = NodeColumn) const;
    // The exclusive time's share of the plan's time, 0 to 1; unset without timing.
    std::optional<double> exclusiveShare(int id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant nodeData(int id, int column, int role) const;
    QVariant unattributedData(int column, int role) const;
    QString displayText(int id, int column) const;
    QVariant value(int id, int column) const;
    int heat(int id, int column) const;
    QString toolTip(int id) const;

    std::unique_ptr<explain::Plan> m_plan; // m_nodes point into it, so it never moves
    std::vector<explain::FlatPlanNode> m_nodes;
    std::vector<int> m_rowInParent;
    explain::PlanMetrics m_metrics;
    std::optional<double> m_totalMs; // what exclusive shares are shares of
    bool m_unattributedRow = false;
};

} // namespace mizzle
