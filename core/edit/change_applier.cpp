#include "edit/change_applier.h"

#include "edit/current_row_query.h"
#include "edit/edit_buffer.h"

#include <QTimer>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kNothingSaved = u"Nothing was saved: every change is still pending."_s;

// The server ended the session (57P01 for pg_terminate_backend and a fast shutdown) or the
// connection failed (class 08): either way the transaction went with it.
bool connectionLost(const PgConnection &connection, const Error &error)
{
    return connection.state() == PgConnection::State::Broken ||
           error.sqlState.startsWith(u"57P"_s) || error.sqlState.startsWith(u"08"_s);
}

bool guarded(const ChangeStatement &statement)
{
    return statement.kind != ChangeStatement::Kind::Insert;
}

} // namespace

ChangeApplier::ChangeApplier(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

// This applier is the context of its statements: PgConnection cancels the one running, and the
// lease its callback holds goes back to the pool when it ends, which rolls the transaction back.
ChangeApplier::~ChangeApplier() = default;

void ChangeApplier::save(const QList<ChangeStatement> &statements, const EditBuffer &buffer,
                         QObject *context, SaveCallback done)
{
    Q_ASSERT_X(context, "ChangeApplier", "every asynchronous call needs a context");
    if (m_running || statements.isEmpty()) {
        const Error error{m_running ? u"a save is already running"_s
                                    : u"there is nothing to save"_s,
                          m_pool->parameters().displayName()};
        QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
        return;
    }
    m_running = true;
    m_cancelled = false;
    m_statements = statements;
    m_table = buffer.table();
    m_identities.clear();
    for (const ChangeStatement &statement : statements) {
        if (const EditBuffer::RowEdit *edit = buffer.edit(statement.rowKey);
            edit && guarded(statement))
            m_identities.insert(statement.rowKey, edit->identity);
    }
    m_done = {context, std::move(done)};
    // The context going away is a cancel: the transaction is rolled back and nobody is told.
    if (context != this)
        m_contextWatch = connect(context, &QObject::destroyed, this, &ChangeApplier::cancel);
    m_acquireContext = std::make_unique<QObject>();
    m_pool->acquire(m_acquireContext.get(), u"save "_s + m_table.schema + u'.' + m_table.name,
                    [this](Result<ConnectionPool::Lease> lease) { onLease(std::move(lease)); });
}

void ChangeApplier::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_lease) {
        m_lease->cancel(); // the step it ends sees m_cancelled and rolls back
        return;
    }
    m_acquireContext.reset(); // still waiting for a connection: nothing reached the server
    finishLater(cancelledError());
}

void ChangeApplier::onLease(Result<ConnectionPool::Lease> lease)
{
    // This runs as an event delivered to the context: it must outlive the delivery.
    m_acquireContext.release()->deleteLater();
    if (!lease) {
        Error error = lease.error();
        error.hint = error.hint.isEmpty() ? kNothingSaved : error.hint + u' ' + kNothingSaved;
        finish(error);
        return;
    }
    m_lease = std::move(lease).value();
    QList<PgConnection::PipelineStatement> pipeline{{u"BEGIN"_s, {}}};
    pipeline.reserve(m_statements.size() + 1);
    for (const ChangeStatement &statement : std::as_const(m_statements))
        pipeline.append({statement.sql, statement.parameters});
    m_lease->execPipeline(this, pipeline,
                          [this, held = m_lease](Result<QList<QueryResult>> results) {
                              onApplied(std::move(results));
                          });
}

void ChangeApplier::onApplied(Result<QList<QueryResult>> results)
{
    if (!results) {
        const Error &error = results.error();
        if (m_cancelled)
            rollbackThen(cancelledError());
        else if (connectionLost(*m_lease, error))
            finish(lostError(error, false));
        else
            rollbackThen(changeError(error));
        return;
    }
    QList<qsizetype> conflicting;
    for (qsizetype i = 0; i < m_statements.size(); ++i) {
        const ChangeStatement &statement = m_statements.at(i);
        const qint64 touched = results->at(i + 1).rowsAffected();
        if (!guarded(statement) || touched == 1)
            continue;
        if (touched == 0) {
            conflicting.append(i);
            continue;
        }
        // The statement does not name one row: a fault in it, which no retry would mend.
        Error error{u"the change would have touched %1 rows instead of one"_s.arg(touched),
                    statement.description, kNothingSaved};
        error.statement = int(i);
        rollbackThen(error);
        return;
    }
    if (m_cancelled)
        rollbackThen(cancelledError());
    else if (!conflicting.isEmpty())
        rollbackAndReadConflicts(conflicting);
    else
        commit(std::move(results).value());
}

void ChangeApplier::commit(QList<QueryResult> results)
{
    m_lease->exec(
        this, u"COMMIT"_s, {},
        [this, held = m_lease, results = std::move(results)](const Result<QueryResult> &committed) {
            if (!committed) {
                const Error &error = committed.error();
                if (connectionLost(*held, error)) {
                    finish(lostError(error, true));
                    return;
                }
                // Refused at COMMIT (a deferred constraint, a serialization
                // failure): the server rolled the transaction back.
                Error refused = error;
                refused.where = u"the commit"_s;
                refused.hint = kNothingSaved;
                finish(refused);
                return;
            }
            // COMMIT of a transaction that had failed answers ROLLBACK, not an error.
            if (committed->commandTag() != u"COMMIT"_s) {
                finish(Error{
                    u"the server rolled the transaction back (%1)"_s.arg(committed->commandTag()),
                    u"the commit"_s, kNothingSaved});
                return;
            }
            SaveOutcome outcome;
            outcome.committed = true;
            for (qsizetype i = 0; i < m_statements.size(); ++i)
                outcome.returned.insert(m_statements.at(i).rowKey, results.at(i + 1));
            finish(std::move(outcome));
        });
}

