#pragma once

#include "export/result_formatter.h"
#include "query/statement_outcome.h"

#include <QWidget>

class QAction;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QTableView;

namespace mizzle {

class QueryResult;
class ResultExporter;
class ResultGridModel;
class ScriptRunner;
class TypeCatalog;
class ValueViewer;

// Below the editor: a Messages tab (notices, command tags, rows, times, errors) and a tab per
// result set, filled live while the runner streams rows; to their right, a viewer of the current
// cell's whole value. Each result grid has a context menu:
//   Copy (Ctrl+C)                  the selected cells as TSV; one cell as its bare value
//   Copy as CSV (Ctrl+Shift+C), Copy as JSON, Copy as SQL INSERT
//   Export… (Ctrl+Shift+E)         the whole result to a CSV, JSON or SQL file, in the background
//   Value Viewer                   shows or hides the viewer
class ResultsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsPanel(ScriptRunner *runner, QWidget *parent = nullptr);
    // Names the columns' types through the catalog, which may be null (the built-in names).
    ResultsPanel(ScriptRunner *runner, const TypeCatalog *types, QWidget *parent = nullptr);

    // Drops the previous run's result tabs and cancels their exports; their rows go with the
    // next run.
    void clearResults();
    void appendMessage(const QString &text);
    void showMessages();

    int resultCount() const;
    QTableView *resultView(int number) const; // 0-based among result tabs
    QString messagesText() const;
    ValueViewer *valueViewer() const { return m_viewer; }

    // The rows and columns that hold a selected cell (or the current cell), to the clipboard.
    void copySelection(int number, ResultFormat format);
    // Writes the whole result in the background; progress shows in a dialog that can cancel.
    ResultExporter *exportResult(int number, ResultFormat format, const QString &path);

private:
    void onResultStarted(int index);
    void onRowsAppended(int index, qsizetype totalRows);
    void onStatementFinished(const StatementOutcome &outcome);
    void addActions(QTableView *view);
    void chooseExportFile(QTableView *view);
    void showCurrentValue();
    int numberOf(QTableView *view) const;
    const QueryResult *resultOf(const QTableView *view) const;

    ScriptRunner *m_runner;
    const TypeCatalog *m_types; // outlives the panel: the session's, whose tabs close first
    QSplitter *m_splitter;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_messages;
    ValueViewer *m_viewer;
    QAction *m_viewerAction;                           // shared by every grid's context menu
    QList<std::pair<int, ResultGridModel *>> m_models; // by statement index
};

} // namespace mizzle
