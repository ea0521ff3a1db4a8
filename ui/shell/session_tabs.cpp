#include "shell/session_tabs.h"

#include "browse/table_editor.h"
#include "browse/table_tab.h"
#include "catalog/catalog_types.h"
#include "editor/document_actions.h"
#include "editor/query_tab.h"
#include "editor/sql_completer.h"
#include "monitor/monitor_tab.h"
#include "plan/explain_launcher.h"
#include "session/connection_session.h"
#include "sqltext/sql_editor.h"

#include <QMessageBox>
#include <QTabWidget>

namespace mizzle {

SessionTabs::SessionTabs(QTabWidget *tabs, DocumentActions *documents, ExplainLauncher *plans,
                         QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_documents(documents)
    , m_plans(plans)
{
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &SessionTabs::closeTab);
}

void SessionTabs::setSession(ConnectionSession *session)
{
    closeAll();
    m_session = session;
}

QueryTab *SessionTabs::openQueryTab(const QString &text)
{
    if (!m_session)
        return nullptr;
    auto *tab = new QueryTab(m_session->pool(), m_session->typeCatalog(), m_tabs);
    tab->editor()->setPlainText(text);
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, QString()));
    m_documents->track(tab); // names the tab and keeps its title, markers and session current
    connect(tab, &QueryTab::statementRan, m_session, &ConnectionSession::statementRan);
    connect(tab, &QueryTab::explainRequested, m_plans, // F7, Shift+F7: a plan tab beside it
            [this, tab](const QString &statement, bool analyze) {
                m_plans->open(m_session->pool(), tab, statement, analyze);
            });
    new SqlCompleter(tab->editor(), m_session->completion());
    tab->editor()->setFocus();
    return tab;
}

TableTab *SessionTabs::findTable(const QString &schema, const QString &name) const
{
    const QString qualified = schema + u'.' + name;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<TableTab *>(m_tabs->widget(i));
        if (tab && tab->qualifiedName() == qualified)
            return tab;
    }
    return nullptr;
}

TableTab *SessionTabs::openTable(const TableDetails &table, const std::optional<BrowseState> &start)
{
    if (TableTab *open = findTable(table.schema, table.name)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    if (!m_session)
        return nullptr;
    auto *tab = new TableTab(m_session, table, start, m_tabs);
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, table.name));
    m_tabs->setTabToolTip(m_tabs->currentIndex(), tab->qualifiedName());
    return tab;
}

MonitorTab *SessionTabs::openMonitor()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *open = qobject_cast<MonitorTab *>(m_tabs->widget(i))) {
            m_tabs->setCurrentWidget(open);
            return open;
        }
    }
    if (!m_session)
        return nullptr;
    auto *tab = new MonitorTab(m_session, m_tabs);
    connect(tab, &MonitorTab::holderActivated, this, &SessionTabs::showTabOf);
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, tr("Monitor")));
    m_tabs->setTabToolTip(
        m_tabs->currentIndex(),
        tr("Pool, server and PgBouncer of %1").arg(m_session->target().displayName));
    return tab;
}

bool SessionTabs::showTabOf(QObject *object)
{
    // Leases are asked for by a tab's parts (a reader, a runner, a saver), which are its
    // children; the first ancestor that is a tab page is the one to show.
    for (QObject *each = object; each; each = each->parent()) {
        auto *widget = qobject_cast<QWidget *>(each);
        if (const int index = widget ? m_tabs->indexOf(widget) : -1; index >= 0) {
            m_tabs->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

void SessionTabs::closeTab(int index)
{
    auto *query = qobject_cast<QueryTab *>(m_tabs->widget(index));
    if (query && !m_documents->confirmClose(query)) // unsaved text, an open transaction
        return;
    auto *table = qobject_cast<TableTab *>(m_tabs->widget(index));
    if (table && table->editor()->hasPendingChanges()) {
        // The journal keeps them for the next opening either way; say so.
        const auto answer = QMessageBox::question(
            m_tabs->window(), tr("Close %1?").arg(table->qualifiedName()),
            tr("This table has changes that are not saved. Closing keeps them in its journal: "
               "they are offered again when the table is opened next. Close it?"),
            QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Close)
            return;
    }
    delete m_tabs->widget(index);
}

void SessionTabs::closeAll()
{
    // SQL documents come back with the next session; suspend() keeps them.
    m_documents->suspend();
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
}

} // namespace mizzle
