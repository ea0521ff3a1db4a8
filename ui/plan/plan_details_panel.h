#pragma once

#include "explain/plan_metrics.h"
#include "explain/plan_node.h"

#include <QJsonObject>
#include <QTreeWidget>
#include <vector>

namespace mizzle {

// Everything about the selected plan node: first what Mizzle derived (self time, share, rows
// over all loops, the estimate, spills, exclusive buffers), then every field PostgreSQL printed
// for the node, verbatim and in full, nested lists and objects (Workers, Output) included.
// Fields Mizzle's plan model does not know are shown too, in italics.
class PlanDetailsPanel : public QTreeWidget
{
    Q_OBJECT
public:
    explicit PlanDetailsPanel(QWidget *parent = nullptr);

    // `printed` is the node's object from the EXPLAIN output, with or without its "Plans".
    void showNode(const explain::PlanNode &node, const explain::NodeMetrics &metrics,
                  std::optional<double> share, const QJsonObject &printed);
    void showText(const QString &text);
    void clearNode();

    // The value shown for a field, searched in every section; empty if there is none.
    QString valueOf(const QString &field) const;

    // The node objects of the first plan in EXPLAIN (FORMAT JSON) output, in pre-order, the
    // order flattenPlan() numbers the parsed nodes in.
    static std::vector<QJsonObject> printedNodes(const QByteArray &json);

private:
    QTreeWidgetItem *addSection(const QString &title);
    void addDerived(QTreeWidgetItem *section, const QString &field, const QString &value);
    void addPrinted(QTreeWidgetItem *parent, const QString &field, const QJsonValue &value,
                    bool unknown);
};

} // namespace mizzle
