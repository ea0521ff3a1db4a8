#include "explain_launcher.h"

#include "plan_tab.h"
#include "query_tab.h"

#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace mizzle {

ExplainLauncher::ExplainLauncher(QTabWidget *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{}

void ExplainLauncher::attach(QueryTab *tab, ConnectionPool *pool)
{
    connect(tab, &QueryTab::explainRequested, this,
            [this, tab, pool](const QString &statement, bool analyze) {
                open(pool, tab, statement, analyze);
            });
}

PlanTab *ExplainLauncher::open(ConnectionPool *pool, QWidget *origin, const QString &statement,
                               bool analyze)
{
    if (statement.trimmed().isEmpty())
        return nullptr;
    auto *tab = new PlanTab(pool, statement, analyze, m_tabs);
    int at = m_tabs->indexOf(origin) + 1;
    while (at > 0 && at < m_tabs->count() && qobject_cast<PlanTab *>(m_tabs->widget(at)))
        ++at;
    if (at <= 0)
        at = m_tabs->count();
    at = m_tabs->insertTab(at, tab, title(statement));
    m_tabs->setTabToolTip(
        at, (analyze ? tr("Explain Analyze:\n%1") : tr("Explain:\n%1")).arg(statement.left(2000)));
    m_tabs->setCurrentIndex(at);
    tab->run();
    return tab;
}

QString ExplainLauncher::title(const QString &statement)
{
    const QString line = statement.simplified();
    return tr("Plan: %1").arg(line.size() > 30 ? line.left(29) + u"…"_s : line);
}

} // namespace mizzle
