#pragma once

#include "base/result.h"
#include "connection/connection_pool.h"
#include "explain/plan.h"

#include <QObject>
#include <memory>

namespace mizzle::explain {

struct PlanCaptureOptions
{
    bool analyze = false;     // EXPLAIN ANALYZE: the statement runs
    bool keepEffects = false; // under ANALYZE, commit what the statement did instead of undoing it
};

struct CapturedPlan
{
    QString json; // the server's EXPLAIN output, verbatim
    Plan plan;
    PlanCaptureOptions options;
    QString statement; // as sent after EXPLAIN: trimmed, without its semicolon
    QString command;   // the whole EXPLAIN command sent
    int serverVersion = 0;
    bool mayChangeData = false; // see statementMayChangeData()
    // The statement ran inside BEGIN … ROLLBACK. Also true when the ROLLBACK itself failed: the
    // transaction then ends with its connection, still uncommitted.
    bool rolledBack = false;
};

// Runs EXPLAIN of one statement on a connection borrowed from the pool, with the options the
// server's version supports (explainOptions()), and parses the JSON it prints.
//
// Under ANALYZE the statement really runs, so unless keepEffects is set it runs inside BEGIN …
// ROLLBACK on the same connection. That is done for every analyzed statement, not only for
// those the parser sees changing data: a SELECT may call a function that writes. The profile's
// statement timeout applies as on any session of the pool.
//
// A server error, a timeout or a cancel comes back through finished() as an Error with the
// server's message and SQLSTATE (57014 for both a cancel and a timeout). On a read-only pool
// the statement runs inside the pool's read-only transaction, so a statement that writes
// fails there, and keepEffects is refused.
class PlanCapture : public QObject
{
    Q_OBJECT
public:
    explicit PlanCapture(ConnectionPool *pool, QObject *parent = nullptr);
    ~PlanCapture() override;

    // Ignored while a capture runs. finished() follows from the event loop, never from inside.
    void start(const QString &statement, PlanCaptureOptions options);
    // Asks the server to cancel the EXPLAIN; finished() then reports the cancellation.
    void cancel();
    bool isRunning() const { return m_running; }

    // The parenthesised options for a server version (PQserverVersion, 170002 for 17.2):
    // VERBOSE and FORMAT JSON always, SETTINGS from 12; with ANALYZE also BUFFERS, WAL from 13,
    // and SERIALIZE and MEMORY from 17.
    static QString explainOptions(int serverVersion, bool analyze);

signals:
    void finished(const mizzle::Result<mizzle::explain::CapturedPlan> &result);

private:
    void onLease(Result<ConnectionPool::Lease> lease);
    void runExplain();
    void onExplained(Result<QueryResult> result);
    void finish(Result<CapturedPlan> result);
    void finishLater(const Error &error);
    Error cancelledError() const;

    ConnectionPool *m_pool;
    ConnectionPool::Lease m_lease;
    std::unique_ptr<QObject> m_acquireContext; // dropping it forgets a pending acquire
    CapturedPlan m_capture;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace mizzle::explain
