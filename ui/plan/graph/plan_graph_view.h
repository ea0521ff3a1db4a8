#pragma once

#include "explain/plan_metrics.h"
#include "explain/plan_tree.h"
#include "plan/graph/plan_graph_layout.h"

#include <QGraphicsView>
#include <unordered_map>

class QGraphicsLineItem;
class QGraphicsRectItem;

namespace mizzle {

class PlanGraphMinimap;

// The plan as a picture: one card per node, top-down, with the node's name, a bar for its share
// of the plan's exclusive time, actual against planned rows and badges for spills, estimates off
// by 10× or more and filters that discard most rows. Edges are as thick as the rows they carry.
// A click selects a card, a double-click folds or unfolds its subtree (or shows a group's
// similar children), Ctrl+wheel zooms and dragging pans. A minimap in the corner shows the whole
// plan with a frame around the part on screen; pressing or dragging in it moves there.
// The plan and metrics must outlive the view's use of them (PlanTreeModel owns both).
class PlanGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit PlanGraphView(QWidget *parent = nullptr);
    ~PlanGraphView() override;

    void setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics);
    void clear();
    void setSelectedNode(int id);
    void toggleCollapsed(int id);
    void expandGroup(int parentId);

    int selectedNode() const { return m_selected; }
    // Cards of visible nodes; group cards are counted apart.
    int cardCount() const { return int(m_cards.size()); }
    int groupCardCount() const;
    // The card's rectangle in scene coordinates, null when the node is hidden.
    QRectF cardRect(int id) const;
    // The "N similar children" card under the node, null when it has none.
    QRectF groupRect(int parentId) const;
    // The pen width of the edge into the node from its parent, 0 when there is none.
    double edgeWidth(int id) const;
    PlanGraphMinimap *minimap() const { return m_minimap; }

signals:
    void nodeSelected(int id);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void rebuild();
    void addCard(const PlanGraphCard &card, int index);
    QString badges(int id) const;
    double rowsInto(int id) const;
    const PlanGraphCard *cardAt(const QPoint &viewPos) const;
    void highlight(int id, bool on);
    void reveal(int id);

    QGraphicsScene *m_scene;
    PlanGraphMinimap *m_minimap = nullptr;
    std::vector<explain::FlatPlanNode> m_nodes;
    const explain::PlanMetrics *m_metrics = nullptr;
    double m_totalMs = 0;
    PlanGraphLayoutOptions m_options;
    PlanGraphLayout m_layout;
    std::unordered_map<int, QGraphicsRectItem *> m_cards; // by node id
    std::unordered_map<int, QGraphicsLineItem *> m_edges; // by child node id
    int m_selected = -1;
    QPoint m_pressPos;
};

} // namespace mizzle