void ChangeApplier::rollbackAndReadConflicts(const QList<qsizetype> &conflicting)
{
    // The reads follow the ROLLBACK in the same round trip, each in a snapshot of its own
    // taken after it: what other sessions have committed by then.
    QList<PgConnection::PipelineStatement> pipeline{{u"ROLLBACK"_s, {}}};
    QList<int> reads; // for each conflict, its read's place in the pipeline, or -1
    for (qsizetype change : conflicting) {
        const auto identity = m_identities.constFind(m_statements.at(change).rowKey);
        const auto query = identity == m_identities.constEnd()
                               ? std::nullopt
                               : currentRowQuery(m_table, *identity, *m_lease);
        reads.append(query ? int(pipeline.size()) : -1);
        if (query)
            pipeline.append(*query);
    }
    m_lease->execPipeline(
        this, pipeline,
        [this, held = m_lease, conflicting, reads](Result<QList<QueryResult>> read) {
            onConflictsRead(conflicting, reads, std::move(read));
        });
}

void ChangeApplier::onConflictsRead(const QList<qsizetype> &conflicting, const QList<int> &reads,
                                    Result<QList<QueryResult>> read)
{
    if (m_cancelled) {
        finish(cancelledError());
        return;
    }
    if (!read) {
        if (connectionLost(*m_lease, read.error())) {
            finish(lostError(read.error(), false));
            return;
        }
        // Rolled back (the ROLLBACK came first), but "theirs" could not be read.
        Error error = read.error();
        error.message =
            u"rows changed since they were read, and reading them again failed: "_s + error.message;
        error.hint = kNothingSaved;
        finish(error);
        return;
    }
    SaveOutcome outcome;
    for (qsizetype i = 0; i < conflicting.size(); ++i) {
        const ChangeStatement &statement = m_statements.at(conflicting.at(i));
        ChangeConflict conflict{statement.rowKey, statement.description, true, {}};
        if (reads.at(i) >= 0) {
            conflict.current = read->at(reads.at(i));
            conflict.vanished = conflict.current.rowCount() == 0;
        }
        // The same version as was read, and still nothing touched: not someone else's change
        // but a trigger, a rule or a row security policy that skipped the statement. Keeping
        // "mine" would only fail again.
        const RowIdentity readAs = m_identities.value(statement.rowKey);
        if (!conflict.vanished && !readAs.version.isEmpty() &&
            identityOf(m_table, conflict.current, 0).version == readAs.version) {
            Error error{u"the change touched no row, though the row has not changed since it was "
                        "read"_s,
                        statement.description,
                        u"A trigger, a rule or a row security policy may have skipped it. "_s +
                            kNothingSaved};
            error.statement = int(conflicting.at(i));
            finish(error);
            return;
        }
        outcome.conflicts.append(std::move(conflict));
    }
    finish(std::move(outcome));
}

void ChangeApplier::rollbackThen(const Error &error)
{
    // If the ROLLBACK fails the connection is gone, and the transaction with it.
    m_lease->exec(this, u"ROLLBACK"_s, {},
                  [this, held = m_lease, error](const Result<QueryResult> &) { finish(error); });
}

Error ChangeApplier::changeError(const Error &server) const
{
    Error error = server;
    const int change = server.statement - 1; // the pipeline began with BEGIN
    if (change >= 0 && change < m_statements.size()) {
        error.where = m_statements.at(change).description;
        error.statement = change;
    } else {
        error.statement = -1;
    }
    error.hint = error.hint.isEmpty() ? kNothingSaved : error.hint + u' ' + kNothingSaved;
    return error;
}

Error ChangeApplier::lostError(const Error &connection, bool whileCommitting) const
{
    Error error{whileCommitting
                    ? u"the connection to the server was lost while committing: the server may "
                      "have saved the changes or not"_s
                    : u"the connection to the server was lost during the save, so nothing was "
                      "saved: the transaction ended with it"_s,
                m_pool->parameters().displayName(),
                whileCommitting
                    ? u"Every change is still pending. Read the table again to see whether they "
                      "were saved before saving again."_s
                    : u"Every change is still pending; save again to retry."_s,
                connection.sqlState, connection.message};
    return error;
}

Error ChangeApplier::cancelledError() const
{
    return Error{u"the save was cancelled"_s, m_pool->parameters().displayName(), kNothingSaved,
                 u"57014"_s};
}

void ChangeApplier::finish(Result<SaveOutcome> outcome)
{
    disconnect(m_contextWatch);
    m_lease.reset(); // the callback running this still holds it until it returns
    m_acquireContext.reset();
    m_running = false;
    std::exchange(m_done, {})(std::move(outcome));
}

void ChangeApplier::finishLater(const Error &error)
{
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

} // namespace mizzle
