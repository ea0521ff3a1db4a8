#include "history/history_dock.h"

#include "document/query_history.h"
#include "history/history_panel.h"
#include "query/statement_outcome.h"

namespace mizzle {

using namespace Qt::StringLiterals;

HistoryDock::HistoryDock(QWidget *parent)
    : QDockWidget(tr("History"), parent)
    , m_panel(new HistoryPanel(this))
{
    setObjectName(u"historyDock"_s);
    setWidget(m_panel);
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_panel, &HistoryPanel::statementChosen, this, &HistoryDock::statementChosen);
}

HistoryDock::~HistoryDock()
{
    m_panel->setHistory(nullptr);
}

void HistoryDock::openFor(const QString &profileKey)
{
    m_panel->setHistory(nullptr);
    m_history.reset();
    m_profileKey = profileKey;
    if (profileKey.isEmpty())
        return;
    m_history = std::make_unique<QueryHistory>(QString(), profileKey);
    if (Result<void> opened = m_history->open(); !opened) {
        // Losing history is not worth stopping work for: say so and go on without it.
        emit problem(opened.error().toString());
        m_history.reset();
    }
    m_panel->setHistory(m_history.get());
}

void HistoryDock::record(const StatementOutcome &outcome)
{
    if (!m_history)
        return;
    HistoryEntry entry;
    entry.ranAt = QDateTime::currentDateTime();
    entry.sql = outcome.statement.sql;
    entry.durationMs = outcome.elapsedMs;
    entry.rows = outcome.rowsReceived > 0 ? outcome.rowsReceived : outcome.rowsAffected;
    const bool cancelled = outcome.error && outcome.error->sqlState == u"57014"_s;
    entry.status = !outcome.error ? u"ok"_s : cancelled ? u"cancelled"_s : u"error"_s;
    entry.message = outcome.error ? outcome.error->message : outcome.commandTag;
    entry.profile = m_profileKey;
    if (Result<void> recorded = m_history->record(entry); !recorded)
        emit problem(recorded.error().toString());
}

} // namespace mizzle
