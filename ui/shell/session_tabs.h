#pragma once

#include "browse/browse_state.h"

#include <QObject>

class QTabWidget;

namespace mizzle {

class ConnectionSession;
class DocumentActions;
class ExplainLauncher;
class MonitorTab;
class QueryTab;
class TableTab;
struct TableDetails;

// Opens the tabs of one connection session and wires each one to the session's parts: a SQL
// tab to the completion names, the history and the catalog refresh, to Explain and to the
// documents; a table tab to the pool. The window decides when; this class knows how.
class SessionTabs : public QObject
{
    Q_OBJECT
public:
    SessionTabs(QTabWidget *tabs, DocumentActions *documents, ExplainLauncher *plans,
                QObject *parent = nullptr);

    // Every tab is closed before the session changes: tabs hold leases of the old pool.
    void setSession(ConnectionSession *session);
    ConnectionSession *session() const { return m_session; }

    // A new SQL tab, made current; nullptr without a session.
    QueryTab *openQueryTab(const QString &text = {});
    // The tab of that table, made current: the one already open, or a new one.
    TableTab *openTable(const TableDetails &table,
                        const std::optional<BrowseState> &start = std::nullopt);
    TableTab *findTable(const QString &schema, const QString &name) const;
    // The session's Monitor, made current: one per session, opened on first use.
    MonitorTab *openMonitor();
    // Makes current the tab that contains `object` (a lease's context, say); false if none does.
    bool showTabOf(QObject *object);
    // Asks first when a SQL tab has unsaved text or an open transaction.
    void closeTab(int index);
    void closeAll();

private:
    QTabWidget *m_tabs;
    DocumentActions *m_documents;
    ExplainLauncher *m_plans;
    ConnectionSession *m_session = nullptr;
};

} // namespace mizzle
