#include "plan/graph/plan_graph_view.h"

#include "plan/graph/plan_graph_minimap.h"
#include "plan/plan_node_label.h"

#include <QApplication>
#include <QFontMetrics>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLocale>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr int CardIndexKey = 0; // item data: index into the layout's cards
const QColor cardFill(0xfa, 0xfa, 0xfc);
const QColor cardBorder(0x9a, 0xa0, 0xa6);
const QColor selectedBorder(0x1a, 0x73, 0xe8);

QString count(double value)
{
    return QLocale().toString(value, 'f', 0);
}

} // namespace

PlanGraphView::PlanGraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    m_minimap = new PlanGraphMinimap(this);
    setObjectName(u"planGraph"_s);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::Antialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(Qt::white);
}

PlanGraphView::~PlanGraphView() = default;

void PlanGraphView::setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics)
{
    m_nodes = explain::flattenPlan(plan.root);
    m_metrics = &metrics;
    m_totalMs = 0;
    // As the Table page does: shares of the summed exclusive times, which include rounding.
    if (metrics.invariant.sumExclusiveMs && *metrics.invariant.sumExclusiveMs > 0)
        m_totalMs = *metrics.invariant.sumExclusiveMs;
    else if (metrics.invariant.rootInclusiveMs)
        m_totalMs = *metrics.invariant.rootInclusiveMs;
    m_options.collapsed.clear();
    m_options.expandedGroups.clear();
    m_selected = -1;
    rebuild();
}

void PlanGraphView::clear()
{
    m_nodes.clear();
    m_metrics = nullptr;
    m_selected = -1;
    rebuild();
}

void PlanGraphView::toggleCollapsed(int id)
{
    if (id < 0 || size_t(id) >= m_nodes.size() || m_nodes[size_t(id)].children.empty())
        return;
    if (!m_options.collapsed.erase(id))
        m_options.collapsed.insert(id);
    rebuild();
}

void PlanGraphView::expandGroup(int parentId)
{
    m_options.expandedGroups.insert(parentId);
    rebuild();
}

int PlanGraphView::groupCardCount() const
{
    return int(std::count_if(m_layout.cards.begin(), m_layout.cards.end(),
                             [](const PlanGraphCard &card) { return card.groupSize > 0; }));
}

QRectF PlanGraphView::cardRect(int id) const
{
    const auto card = m_cards.find(id);
    return card == m_cards.end() ? QRectF() : card->second->sceneBoundingRect();
}

QRectF PlanGraphView::groupRect(int parentId) const
{
    for (const PlanGraphCard &card : m_layout.cards)
        if (card.groupSize > 0 && m_layout.cards[size_t(card.parentCard)].node == parentId)
            return card.rect;
    return {};
}

double PlanGraphView::edgeWidth(int id) const
{
    const auto edge = m_edges.find(id);
    return edge == m_edges.end() ? 0 : edge->second->pen().widthF();
}

double PlanGraphView::rowsInto(int id) const
{
    const explain::NodeMetrics &metrics = m_metrics->nodes[size_t(id)];
    if (metrics.actualRowsTotal)
        return *metrics.actualRowsTotal;
    const explain::PlanNode &node = *m_nodes[size_t(id)].node;
    return node.planRows.value_or(0);
}

