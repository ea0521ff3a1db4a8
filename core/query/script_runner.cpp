#include "query/script_runner.h"

#include "connection/read_only_transaction.h"
#include "query/read_only_statement.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

constexpr auto queryCanceled = "57014";

} // namespace

ScriptRunner::ScriptRunner(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

// A held lease goes back to the pool, which rolls back a transaction left open.
ScriptRunner::~ScriptRunner() = default;

bool ScriptRunner::inTransaction() const
{
    return m_transactionOpen;
}

const QueryResult *ScriptRunner::result(int index) const
{
    if (index < 0 || size_t(index) >= m_results.size())
        return nullptr;
    return m_results[size_t(index)].get();
}

void ScriptRunner::run(const QList<ScriptStatement> &statements)
{
    if (m_running)
        return;
    m_statements = statements;
    m_results.clear();
    m_results.resize(size_t(statements.size()));
    m_next = 0;
    m_runRowCap = m_rowCap;
    m_running = true;
    m_cancelled = false;
    if (m_lease) { // kept from an earlier run for its open transaction
        runNext();
        return;
    }
    // A tab names its runner (setObjectName) for the pool monitor; otherwise it is a script.
    const QString owner = objectName().isEmpty() ? u"SQL script"_s : objectName();
    m_pool->acquire(this, owner, [this](Result<ConnectionPool::Lease> lease) {
        if (!lease || m_cancelled) {
            m_current = StatementOutcome{0, m_statements.value(0), {}, -1, 0, 0, false, {}};
            m_current.error =
                lease ? Error{u"cancelled before the statement was sent"_s, {}, {}, {}, {}, -1}
                      : lease.error();
            emit statementFinished(m_current);
            finish(false);
            return;
        }
        m_lease = std::move(lease).value();
        m_noticeConnection =
            connect(m_lease.get(), &PgConnection::notice, this, &ScriptRunner::notice);
        runNext();
    });
}

void ScriptRunner::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_lease)
        m_lease->cancel();
}

void ScriptRunner::runNext()
{
    if (m_next >= m_statements.size() || m_cancelled) {
        finish(!m_cancelled);
        return;
    }
    m_current = StatementOutcome{};
    m_current.index = m_next;
    m_current.statement = m_statements[m_next];
    m_clock.start();
    emit statementStarted(m_next);
    if (m_pool->settings().readOnly) {
        const ReadOnlyStep step = readOnlyStep(m_current.statement.sql, m_heldBegin);
        if (step.action != ReadOnlyStep::Action::Send) {
            runReadOnlyStep(step);
            return;
        }
    }
    m_lease->execStreaming(
        this, m_current.statement.sql, chunkRows, [this](const PGresult *chunk) { onChunk(chunk); },
        [this](Result<QueryResult> result) { onStatementDone(std::move(result)); });
}

void ScriptRunner::runReadOnlyStep(const ReadOnlyStep &step)
{
    if (step.action == ReadOnlyStep::Action::Refuse) {
        onStatementDone(step.refusal);
        return;
    }
    m_lease->execScript(this, step.sql, [this, step](Result<QueryResult> result) {
        if (result) {
            m_heldBegin = step.holdsTransaction ? step.begin : QString();
            emit notice(u"INFO"_s, step.note);
            QueryResult tagged;
            tagged.setCommandTag(step.tag);
            result = std::move(tagged);
        }
        onStatementDone(std::move(result));
    });
}

// After a statement stopped at the row cap the read-only transaction is aborted; the next
// statement needs a fresh one. Only outside a transaction the user holds: there the cap does
// not apply, because aborting would lose the user's transaction.
void ScriptRunner::reopenReadOnlyTransaction()
{
    m_lease->execScript(this, u"ROLLBACK; "_s + readOnlyTransactionBegin(),
                        [this](const Result<QueryResult> &reopened) {
                            if (!reopened) {
                                m_current.error = reopened.error();
                                emit statementFinished(m_current);
                                finish(false);
                                return;
                            }
                            runNext();
                        });
}

bool ScriptRunner::transactionIsOpen() const
{
    if (!m_lease)
        return false;
    return m_pool->settings().readOnly ? !m_heldBegin.isEmpty() : m_lease->inTransaction();
}

void ScriptRunner::onChunk(const PGresult *chunk)
{
    // libpq puts the command tag on the last chunk, not on the final row-less result.
    if (const auto [tag, affected] = QueryResult::commandTagOf(chunk); !tag.isEmpty()) {
        m_current.commandTag = tag;
        m_current.rowsAffected = affected;
    }
    if (m_current.capped)
        return; // rows the server sent before the cancel reached it
    const size_t index = size_t(m_current.index);
    if (!m_results[index]) {
        m_results[index] = std::make_unique<QueryResult>(chunk);
        emit resultStarted(m_current.index);
    } else {
        m_results[index]->appendRows(chunk);
    }
    // Cancelling inside a transaction would abort it, so the cap applies only outside one.
    if (m_runRowCap > 0 && m_results[index]->rowCount() > m_runRowCap && !m_transactionOpen) {
        m_current.capped = true;
        m_results[index]->truncate(m_runRowCap);
        m_lease->cancel();
    }
    m_current.rowsReceived = m_results[index]->rowCount();
    emit rowsAppended(m_current.index, m_current.rowsReceived);
}

void ScriptRunner::onStatementDone(Result<QueryResult> result)
{
    m_current.elapsedMs = m_clock.elapsed();
    const size_t index = size_t(m_current.index);
    if (result) {
        if (!result->commandTag().isEmpty()) {
            m_current.commandTag = result->commandTag();
            m_current.rowsAffected = result->rowsAffected();
        }
        // A query that returns no rows still has columns to show.
        if (!m_results[index] && result->columnCount() > 0) {
            m_results[index] = std::make_unique<QueryResult>(std::move(result).value());
            emit resultStarted(m_current.index);
        }
    } else if (m_current.capped && result.error().sqlState == QLatin1String(queryCanceled)) {
        m_current.commandTag = u"SELECT %1"_s.arg(m_current.rowsReceived);
    } else {
        m_current.error =
            m_pool->settings().readOnly ? explainReadOnlyError(result.error()) : result.error();
    }
    if (m_results[index])
        m_results[index]->squeeze(); // complete now: give back what growing over-allocated
    emit statementFinished(m_current);

    const bool open = transactionIsOpen();
    if (open != m_transactionOpen) {
        m_transactionOpen = open;
        emit transactionChanged(open);
    }
    if (m_current.error) {
        finish(false);
        return;
    }
    ++m_next;
    if (m_pool->settings().readOnly && !open && m_lease->transactionFailed() &&
        m_next < m_statements.size()) {
        reopenReadOnlyTransaction();
        return;
    }
    runNext();
}

void ScriptRunner::finish(bool ok)
{
    m_running = false;
    if (!m_transactionOpen && m_lease) {
        disconnect(m_noticeConnection);
        m_lease.reset();
    }
    emit finished(ok);
}

} // namespace mizzle
