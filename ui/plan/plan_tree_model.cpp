#include "plan/plan_tree_model.h"

#include "plan/plan_node_label.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// The extra row's internal id; node ids are small non-negative numbers.
constexpr quintptr unattributedId = ~quintptr(0);

// explain.depesz.com's scale: a tenth, a half and nine tenths of the time, or an estimate off by
// 10, 100 and 1000 times.
int heatOf(double value, double warm, double hot, double burning)
{
    return value >= burning ? 3 : value >= hot ? 2 : value >= warm ? 1 : 0;
}

QColor heatColor(int heat)
{
    switch (heat) {
    case 1:
        return QColor(0xff, 0xe5, 0x99);
    case 2:
        return QColor(0xf6, 0xb2, 0x6b);
    case 3:
        return QColor(0xe0, 0x66, 0x66);
    default:
        return {};
    }
}

QString milliseconds(std::optional<double> ms)
{
    return ms ? QLocale().toString(*ms, 'f', 3) : QString();
}

// Whole numbers without an exponent; PostgreSQL 18 prints fractional per-loop rows ("0.50").
QString count(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QLocale().toString(qint64(value));
    return QLocale().toString(value, 'f', QLocale::FloatingPointShortest);
}

} // namespace

PlanTreeModel::PlanTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

PlanTreeModel::~PlanTreeModel() = default;

void PlanTreeModel::setPlan(explain::Plan plan)
{
    beginResetModel();
    m_plan = std::make_unique<explain::Plan>(std::move(plan));
    m_nodes = explain::flattenPlan(m_plan->root);
    m_metrics = explain::derivePlanMetrics(*m_plan);
    m_rowInParent.assign(m_nodes.size(), 0);
    for (const explain::FlatPlanNode &node : m_nodes) {
        for (size_t row = 0; row < node.children.size(); ++row)
            m_rowInParent[size_t(node.children[row])] = int(row);
    }
    const explain::PlanInvariant &invariant = m_metrics.invariant;
    m_totalMs = invariant.sumExclusiveMs && *invariant.sumExclusiveMs > 0
                    ? invariant.sumExclusiveMs
                    : invariant.rootInclusiveMs;
    m_unattributedRow = invariant.unattributedMs && *invariant.unattributedMs > 0;
    endResetModel();
}

void PlanTreeModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_rowInParent.clear();
    m_metrics = {};
    m_plan.reset();
    m_totalMs.reset();
    m_unattributedRow = false;
    endResetModel();
}

int PlanTreeModel::nodeId(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == unattributedId)
        return -1;
    return int(index.internalId());
}

QModelIndex PlanTreeModel::indexOfNode(int id, int column) const
{
    if (id < 0 || size_t(id) >= m_nodes.size())
        return {};
    return createIndex(m_rowInParent[size_t(id)], column, quintptr(id));
}

std::optional<double> PlanTreeModel::exclusiveShare(int id) const
{
    const std::optional<double> exclusive = m_metrics.nodes[size_t(id)].exclusiveMs;
    if (!exclusive || !m_totalMs || *m_totalMs <= 0)
        return std::nullopt;
    return std::clamp(*exclusive / *m_totalMs, 0.0, 1.0);
}

QModelIndex PlanTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, row == 0 ? quintptr(0) : unattributedId);
    const int child = m_nodes[parent.internalId()].children[size_t(row)];
    return createIndex(row, column, quintptr(child));
}

QModelIndex PlanTreeModel::parent(const QModelIndex &child) const
{
    const int id = nodeId(child);
    if (id <= 0)
        return {};
    return indexOfNode(m_nodes[size_t(id)].parent);
}

int PlanTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_nodes.empty() ? 0 : 1 + (m_unattributedRow ? 1 : 0);
    const int id = nodeId(parent);
    if (parent.column() != NodeColumn || id < 0)
        return 0;
    return int(m_nodes[size_t(id)].children.size());
}

int PlanTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PlanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section != NodeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ExclusiveColumn:
            return tr("Time spent in the node itself, children excluded, over all loops");
        case InclusiveColumn:
            return tr("Time of the node and everything under it, over all loops");
        case RowsColumn:
            return tr("Rows produced over all loops, against the planner's estimate");
        case EstimateColumn:
            return tr("How far the estimate was off: under means more rows came than planned");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn:
        return tr("Node");
    case ExclusiveColumn:
        return tr("Exclusive ms");
    case InclusiveColumn:
        return tr("Inclusive ms");
    case RowsColumn:
        return tr("Rows (actual / planned)");
    case EstimateColumn:
        return tr("Estimate");
    case LoopsColumn:
        return tr("Loops");
    case CostColumn:
        return tr("Cost");
    default:
        return {};
    }
}

QVariant PlanTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == unattributedId)
        return unattributedData(index.column(), role);
    return nodeData(int(index.internalId()), index.column(), role);
}

QVariant PlanTreeModel::nodeData(int id, int column, int role) const
{
    const explain::NodeMetrics &metrics = m_metrics.nodes[size_t(id)];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(id, column);
    case Qt::ToolTipRole:
        return toolTip(id);
    case Qt::TextAlignmentRole:
        return column == NodeColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                    : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        const QColor color = heatColor(heat(id, column));
        return color.isValid() ? QVariant(QBrush(color)) : QVariant();
    }
    case Qt::ForegroundRole:
        // Shaded cells are light in any palette; text that never ran is dimmed.
        if (heat(id, column) > 0)
            return QBrush(Qt::black);
        if (metrics.neverExecuted.value_or(false))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case NodeIdRole:
        return id;
    case ValueRole:
        return value(id, column);
    case HeatRole:
        return heat(id, column);
    default:
        return {};
    }
}

