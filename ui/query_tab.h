#pragma once

#include "sql_statement_splitter.h"
#include "statement_outcome.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace mizzle {

class ConnectionPool;
class ResultsPanel;
class ScriptRunner;
class SqlEditor;

// A SQL document: the editor above, the results below. Statements are found by PostgreSQL's
// own parser; runs go through a ScriptRunner, asynchronously, and can be cancelled.
//   Ctrl+Enter        the selection, or the statement under the cursor
//   Ctrl+Shift+Enter  everything (also F5)
//   Esc               cancel
//   F7 / Shift+F7     EXPLAIN / EXPLAIN ANALYZE of the statement under the cursor
class QueryTab : public QWidget
{
    Q_OBJECT
public:
    explicit QueryTab(ConnectionPool *pool, QWidget *parent = nullptr);
    ~QueryTab() override;

    SqlEditor *editor() const { return m_editor; }
    ResultsPanel *results() const { return m_results; }
    ScriptRunner *runner() const { return m_runner; }
    bool isRunning() const;
    bool hasOpenTransaction() const;

    void runAtCursor();
    void runAll();
    void cancel();
    // Runs the statement that hit the row cap again, without the cap.
    void fetchAll();
    // The statement under the cursor (or the selection), for EXPLAIN.
    QString statementAtCursor() const;

signals:
    void runFinished(bool ok);
    void statementRan(const mizzle::StatementOutcome &outcome);
    void transactionChanged(bool open);
    void explainRequested(const QString &sql, bool analyze);

private:
    QList<ScriptStatement> statementsIn(int start, int end) const;
    QList<ScriptStatement> statementsToRun() const;
    void run(const QList<ScriptStatement> &statements);
    bool rejectSyntaxErrors(const QList<ScriptStatement> &statements);
    void markStatementAtCursor();
    void onStatementFinished(const StatementOutcome &outcome);
    void setRunning(bool running);
    void addShortcuts();

    SqlEditor *m_editor;
    ScriptRunner *m_runner;
    ResultsPanel *m_results;
    QLabel *m_status;
    QLabel *m_transaction;
    QPushButton *m_runButton;
    QPushButton *m_cancelButton;
    QPushButton *m_fetchAllButton;
    QList<SqlStatementSpan> m_spans;
    std::optional<ScriptStatement> m_capped;
};

} // namespace mizzle