void PlanGraphView::rebuild()
{
    m_scene->clear();
    m_cards.clear();
    m_edges.clear();
    m_layout = layoutPlanGraph(m_nodes, m_options);
    for (size_t index = 0; index < m_layout.cards.size(); ++index)
        addCard(m_layout.cards[index], int(index));
    // Edges go from the bottom centre of the parent to the top centre of the child, beneath
    // the cards.
    for (const PlanGraphCard &card : m_layout.cards) {
        if (card.parentCard < 0)
            continue;
        const QRectF from = m_layout.cards[size_t(card.parentCard)].rect;
        double rows = 0;
        if (card.groupSize > 0) {
            const int parent = m_layout.cards[size_t(card.parentCard)].node;
            for (int child : m_nodes[size_t(parent)].children)
                if (m_layout.cardOfNode[size_t(child)] < 0)
                    rows += rowsInto(child);
        } else {
            rows = rowsInto(card.node);
        }
        QPen pen(QColor(0x80, 0x86, 0x8b), planGraphEdgeWidth(rows));
        auto *line = m_scene->addLine(QLineF(QPointF(from.center().x(), from.bottom()),
                                             QPointF(card.rect.center().x(), card.rect.top())),
                                      pen);
        line->setZValue(-1);
        line->setToolTip(tr("%1 rows").arg(count(rows)));
        if (card.groupSize == 0)
            m_edges.emplace(card.node, line);
    }
    const QRectF bounds = m_layout.bounds.adjusted(-40, -40, 40, 40);
    m_scene->setSceneRect(bounds);
    if (m_selected >= 0 && m_cards.contains(m_selected))
        highlight(m_selected, true);
    m_minimap->setVisible(!m_layout.cards.empty());
}

void PlanGraphView::addCard(const PlanGraphCard &card, int index)
{
    const QRectF rect = card.rect;
    auto *box = m_scene->addRect(rect, QPen(cardBorder, 1), QBrush(cardFill));
    box->setData(CardIndexKey, index);
    const double inner = rect.width() - 12;
    QFont bold = font();
    bold.setBold(true);
    const auto addText = [&](const QString &text, double y, const QFont &textFont) {
        const QString elided = QFontMetrics(textFont).elidedText(text, Qt::ElideRight, int(inner));
        auto *item = new QGraphicsSimpleTextItem(elided, box);
        item->setFont(textFont);
        item->setPos(rect.left() + 6, rect.top() + y);
        return item;
    };
    if (card.groupSize > 0) {
        box->setBrush(QColor(0xee, 0xf2, 0xf7));
        box->setPen(QPen(cardBorder, 1, Qt::DashLine));
        addText(tr("%n similar children", nullptr, card.groupSize), 8, bold);
        addText(planNodeLabel(*m_nodes[size_t(card.node)].node), 30, font());
        addText(tr("Double-click to show them"), 52, font());
        box->setToolTip(tr("%n more children like this one", nullptr, card.groupSize));
        return;
    }
    m_cards.emplace(card.node, box);
    const QString label = planNodeLabel(*m_nodes[size_t(card.node)].node);
    box->setToolTip(label);
    addText(label, 6, bold);

    // The bar: the node's share of the plan's exclusive time.
    const explain::NodeMetrics &metrics = m_metrics->nodes[size_t(card.node)];
    const QRectF track(rect.left() + 6, rect.top() + 28, inner, 8);
    auto *trackItem = new QGraphicsRectItem(track, box);
    trackItem->setPen(Qt::NoPen);
    trackItem->setBrush(QColor(0xe3, 0xe6, 0xea));
    if (metrics.exclusiveMs && m_totalMs > 0) {
        const double share = std::clamp(*metrics.exclusiveMs / m_totalMs, 0.0, 1.0);
        auto *bar = new QGraphicsRectItem(QRectF(track.topLeft(), QSizeF(inner * share, 8)), box);
        bar->setPen(Qt::NoPen);
        bar->setBrush(share >= 0.5   ? QColor(0xd9, 0x30, 0x25)
                      : share >= 0.1 ? QColor(0xf2, 0x99, 0x00)
                                     : QColor(0x34, 0xa8, 0x53));
        box->setToolTip(tr("%1\n%2 ms self, %3% of the plan")
                            .arg(label, QLocale().toString(*metrics.exclusiveMs, 'f', 3),
                                 QString::number(share * 100, 'f', 1)));
    }
    const explain::PlanNode &node = *m_nodes[size_t(card.node)].node;
    QString rows;
    if (metrics.actualRowsTotal)
        rows = tr("%1 rows of %2 planned")
                   .arg(count(*metrics.actualRowsTotal),
                        count(metrics.plannedRowsTotal.value_or(node.planRows.value_or(0))));
    else
        rows = tr("%1 rows planned").arg(count(node.planRows.value_or(0)));
    if (metrics.neverExecuted.value_or(false))
        rows = tr("never executed");
    addText(rows, 42, font());
    QString extra = badges(card.node);
    if (card.hiddenBelow > 0)
        extra = tr("+%n hidden", nullptr, card.hiddenBelow) + (extra.isEmpty() ? u""_s : u"  "_s) +
                extra;
    if (!extra.isEmpty()) {
        auto *badge = addText(extra, 64, font());
        badge->setBrush(QColor(0xb3, 0x26, 0x1e));
    }
}

