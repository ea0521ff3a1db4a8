#include "plan/plan_diff_view.h"

#include <QBrush>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

using Change = explain::PlanDiffEntry::Change;

QString signedFigure(std::optional<double> value, int decimals)
{
    if (!value)
        return {};
    return (*value > 0 ? u"+"_s : QString()) + QLocale().toString(*value, 'f', decimals);
}

QString factor(std::optional<double> value)
{
    return value ? QLocale().toString(*value, 'f', 1) + u"×"_s : u"–"_s;
}

QString changeName(Change change)
{
    switch (change) {
    case Change::Same:
        return PlanDiffView::tr("same");
    case Change::Changed:
        return PlanDiffView::tr("changed");
    case Change::Removed:
        return PlanDiffView::tr("removed");
    case Change::Added:
        return PlanDiffView::tr("added");
    }
    return {};
}

QString milliseconds(std::optional<double> value)
{
    return value ? QLocale().toString(*value, 'f', 3) + u" ms"_s : u"–"_s;
}

} // namespace

PlanDiffView::PlanDiffView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(u"planDiff"_s);
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setHeaderLabels({tr("Before"), tr("After"), tr("Change"), tr("Self ms Δ"), tr("Rows Δ"),
                             tr("Cost Δ"), tr("Estimate"), tr("Shared blocks Δ")});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
}

QString PlanDiffView::summary() const
{
    return m_summary->text();
}

void PlanDiffView::setPlans(const explain::Plan &before, const explain::PlanMetrics &beforeMetrics,
                            const explain::Plan &after, const explain::PlanMetrics &afterMetrics)
{
    m_tree->clear();
    const auto entries = explain::diffPlans(before, beforeMetrics, after, afterMetrics);
    int changed = 0;
    for (const explain::PlanDiffEntry &entry : entries) {
        const QString indent(entry.depth * 2, u' ');
        auto *item = new QTreeWidgetItem(
            m_tree,
            {indent + entry.labelBefore, indent + entry.labelAfter, changeName(entry.change),
             signedFigure(entry.exclusiveMsDelta, 3), signedFigure(entry.actualRowsDelta, 0),
             signedFigure(entry.totalCostDelta, 2),
             factor(entry.estimateFactorBefore) + u" → "_s + factor(entry.estimateFactorAfter),
             entry.sharedBlocksDelta ? QLocale().toString(*entry.sharedBlocksDelta) : QString()});
        if (entry.change != Change::Same) {
            ++changed;
            const QColor tint = entry.change == Change::Added     ? QColor(0xd7, 0xf0, 0xd7)
                                : entry.change == Change::Removed ? QColor(0xf6, 0xd5, 0xd5)
                                                                  : QColor(0xfa, 0xed, 0xc8);
            for (int column = 0; column < m_tree->columnCount(); ++column)
                item->setBackground(column, tint);
        }
    }
    for (int column = 0; column < m_tree->columnCount(); ++column)
        m_tree->resizeColumnToContents(column);
    m_summary->setText(
        tr("Execution %1 → %2 · planning %3 → %4 · %5 of %6 nodes differ")
            .arg(milliseconds(beforeMetrics.executionMs), milliseconds(afterMetrics.executionMs),
                 milliseconds(beforeMetrics.planningMs), milliseconds(afterMetrics.planningMs))
            .arg(changed)
            .arg(entries.size()));
}

} // namespace mizzle
