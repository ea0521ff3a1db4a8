#pragma once

#include "explain/plan_metrics.h"
#include "explain/plan_tree.h"

#include <QWidget>

namespace mizzle {

// An icicle graph of where the time went: the root spans the width, each node's children hang
// below it, as wide as their inclusive time, so the part of a node no child covers is its own
// time. A click selects a node; the selected one is outlined; a tooltip gives name and times.
// Plain Explain has no times, and the graph says so instead.
class PlanFlameGraph : public QWidget
{
    Q_OBJECT
public:
    explicit PlanFlameGraph(QWidget *parent = nullptr);
    ~PlanFlameGraph() override;

    void setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics);
    void clear();
    void setSelectedNode(int id);
    int selectedNode() const { return m_selected; }
    // The node's rectangle in widget coordinates, null when it has none (no time, or no plan).
    QRectF nodeRect(int id) const;
    int nodeAt(const QPointF &pos) const;
    // Shown instead of the graph, empty while there is a graph.
    QString message() const { return m_message; }

    QSize sizeHint() const override;

signals:
    void nodeSelected(int id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    static constexpr int RowHeight = 22;

    struct Span
    {
        double left = 0; // fractions of the root's inclusive time
        double right = 0;
        int depth = 0;
    };

    QString m_message;
    std::vector<QString> m_labels;
    std::vector<Span> m_spans; // by node id; right <= left when the node has no rectangle
    std::vector<double> m_inclusiveMs;
    std::vector<double> m_exclusiveMs;
    int m_depth = 0;
    int m_selected = -1;
};

} // namespace mizzle