QString PlanGraphView::badges(int id) const
{
    const explain::NodeMetrics &metrics = m_metrics->nodes[size_t(id)];
    QStringList out;
    if (metrics.spills.any())
        out << tr("spill");
    if (metrics.estimateFactor && *metrics.estimateFactor >= 10)
        out << tr("est %1×").arg(count(*metrics.estimateFactor));
    if (metrics.filterRemovedShare && *metrics.filterRemovedShare > 0.5)
        out << tr("filter −%1%").arg(count(*metrics.filterRemovedShare * 100));
    return out.join(u"  "_s);
}

void PlanGraphView::highlight(int id, bool on)
{
    const auto card = m_cards.find(id);
    if (card == m_cards.end())
        return;
    card->second->setPen(on ? QPen(selectedBorder, 3) : QPen(cardBorder, 1));
    card->second->setBrush(on ? QColor(0xe8, 0xf0, 0xfe) : cardFill);
}

void PlanGraphView::setSelectedNode(int id)
{
    if (id == m_selected)
        return;
    highlight(m_selected, false);
    m_selected = id;
    reveal(id);
    highlight(id, true);
    if (const auto card = m_cards.find(id); card != m_cards.end())
        centerOn(card->second);
}

void PlanGraphView::reveal(int id)
{
    const auto hidden = [this, id] {
        return id >= 0 && size_t(id) < m_nodes.size() && m_layout.cardOfNode[size_t(id)] < 0;
    };
    if (!hidden())
        return;
    // A node chosen elsewhere (the table, a hint) is shown even when it was folded away: first
    // unfold its ancestors, then open the groups it is still hidden in.
    for (int parent = m_nodes[size_t(id)].parent; parent >= 0;
         parent = m_nodes[size_t(parent)].parent)
        m_options.collapsed.erase(parent);
    rebuild();
    if (!hidden())
        return;
    for (int child = id, parent = m_nodes[size_t(id)].parent; parent >= 0;
         child = parent, parent = m_nodes[size_t(parent)].parent) {
        if (m_layout.cardOfNode[size_t(parent)] >= 0 && m_layout.cardOfNode[size_t(child)] < 0)
            m_options.expandedGroups.insert(parent);
    }
    rebuild();
}

const PlanGraphCard *PlanGraphView::cardAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item = itemAt(viewPos); item; item = item->parentItem()) {
        const QVariant index = item->data(CardIndexKey);
        if (index.isValid())
            return &m_layout.cards[size_t(index.toInt())];
    }
    return nullptr;
}

void PlanGraphView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    QGraphicsView::mousePressEvent(event);
}

void PlanGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A press and release in one place is a click; anything longer was a pan.
    if (event->button() != Qt::LeftButton ||
        (event->pos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        return;
    const PlanGraphCard *card = cardAt(event->pos());
    if (!card || card->groupSize > 0)
        return;
    const int id = card->node;
    highlight(m_selected, false);
    m_selected = id;
    highlight(id, true);
    emit nodeSelected(id);
}

void PlanGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const PlanGraphCard *card = cardAt(event->pos());
    if (!card) {
        QGraphicsView::mouseDoubleClickEvent(event);
        return;
    }
    if (card->groupSize > 0)
        expandGroup(m_layout.cards[size_t(card->parentCard)].node);
    else
        toggleCollapsed(card->node);
}

void PlanGraphView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double zoom = transform().m11() * factor;
    if (zoom > 0.02 && zoom < 8)
        scale(factor, factor);
    event->accept();
}

} // namespace mizzle
