#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"
#include "connection/context_callback.h"
#include "connection/query_result.h"
#include "connection/result_reader.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace mizzle {

// One libpq connection driven entirely by libpq's asynchronous API and socket notifiers, so
// nothing here ever blocks the thread it lives on. Callbacks are always invoked from the event
// loop, never from inside the call that started the work.
//
// Every call takes a context, as QObject::connect does: once the context is destroyed its
// callbacks never run. A statement still running then is cancelled, and its callbacks (with any
// lease they hold) are let go only when it has ended, so the connection goes back to its pool
// idle and clean rather than busy.
class PgConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Connecting, Idle, Busy, Broken };
    using OpenCallback = std::function<void(Result<void>)>;
    using QueryCallback = std::function<void(Result<QueryResult>)>;
    // A chunk of rows, valid only during the call: appending it to a QueryResult
    // (QueryResult::appendRows) copies its cells once, straight out of libpq.
    using ChunkCallback = std::function<void(const PGresult *chunk)>;
    // One row of COPY ... TO STDOUT in the COPY's own format, valid only during the call.
    using CopyCallback = std::function<void(QByteArrayView row)>;
    using Parameters = QList<std::optional<QString>>; // std::nullopt binds SQL NULL
    struct PipelineStatement
    {
        QString sql;
        Parameters parameters;
    };
    // One result per statement, in order; or the first error, whose `statement` says which.
    using PipelineCallback = std::function<void(Result<QList<QueryResult>>)>;

    explicit PgConnection(QObject *parent = nullptr);
    ~PgConnection() override;

    void open(QObject *context, const ConnectionParameters &parameters, OpenCallback done);
    // One statement, with values bound as text parameters $1, $2, ... (never spliced into SQL).
    void exec(QObject *context, const QString &sql, const Parameters &parameters,
              QueryCallback done);
    // One statement whose rows stream in chunks of up to chunkRows as the server sends them
    // (libpq's chunked rows mode), so the first rows show before the last have left the server.
    // `done` then gets a row-less result carrying the command tag, or the error.
    void execStreaming(QObject *context, const QString &sql, int chunkRows, ChunkCallback onChunk,
                       QueryCallback done);
    // One COPY ... TO STDOUT whose rows go to onRow as the server sends them, so that a table
    // of any size passes through in constant memory. `done` then gets the result ("COPY n").
    void execCopyOut(QObject *context, const QString &sql, CopyCallback onRow, QueryCallback done);
    // One or more statements without parameters (simple query protocol): the last result wins.
    void execScript(QObject *context, const QString &sql, QueryCallback done);
    // Statements with bound values sent all at once in libpq's pipeline mode and ended by one
    // sync point, so they cost one round trip however many there are. The server runs them in
    // order and, after one fails, skips the rest up to the sync point. Outside an explicit
    // transaction they all run in one implicit transaction; inside one, they share it.
    void execPipeline(QObject *context, const QList<PipelineStatement> &statements,
                      PipelineCallback done);
    // Asks the server to cancel the running statement, or abandons a connection attempt. The
    // pending callback then reports the cancellation.
    void cancel();
    void close();

    State state() const { return m_state; }
    bool inTransaction() const;
    // Inside a transaction that an error aborted: only ROLLBACK (to a savepoint) gets out.
    bool transactionFailed() const;
    int backendPid() const;
    // The statement running now (a pipeline's first, a script whole), or empty between them.
    const QString &currentStatement() const { return m_statement; }
    int serverVersion() const;
    // The libpq this program runs with, as "17.5" (PQlibVersion), for About.
    static QString libraryVersion();
    QString quoteIdentifier(const QString &identifier) const;

signals:
    // The server closed the connection, or the network dropped it.
    void broken();
    // A NOTICE, WARNING or other non-error message the server sent (RAISE NOTICE, for example).
    void notice(const QString &severity, const QString &message);
    // A statement was sent, and one ended (just before its callback runs): what the pool needs to
    // tell how long a lease has run something, or sat idle inside a transaction.
    void statementStarted();
    void statementFinished();

private:
    void pollConnect();
    void watchSocket(bool read, bool write);
    void onReadable();
    void onWritable();
    void collectResults();
    void flushOutgoing();
    // A round (one statement, a script, or a pipeline of `pipelined` statements) once sent.
    void startRound(QObject *context, const QString &statement, bool sent, int pipelined,
                    PipelineCallback done);
    void watchContext(QObject *context);
    void onContextDestroyed();
    void finishOpen(Result<void> result);
    void finishRound(Result<QList<QueryResult>> result);
    static void receiveNotice(void *self, const PGresult *result);
    void markBroken(const QString &why);
    Error connectionError(const QString &fallback) const;

    PGconn *m_conn = nullptr;
    State m_state = State::Closed;
    QString m_displayName;
    QString m_statement;
    int m_socket = -1;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    ContextCallback<Result<void>> m_openDone;
    ContextCallback<Result<QList<QueryResult>>> m_roundDone;
    ContextCallback<const PGresult *> m_chunkDone;
    ContextCallback<QByteArrayView> m_copyDone;
    QMetaObject::Connection m_contextWatch; // cancels the work when its context is destroyed
    ResultReader m_reader;
    bool m_cancelRequested = false;
    bool m_cancelInFlight = false; // the cancel request's worker has not finished yet
    std::optional<Result<QList<QueryResult>>> m_resultAfterCancel; // held until it has
};

} // namespace mizzle
