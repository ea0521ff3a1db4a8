#include "plan/plan_flame_graph.h"

#include "plan/plan_node_label.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

PlanFlameGraph::PlanFlameGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"planFlame"_s);
    setMouseTracking(false);
    clear();
}

PlanFlameGraph::~PlanFlameGraph() = default;

void PlanFlameGraph::clear()
{
    m_labels.clear();
    m_spans.clear();
    m_inclusiveMs.clear();
    m_exclusiveMs.clear();
    m_depth = 0;
    m_selected = -1;
    m_message = tr("No plan.");
    updateGeometry();
    update();
}

void PlanFlameGraph::setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics)
{
    clear();
    const std::vector<explain::FlatPlanNode> nodes = explain::flattenPlan(plan.root);
    const double rootMs = metrics.nodes.empty() ? 0 : metrics.nodes[0].inclusiveMs.value_or(0);
    if (metrics.nodes.empty() || !metrics.nodes[0].inclusiveMs || rootMs <= 0) {
        m_message = tr("The flame graph needs times: run Explain Analyze (Shift+F7).");
        update();
        return;
    }
    m_message.clear();
    m_labels.resize(nodes.size());
    m_spans.resize(nodes.size());
    m_inclusiveMs.resize(nodes.size());
    m_exclusiveMs.resize(nodes.size());
    for (size_t id = 0; id < nodes.size(); ++id) {
        m_labels[id] = planNodeLabel(*nodes[id].node);
        m_inclusiveMs[id] = std::max(metrics.nodes[id].inclusiveMs.value_or(0), 0.0);
        m_exclusiveMs[id] = std::max(metrics.nodes[id].exclusiveMs.value_or(0), 0.0);
    }
    m_spans[0] = {0, 1, 0};
    // Pre-order: every parent is placed before its children. Children that add up to more than
    // their parent (rounding, InitPlans timed elsewhere) are squeezed to fit under it.
    for (size_t id = 0; id < nodes.size(); ++id) {
        const Span parent = m_spans[id];
        double childrenMs = 0;
        for (int child : nodes[id].children)
            childrenMs += m_inclusiveMs[size_t(child)];
        const double width = parent.right - parent.left;
        const double perMs = childrenMs > m_inclusiveMs[id] && childrenMs > 0
                                 ? width / childrenMs
                                 : width / std::max(m_inclusiveMs[id], 1e-12);
        double left = parent.left;
        for (int child : nodes[id].children) {
            const double right = left + m_inclusiveMs[size_t(child)] * perMs;
            m_spans[size_t(child)] = {left, std::min(right, parent.right), parent.depth + 1};
            m_depth = std::max(m_depth, parent.depth + 1);
            left = right;
        }
    }
    updateGeometry();
    update();
}

QSize PlanFlameGraph::sizeHint() const
{
    return {600, (m_depth + 1) * RowHeight + 8};
}

QRectF PlanFlameGraph::nodeRect(int id) const
{
    if (id < 0 || size_t(id) >= m_spans.size() ||
        m_spans[size_t(id)].right <= m_spans[size_t(id)].left)
        return {};
    const Span &span = m_spans[size_t(id)];
    const double width = std::max(1, this->width() - 8);
    return QRectF(4 + span.left * width, 4 + span.depth * RowHeight,
                  (span.right - span.left) * width, RowHeight - 2);
}

int PlanFlameGraph::nodeAt(const QPointF &pos) const
{
    for (size_t id = 0; id < m_spans.size(); ++id)
        if (nodeRect(int(id)).contains(pos))
            return int(id);
    return -1;
}

void PlanFlameGraph::setSelectedNode(int id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    update();
}

void PlanFlameGraph::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!m_message.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const double rootMs = m_inclusiveMs[0];
    for (size_t id = 0; id < m_spans.size(); ++id) {
        const QRectF box = nodeRect(int(id));
        if (box.isNull() || box.width() < 0.5)
            continue;
        // Warmer for nodes that spend more of the plan's time themselves.
        const double own = std::clamp(m_exclusiveMs[id] / rootMs, 0.0, 1.0);
        const QColor fill = QColor::fromHsvF(float(0.13 - 0.13 * std::sqrt(own)), 0.55f, 0.98f);
        painter.fillRect(box, fill);
        painter.setPen(QColor(0xff, 0xff, 0xff));
        painter.drawRect(box);
        if (box.width() > 30) {
            painter.setPen(Qt::black);
            painter.drawText(
                box.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                fontMetrics().elidedText(m_labels[id], Qt::ElideRight, int(box.width() - 6)));
        }
    }
    const QRectF selected = nodeRect(m_selected);
    if (!selected.isNull()) {
        painter.setPen(QPen(QColor(0x1a, 0x73, 0xe8), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(selected.adjusted(1, 1, -1, -1));
    }
}

void PlanFlameGraph::mousePressEvent(QMouseEvent *event)
{
    const int id = nodeAt(event->position());
    if (id < 0)
        return;
    setSelectedNode(id);
    emit nodeSelected(id);
}

bool PlanFlameGraph::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int id = nodeAt(help->pos());
        if (id < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const QLocale locale;
        QToolTip::showText(
            help->globalPos(),
            tr("%1\n%2 ms inclusive, %3 ms self (%4% of the plan)")
                .arg(m_labels[size_t(id)], locale.toString(m_inclusiveMs[size_t(id)], 'f', 3),
                     locale.toString(m_exclusiveMs[size_t(id)], 'f', 3),
                     QString::number(100 * m_exclusiveMs[size_t(id)] / m_inclusiveMs[0], 'f', 1)),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace mizzle