QVariant PlanTreeModel::unattributedData(int column, int role) const
{
    const std::optional<double> ms = m_metrics.invariant.unattributedMs;
    switch (role) {
    case Qt::DisplayRole:
        if (column == NodeColumn)
            return tr("unattributed (rounding)");
        return column == ExclusiveColumn && ms ? milliseconds(-*ms) : QString();
    case Qt::ToolTipRole:
        return tr("The exclusive times above add up to this much more than the plan's time. The "
                  "printed figures are rounded, and where a node's children took longer than "
                  "the node itself, its own time was counted as 0 rather than below 0.");
    case Qt::TextAlignmentRole:
        return column == NodeColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                    : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    case NodeIdRole:
        return -1;
    case ValueRole:
        return column == ExclusiveColumn && ms ? QVariant(-*ms) : QVariant();
    case HeatRole:
        return 0;
    default:
        return {};
    }
}

QString PlanTreeModel::displayText(int id, int column) const
{
    const explain::PlanNode &node = *m_nodes[size_t(id)].node;
    const explain::NodeMetrics &metrics = m_metrics.nodes[size_t(id)];
    switch (column) {
    case NodeColumn: {
        QString label = planNodeLabel(node);
        if (metrics.spills.sortToDisk)
            label += tr("  [sort on disk]");
        if (metrics.spills.hashBatches)
            label += tr("  [hash batches: %1]").arg(node.hashBatches.value_or(0));
        if (metrics.spills.hashAggDisk)
            label += tr("  [aggregate spilled]");
        return label;
    }
    case ExclusiveColumn:
        return milliseconds(metrics.exclusiveMs);
    case InclusiveColumn:
        return milliseconds(metrics.inclusiveMs);
    case RowsColumn:
        if (metrics.neverExecuted.value_or(false))
            return tr("never executed");
        if (metrics.actualRowsTotal && metrics.plannedRowsTotal)
            return u"%1 / %2"_s.arg(count(*metrics.actualRowsTotal),
                                    count(*metrics.plannedRowsTotal));
        return node.planRows ? tr("%1 planned").arg(count(*node.planRows)) : QString();
    case EstimateColumn:
        if (!metrics.estimateFactor || !metrics.estimateDirection)
            return {};
        switch (*metrics.estimateDirection) {
        case explain::EstimateDirection::Under:
            return tr("under %1×").arg(QLocale().toString(*metrics.estimateFactor, 'f', 1));
        case explain::EstimateDirection::Over:
            return tr("over %1×").arg(QLocale().toString(*metrics.estimateFactor, 'f', 1));
        case explain::EstimateDirection::None:
            return tr("exact");
        }
        return {};
    case LoopsColumn:
        return node.actualLoops ? count(*node.actualLoops) : QString();
    case CostColumn:
        if (!node.startupCost || !node.totalCost)
            return {};
        return u"%1..%2"_s.arg(QString::number(*node.startupCost, 'f', 2),
                               QString::number(*node.totalCost, 'f', 2));
    default:
        return {};
    }
}

QVariant PlanTreeModel::value(int id, int column) const
{
    const explain::PlanNode &node = *m_nodes[size_t(id)].node;
    const explain::NodeMetrics &metrics = m_metrics.nodes[size_t(id)];
    const auto optional = [](std::optional<double> number) {
        return number ? QVariant(*number) : QVariant();
    };
    switch (column) {
    case ExclusiveColumn:
        return optional(metrics.exclusiveMs);
    case InclusiveColumn:
        return optional(metrics.inclusiveMs);
    case RowsColumn:
        return optional(metrics.actualRowsTotal ? metrics.actualRowsTotal : node.planRows);
    case EstimateColumn:
        return optional(metrics.estimateFactor);
    case LoopsColumn:
        return optional(node.actualLoops);
    case CostColumn:
        return optional(node.totalCost);
    default:
        return {};
    }
}

int PlanTreeModel::heat(int id, int column) const
{
    if (column == ExclusiveColumn) {
        const std::optional<double> share = exclusiveShare(id);
        return share ? heatOf(*share, 0.1, 0.5, 0.9) : 0;
    }
    if (column == EstimateColumn) {
        const std::optional<double> factor = m_metrics.nodes[size_t(id)].estimateFactor;
        return factor ? heatOf(*factor, 10, 100, 1000) : 0;
    }
    return 0;
}

QString PlanTreeModel::toolTip(int id) const
{
    const explain::NodeMetrics &metrics = m_metrics.nodes[size_t(id)];
    QStringList lines{planNodeLabel(*m_nodes[size_t(id)].node)};
    if (const std::optional<double> share = exclusiveShare(id))
        lines << tr("%1% of the plan's time spent here").arg(QString::number(*share * 100, 'f', 1));
    if (metrics.neverExecuted.value_or(false))
        lines << tr("Never executed");
    if (metrics.parallel)
        lines << tr("Parallel: times divided by %1 processes").arg(count(metrics.processes));
    if (metrics.filterRemovedShare)
        lines << tr("Filters removed %1% of the rows read")
                     .arg(QString::number(*metrics.filterRemovedShare * 100, 'f', 1));
    return lines.join(u'\n');
}

} // namespace mizzle
