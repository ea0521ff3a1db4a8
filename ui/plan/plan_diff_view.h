#pragma once

#include "explain/plan_diff.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace mizzle {

// Two plans side by side, node by node (explain::diffPlans): what was added, removed or
// changed, and the change in self time, rows, cost, estimate and shared blocks of each node.
class PlanDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanDiffView(QWidget *parent = nullptr);

    void setPlans(const explain::Plan &before, const explain::PlanMetrics &beforeMetrics,
                  const explain::Plan &after, const explain::PlanMetrics &afterMetrics);

    QTreeWidget *tree() const { return m_tree; }
    QString summary() const;

private:
    QLabel *m_summary;
    QTreeWidget *m_tree;
};

} // namespace mizzle
