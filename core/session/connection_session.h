#pragma once

#include "base/error.h"
#include "browse/browse_state.h"
#include "connection/connection_target.h"

#include <QObject>
#include <memory>
#include <optional>

namespace mizzle {

class Catalog;
class CompletionCatalog;
class ConnectionPool;
class QueryHistory;
class TypeCatalog;
namespace monitor {
class AlertWatch;
class PoolMetrics;
} // namespace monitor
struct StatementOutcome;

// Everything Mizzle holds for one connection target: the pool, the catalog, the type names, the
// names for completion, the query history, the pool's metrics and alerts, and where the edit
// journals go. It builds them in dependency order and tears them down in the reverse order, in
// one place, so that no part outlives the pool it reads from.
class ConnectionSession : public QObject
{
    Q_OBJECT
public:
    // dataDirectory holds the session's files: history/, browse-state/ and journals/. Empty:
    // the user's data folder (QueryHistory::defaultDirectory(), and so on).
    explicit ConnectionSession(ConnectionTarget target, const QString &dataDirectory = {},
                               QObject *parent = nullptr);
    ~ConnectionSession() override;

    const ConnectionTarget &target() const { return m_target; }
    ConnectionPool *pool() const { return m_pool.get(); }
    Catalog *catalog() const { return m_catalog.get(); }
    // The names of the database's types. Not loaded at construction: whoever has seen the
    // connection work calls load(), as the window does with the completion names.
    TypeCatalog *typeCatalog() const { return m_types.get(); }
    CompletionCatalog *completion() const { return m_completion.get(); }
    // Measured from the pool's first event, so a Monitor opened later still sees the whole
    // session's waits; the alerts watch it from then on too.
    monitor::PoolMetrics *poolMetrics() const { return m_poolMetrics.get(); }
    monitor::AlertWatch *alerts() const { return m_alerts.get(); }
    // The history of this target, opened on first use; nullptr when its file cannot be opened
    // (historyProblem() then says why). Work goes on without it.
    QueryHistory *history();
    const std::optional<Error> &historyProblem() const { return m_historyProblem; }
    // Each table tab's filter, sort and column widths for this target.
    BrowseStateStore &browseStates() { return m_browseStates; }
    // Where the pending edits of a table of this target are journaled (EditJournal).
    QString journalPath(const QString &schema, const QString &table) const;

    // A statement the user ran: it goes into the history, and one that changed the schema
    // makes the completion and type names be read again and catalogChanged() follow.
    void statementRan(const StatementOutcome &outcome);

signals:
    void catalogChanged();
    // Recording into the history failed; the error says where and why.
    void historyFailed(const mizzle::Error &error);

private:
    ConnectionTarget m_target;
    QString m_dataDirectory;
    QString m_historyDirectory;
    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<monitor::PoolMetrics> m_poolMetrics;
    std::unique_ptr<monitor::AlertWatch> m_alerts;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<TypeCatalog> m_types;
    std::unique_ptr<CompletionCatalog> m_completion;
    std::unique_ptr<QueryHistory> m_history;
    std::optional<Error> m_historyProblem;
    BrowseStateStore m_browseStates;
};

} // namespace mizzle
