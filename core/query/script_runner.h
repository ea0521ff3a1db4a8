#pragma once

#include "connection/connection_pool.h"
#include "connection/query_result.h"
#include "query/statement_outcome.h"

#include <QElapsedTimer>
#include <QObject>
#include <memory>
#include <vector>

namespace mizzle {

struct ReadOnlyStep;

// Runs a script's statements one after another on one pooled connection, streaming each
// result's rows in chunks. Stops at the first error, as psql does with ON_ERROR_STOP. After
// BEGIN the runner keeps its connection until the transaction ends, so that the next run
// continues the same transaction; otherwise the connection goes back to the pool after a run.
//
// On a read-only pool every statement runs inside the pool's read-only transaction, and the
// user's own transaction control is mapped onto it (see readOnlyStep): BEGIN makes the runner
// hold that transaction across runs, COMMIT and ROLLBACK end it, and nothing can end it
// otherwise.
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultRowCap = 100'000;
    static constexpr int chunkRows = 1000;

    explicit ScriptRunner(ConnectionPool *pool, QObject *parent = nullptr);
    ~ScriptRunner() override;

    void run(const QList<ScriptStatement> &statements);
    // Asks the server to cancel the running statement; the rest of the script is not run.
    void cancel();

    // Rows beyond the cap are not fetched (0: no cap). Inside an open transaction the cap is
    // not applied, because stopping a statement there would abort the transaction. A run keeps
    // the cap it started with.
    void setRowCap(int rows) { m_rowCap = rows; }
    int rowCap() const { return m_rowCap; }

    bool isRunning() const { return m_running; }
    bool inTransaction() const;
    // Rows of the statement with this index in the current run; valid until the next run().
    const QueryResult *result(int index) const;

signals:
    void statementStarted(int index);
    // The statement returns rows: result(index) now has its columns.
    void resultStarted(int index);
    void rowsAppended(int index, qsizetype totalRows);
    void statementFinished(const mizzle::StatementOutcome &outcome);
    void notice(const QString &severity, const QString &message);
    void transactionChanged(bool open);
    void finished(bool ok);

private:
    void runNext();
    void runReadOnlyStep(const ReadOnlyStep &step);
    void reopenReadOnlyTransaction();
    bool transactionIsOpen() const;
    void onChunk(const PGresult *chunk);
    void onStatementDone(Result<QueryResult> result);
    void finish(bool ok);

    ConnectionPool *m_pool;
    ConnectionPool::Lease m_lease;
    QList<ScriptStatement> m_statements;
    std::vector<std::unique_ptr<QueryResult>> m_results; // by statement index; null: no rows
    StatementOutcome m_current;
    QElapsedTimer m_clock;
    QMetaObject::Connection m_noticeConnection;
    int m_next = 0;
    int m_rowCap = defaultRowCap;
    int m_runRowCap = defaultRowCap; // m_rowCap when the current run started
    bool m_running = false;
    bool m_cancelled = false;
    bool m_transactionOpen = false;
    QString m_heldBegin; // read-only pool: what opened the transaction the user holds
};

} // namespace mizzle
