#include "plan/plan_sql_view.h"

#include "explain/plan.h"

#include <QScopedValueRollback>
#include <algorithm>

namespace mizzle {

PlanSqlView::PlanSqlView(QWidget *parent)
    : SqlEditor(parent)
{
    setReadOnly(true);
    // Read-only text still shows its cursor, which is how a click here points at a node.
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &PlanSqlView::followCursor);
}

void PlanSqlView::setPlan(const explain::Plan &plan, const QString &sql)
{
    const QScopedValueRollback placing(m_placingCursor, true);
    m_links = explain::PlanSqlLinks::link(explain::flattenPlan(plan.root), sql);
    m_marked.clear();
    setLinkedRanges({});
    setPlainText(sql);
}

void PlanSqlView::clear()
{
    const QScopedValueRollback placing(m_placingCursor, true);
    m_links = {};
    m_marked.clear();
    setLinkedRanges({});
    setPlainText({});
}

void PlanSqlView::setSelectedNode(int id)
{
    m_marked = m_links.rangesOf(id);
    QList<std::pair<int, int>> ranges;
    for (const explain::SqlRange &range : std::as_const(m_marked))
        ranges.append({range.start, range.end});
    setLinkedRanges(ranges);
    const int at = textCursor().position();
    const bool cursorOnNode =
        std::any_of(m_marked.cbegin(), m_marked.cend(),
                    [at](const explain::SqlRange &r) { return r.contains(at); });
    if (m_marked.isEmpty() || cursorOnNode)
        return; // the click that selected the node stays where it was
    const QScopedValueRollback placing(m_placingCursor, true);
    moveCursorTo(m_marked.first().start);
}

void PlanSqlView::followCursor()
{
    if (m_placingCursor || textCursor().hasSelection())
        return;
    const int id = m_links.nodeAt(textCursor().position());
    if (id >= 0)
        emit nodeSelected(id);
}

} // namespace mizzle
