#pragma once

#include "explain/plan_sql_links.h"
#include "sqltext/sql_editor.h"

namespace mizzle {

namespace explain {
struct Plan;
}

// The statement a plan came from, highlighted and read-only, beside the plan's views. The
// selected node's relation and conditions are marked in it, and placing the cursor on a marked
// relation or condition selects its node: PlanSqlLinks says which text belongs to which node.
class PlanSqlView : public SqlEditor
{
    Q_OBJECT
public:
    explicit PlanSqlView(QWidget *parent = nullptr);

    void setPlan(const explain::Plan &plan, const QString &sql);
    void clear();
    void setSelectedNode(int id);

    const explain::PlanSqlLinks &links() const { return m_links; }
    // What is marked now, in text order.
    QList<explain::SqlRange> markedRanges() const { return m_marked; }

signals:
    void nodeSelected(int id);

private:
    void followCursor();

    explain::PlanSqlLinks m_links;
    QList<explain::SqlRange> m_marked;
    bool m_placingCursor = false; // our own cursor moves must not select anything
};

} // namespace mizzle
