#pragma once

#include "base/result.h"
#include "document/editor_session.h"
#include "query/statement_outcome.h"
#include "sql/sql_statement_splitter.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace mizzle {

class ConnectionPool;
class ResultsPanel;
class RowLimitBox;
class ScriptRunner;
class SqlEditor;
class TypeCatalog;

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
    // Result headers name types through the catalog, which may be null (the built-in names)
    // and must outlive the tab.
    QueryTab(ConnectionPool *pool, const TypeCatalog *types, QWidget *parent = nullptr);
    ~QueryTab() override;

    SqlEditor *editor() const { return m_editor; }
    ResultsPanel *results() const { return m_results; }
    ScriptRunner *runner() const { return m_runner; }
    RowLimitBox *rowLimit() const { return m_rowLimit; }
    bool isRunning() const;
    bool hasOpenTransaction() const;

    void runAtCursor();
    void runAll();
    void cancel();
    // Runs the statement that hit the row cap again, without the cap.
    void fetchAll();
    // The statement under the cursor (or the selection), for EXPLAIN.
    QString statementAtCursor() const;

    // The document: its file (empty until saved) and its name for the tab, the file's name or
    // else the untitled name its owner gave it ("SQL 3").
    QString filePath() const { return m_filePath; }
    QString title() const;
    void setUntitledTitle(const QString &title);
    // The editor holds changes that its file (if any) does not.
    bool isModified() const;
    // UTF-8, replacing the file atomically; the tab then belongs to that file.
    Result<void> saveTo(const QString &path);
    Result<void> loadFrom(const QString &path);
    // The tab as the session file keeps it, and back. restore() reads the file only when the
    // document has no unsaved text of its own.
    SessionDocument sessionDocument() const;
    Result<void> restore(const SessionDocument &document);

signals:
    void runFinished(bool ok);
    void statementRan(const mizzle::StatementOutcome &outcome);
    void transactionChanged(bool open);
    void explainRequested(const QString &sql, bool analyze);
    void titleChanged();
    void modifiedChanged(bool modified);

private:
    QList<ScriptStatement> statementsIn(int start, int end) const;
    QList<ScriptStatement> statementsToRun() const;
    void run(const QList<ScriptStatement> &statements);
    bool rejectSyntaxErrors(const QList<ScriptStatement> &statements);
    void markStatementAtCursor();
    void onStatementFinished(const StatementOutcome &outcome);
    void setRunning(bool running);
    void addShortcuts();
    QString documentText() const;
    void setFilePath(const QString &path);

    SqlEditor *m_editor;
    ScriptRunner *m_runner;
    ResultsPanel *m_results;
    QLabel *m_status;
    QLabel *m_transaction;
    QPushButton *m_runButton;
    QPushButton *m_cancelButton;
    QPushButton *m_fetchAllButton;
    RowLimitBox *m_rowLimit;
    QList<SqlStatementSpan> m_spans;
    std::optional<ScriptStatement> m_capped;
    QString m_filePath;
    QString m_untitledTitle;
    bool m_crlf = false; // the file had Windows line endings, which saving keeps
};

} // namespace mizzle
