#include "connection/pg_connection.h"

#include "connection/server_error.h"

#include <QSocketNotifier>
#include <QThread>
#include <QTimer>
#include <libpq-fe.h>
#include <vector>

namespace mizzle {

PgConnection::PgConnection(QObject *parent)
    : QObject(parent)
{}

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::open(QObject *context, const ConnectionParameters &parameters, OpenCallback done)
{
    close();
    m_openDone = {context, std::move(done)};
    watchContext(context);
    m_displayName = parameters.displayName();
    std::vector<QByteArray> storage;
    for (const auto &[keyword, value] : parameters.entries()) {
        storage.push_back(keyword.toUtf8());
        storage.push_back(value.toUtf8());
    }
    std::vector<const char *> keywords, values;
    for (size_t i = 0; i < storage.size(); i += 2) {
        keywords.push_back(storage[i].constData());
        values.push_back(storage[i + 1].constData());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    // Note: for a host name (not an address) libpq resolves it inside PQconnectStartParams.
    m_conn = PQconnectStartParams(keywords.data(), values.data(), 0);
    m_state = State::Connecting;
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        const Error error = connectionError(QStringLiteral("could not start a connection"));
        QTimer::singleShot(0, this, [this, error] { finishOpen(error); });
        return;
    }
    PQsetnonblocking(m_conn, 1);
    PQsetNoticeReceiver(m_conn, &PgConnection::receiveNotice, this);
    pollConnect();
}

void PgConnection::pollConnect()
{
    switch (PQconnectPoll(m_conn)) {
    case PGRES_POLLING_READING:
        watchSocket(true, false);
        break;
    case PGRES_POLLING_WRITING:
        watchSocket(false, true);
        break;
    case PGRES_POLLING_OK:
        m_state = State::Idle;
        // Keep reading while idle: that is how a connection the server terminates is noticed.
        watchSocket(true, false);
        finishOpen({});
        break;
    default:
        finishOpen(connectionError(QStringLiteral("could not connect")));
        break;
    }
}

void PgConnection::watchSocket(bool read, bool write)
{
    const int socket = m_conn ? PQsocket(m_conn) : -1;
    if (socket != m_socket) {
        m_readNotifier.reset();
        m_writeNotifier.reset();
        m_socket = socket;
        if (socket >= 0) {
            m_readNotifier = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
            m_writeNotifier = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
            connect(m_readNotifier.get(), &QSocketNotifier::activated, this,
                    &PgConnection::onReadable);
            connect(m_writeNotifier.get(), &QSocketNotifier::activated, this,
                    &PgConnection::onWritable);
        }
    }
    if (m_readNotifier) {
        m_readNotifier->setEnabled(read);
        m_writeNotifier->setEnabled(write);
    }
}

void PgConnection::onReadable()
{
    if (m_state == State::Connecting) {
        pollConnect();
        return;
    }
    if (!PQconsumeInput(m_conn) || PQstatus(m_conn) == CONNECTION_BAD) {
        markBroken(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
        return;
    }
    if (m_state == State::Busy)
        collectResults();
}

void PgConnection::onWritable()
{
    if (m_state == State::Connecting)
        pollConnect();
    else
        flushOutgoing();
}

void PgConnection::flushOutgoing()
{
    const int pending = PQflush(m_conn);
    if (pending < 0)
        markBroken(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
    else
        watchSocket(true, pending == 1);
}

namespace {

// Sends one statement with its values as text parameters; a null pointer binds SQL NULL.
bool sendWithParameters(PGconn *connection, const QString &sql,
                        const PgConnection::Parameters &parameters)
{
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
    storage.reserve(size_t(parameters.size()));
    for (const auto &parameter : parameters) {
        storage.push_back(parameter ? parameter->toUtf8() : QByteArray());
        values.push_back(parameter ? storage.back().constData() : nullptr);
    }
    return PQsendQueryParams(connection, sql.toUtf8().constData(), int(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
}

// One statement's callback in a round's terms: a round of one has one result, or an error.
PgConnection::PipelineCallback single(PgConnection::QueryCallback done)
{
    return [done = std::move(done)](Result<QList<QueryResult>> results) {
        done(results ? Result<QueryResult>(std::move(results->last())) : results.error());
    };
}

} // namespace

void PgConnection::exec(QObject *context, const QString &sql, const Parameters &parameters,
                        QueryCallback done)
{
    const bool sent = m_state == State::Idle && sendWithParameters(m_conn, sql, parameters);
    startRound(context, sql, sent, 0, single(std::move(done)));
}

void PgConnection::execCopyOut(QObject *context, const QString &sql, CopyCallback onRow,
                               QueryCallback done)
{
    const bool sent = m_state == State::Idle && sendWithParameters(m_conn, sql, {});
    startRound(context, sql, sent, 0, single(std::move(done)));
    if (sent)
        m_copyDone = {context, std::move(onRow)};
}

void PgConnection::execStreaming(QObject *context, const QString &sql, int chunkRows,
                                 ChunkCallback onChunk, QueryCallback done)
{
    const bool sent = m_state == State::Idle && sendWithParameters(m_conn, sql, {}) &&
                      PQsetChunkedRowsMode(m_conn, chunkRows);
    startRound(context, sql, sent, 0, single(std::move(done)));
    if (sent)
        m_chunkDone = {context, std::move(onChunk)};
}

void PgConnection::execPipeline(QObject *context, const QList<PipelineStatement> &statements,
                                PipelineCallback done)
{
    if (m_state == State::Idle && statements.isEmpty()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(QList<QueryResult>()); });
        return;
    }
    // In pipeline mode libpq only queues each statement (and writes out what fills its buffer);
    // the sync point flushes the rest, and flushOutgoing keeps writing as the socket takes it.
    bool sent = m_state == State::Idle && PQenterPipelineMode(m_conn);
    for (qsizetype i = 0; sent && i < statements.size(); ++i)
        sent = sendWithParameters(m_conn, statements[i].sql, statements[i].parameters);
    sent = sent && PQpipelineSync(m_conn);
    const QString first = statements.isEmpty() ? QString() : statements.first().sql;
    startRound(context, first, sent, int(statements.size()), std::move(done));
}

void PgConnection::receiveNotice(void *self, const PGresult *result)
{
    const auto field = [result](int code) {
        return QString::fromUtf8(PQresultErrorField(result, code)).trimmed();
    };
    emit static_cast<PgConnection *>(self)->notice(field(PG_DIAG_SEVERITY),
                                                   field(PG_DIAG_MESSAGE_PRIMARY));
}

void PgConnection::execScript(QObject *context, const QString &sql, QueryCallback done)
{
    const bool sent = m_state == State::Idle && PQsendQuery(m_conn, sql.toUtf8().constData());
    startRound(context, sql, sent, 0, single(std::move(done)));
}

void PgConnection::startRound(QObject *context, const QString &statement, bool sent, int pipelined,
                              PipelineCallback done)
{
    Q_ASSERT_X(context, "PgConnection", "every asynchronous call needs a context");
    if (!sent) {
        const bool idle = m_state == State::Idle;
        const Error error =
            idle ? connectionError(QStringLiteral("could not send the statement"))
                 : Error{QStringLiteral("the connection is not ready for a statement"),
                         m_displayName};
        // Part of a pipeline may be queued, and libpq cannot take it back: a connection in that
        // state is dropped rather than reused.
        if (idle && m_conn && PQpipelineStatus(m_conn) != PQ_PIPELINE_OFF) {
            close();
            m_state = State::Broken;
        }
        // Delivered to the context itself, so that Qt drops it if the context goes first.
        QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
        return;
    }
    m_state = State::Busy;
    if (pipelined > 0)
        m_reader.startPipeline(pipelined, m_displayName);
    else
        m_reader.startOne(m_displayName);
    m_roundDone = {context, std::move(done)};
    watchContext(context);
    m_cancelRequested = false;
    m_statement = statement;
    emit statementStarted();
    flushOutgoing();
}

void PgConnection::watchContext(QObject *context)
{
    Q_ASSERT_X(context, "PgConnection", "every asynchronous call needs a context");
    disconnect(m_contextWatch);
    // A connection that is its own context is going away anyway: its destructor closes it.
    if (context != this)
        m_contextWatch =
            connect(context, &QObject::destroyed, this, &PgConnection::onContextDestroyed);
}

void PgConnection::onContextDestroyed()
{
    // The callbacks are dead already (their context is gone) but are kept until the statement
    // ends: a lease inside one would otherwise hand this connection back while it is busy.
    if (m_state == State::Busy || m_state == State::Connecting)
        cancel();
}

void PgConnection::collectResults()
{
    const bool ended = m_reader.read(
        m_conn, [this](const PGresult *chunk) { m_chunkDone(chunk); },
        [this](QByteArrayView row) { m_copyDone(row); });
    if (!ended)
        return;
    if (m_reader.pipeline() && !PQexitPipelineMode(m_conn)) {
        markBroken(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
        return;
    }
    finishRound(m_reader.take());
}

void PgConnection::finishOpen(Result<void> result)
{
    if (!result.ok()) {
        m_state = State::Broken;
        watchSocket(false, false);
    }
    disconnect(m_contextWatch);
    std::exchange(m_openDone, {})(result);
}

void PgConnection::finishRound(Result<QList<QueryResult>> result)
{
    // A cancel request still on its way would hit whatever this connection runs next; the
    // server ignores one that arrives while the session is idle, so wait for it to land.
    if (m_cancelInFlight) {
        if (!m_resultAfterCancel) // the round's own outcome, not a later loss of the connection
            m_resultAfterCancel = std::move(result);
        return;
    }
    if (m_state == State::Busy)
        m_state = State::Idle;
    m_statement.clear();
    emit statementFinished();
    if (!result.ok() && m_cancelRequested && result.error().sqlState == QLatin1String("57014")) {
        Error cancelled = result.error();
        cancelled.hint = QStringLiteral("You cancelled the statement.");
        result = cancelled;
    }
    disconnect(m_contextWatch);
    // Taken out first: the callback may start the next statement on this connection. Whatever
    // it holds, a lease included, is released here with the connection already idle.
    const auto chunks = std::exchange(m_chunkDone, {});
    const auto copyRows = std::exchange(m_copyDone, {});
    std::exchange(m_roundDone, {})(std::move(result));
}

void PgConnection::markBroken(const QString &why)
{
    const State previous = m_state;
    m_state = State::Broken;
    watchSocket(false, false);
    // The server often says why before it goes ("terminating connection due to administrator
    // command", 57P01): that says more than the socket's end.
    const std::optional<Error> &said = m_reader.error();
    const bool serverSaid = said && (said->sqlState.startsWith(QLatin1String("57P")) ||
                                     said->sqlState.startsWith(QLatin1String("08")));
    const Error error{
        QStringLiteral("the connection to the server was lost: %1")
            .arg(serverSaid ? said->message : why),
        m_displayName,
        QStringLiteral("The server may have restarted or terminated this session. "
                       "Mizzle reconnects on the next action; nothing pending is lost."),
        serverSaid ? said->sqlState : QString()};
    if (previous == State::Busy)
        finishRound(error);
    else if (previous == State::Connecting)
        finishOpen(error);
    emit broken();
}

void PgConnection::cancel()
{
    if (m_state == State::Connecting) {
        close();
        finishOpen(Error{QStringLiteral("connection attempt cancelled"), m_displayName});
        return;
    }
    if (m_state != State::Busy || m_cancelRequested)
        return;
    m_cancelRequested = true;
    // The cancel request is a separate short connection; send it from a worker so the GUI
    // thread never waits on the network. The query's own callback reports the outcome.
    PGcancelConn *request = PQcancelCreate(m_conn);
    QThread *worker = QThread::create([request] {
        PQcancelBlocking(request);
        PQcancelFinish(request);
    });
    m_cancelInFlight = true;
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this] {
        m_cancelInFlight = false;
        if (auto held = std::exchange(m_resultAfterCancel, std::nullopt))
            finishRound(std::move(*held));
    });
    worker->start();
}

void PgConnection::close()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_socket = -1;
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_state = State::Closed;
}

bool PgConnection::inTransaction() const
{
    if (!m_conn)
        return false;
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool PgConnection::transactionFailed() const
{
    return m_conn && PQtransactionStatus(m_conn) == PQTRANS_INERROR;
}

int PgConnection::backendPid() const
{
    return m_conn ? PQbackendPID(m_conn) : 0;
}

QString PgConnection::libraryVersion()
{
    const int version = PQlibVersion();
    return QStringLiteral("%1.%2").arg(version / 10000).arg(version % 10000);
}

int PgConnection::serverVersion() const
{
    return m_conn ? PQserverVersion(m_conn) : 0;
}

QString PgConnection::quoteIdentifier(const QString &identifier) const
{
    const QByteArray utf8 = identifier.toUtf8();
    char *quoted =
        m_conn ? PQescapeIdentifier(m_conn, utf8.constData(), size_t(utf8.size())) : nullptr;
    if (!quoted) // only without a connection or out of memory: fall back to SQL's own rule
        return QLatin1Char('"') + QString(identifier).replace(u'"', QStringLiteral("\"\"")) +
               QLatin1Char('"');
    const QString result = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return result;
}

Error PgConnection::connectionError(const QString &fallback) const
{
    QString message = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed() : QString();
    if (message.isEmpty())
        message = fallback;
    return Error{message, m_displayName,
                 QStringLiteral("Check that the server is running and that host, port, user and "
                                "sslmode are right.")};
}

} // namespace mizzle
