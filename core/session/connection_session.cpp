#include "session/connection_session.h"

#include "catalog/catalog.h"
#include "catalog/catalog_change.h"
#include "catalog/type_catalog.h"
#include "completion/completion_catalog.h"
#include "connection/connection_pool.h"
#include "document/query_history.h"
#include "edit/edit_journal.h"
#include "monitor/alert_watch.h"
#include "monitor/pool_metrics.h"
#include "query/statement_outcome.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

PoolSettings poolSettings(const ConnectionTarget &target)
{
    PoolSettings settings = target.pool;
    settings.readOnly = target.readOnly;
    return settings;
}

} // namespace

ConnectionSession::ConnectionSession(ConnectionTarget target, const QString &dataDirectory,
                                     QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_dataDirectory(dataDirectory)
    , m_historyDirectory(dataDirectory.isEmpty() ? QString() : dataDirectory + u"/history"_s)
    , m_pool(std::make_unique<ConnectionPool>(m_target.parameters, poolSettings(m_target)))
    , m_poolMetrics(std::make_unique<monitor::PoolMetrics>(m_pool.get()))
    , m_alerts(
          std::make_unique<monitor::AlertWatch>(m_poolMetrics.get(), monitor::AlertThresholds{}))
    , m_catalog(std::make_unique<Catalog>(m_pool.get()))
    , m_types(std::make_unique<TypeCatalog>(m_pool.get()))
    , m_completion(std::make_unique<CompletionCatalog>(m_pool.get()))
    , m_browseStates(dataDirectory.isEmpty() ? QString() : dataDirectory + u"/browse-state"_s,
                     m_target.displayName)
{}

ConnectionSession::~ConnectionSession()
{
    // The reverse of construction, spelled out: what reads through the pool goes first, and
    // the pool, closing every connection, goes last.
    m_history.reset();
    m_completion.reset();
    m_types.reset();
    m_catalog.reset();
    m_alerts.reset();
    m_poolMetrics.reset();
    m_pool.reset();
}

QueryHistory *ConnectionSession::history()
{
    if (m_history || m_historyProblem)
        return m_history.get();
    m_history = std::make_unique<QueryHistory>(m_historyDirectory, m_target.displayName);
    if (Result<void> opened = m_history->open(); !opened) {
        m_historyProblem = opened.error();
        m_history.reset();
    }
    return m_history.get();
}

void ConnectionSession::statementRan(const StatementOutcome &outcome)
{
    if (QueryHistory *kept = history()) {
        HistoryEntry entry;
        entry.ranAt = QDateTime::currentDateTime();
        entry.sql = outcome.statement.sql;
        entry.durationMs = outcome.elapsedMs;
        entry.rows = outcome.rowsReceived > 0 ? outcome.rowsReceived : outcome.rowsAffected;
        const bool cancelled = outcome.error && outcome.error->sqlState == u"57014"_s;
        entry.status = !outcome.error ? u"ok"_s : cancelled ? u"cancelled"_s : u"error"_s;
        entry.message = outcome.error ? outcome.error->message : outcome.commandTag;
        entry.profile = m_target.displayName;
        if (Result<void> recorded = kept->record(entry); !recorded)
            emit historyFailed(recorded.error());
    }
    if (!outcome.error && changesCatalog(outcome.commandTag)) {
        m_completion->load();
        m_types->load();
        emit catalogChanged();
    }
}

QString ConnectionSession::journalPath(const QString &schema, const QString &table) const
{
    return EditJournal::journalPath(m_dataDirectory, EditJournal::profileKey(m_target), schema,
                                    table);
}

} // namespace mizzle
