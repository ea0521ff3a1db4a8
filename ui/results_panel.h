#pragma once

#include "statement_outcome.h"

#include <QWidget>

class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace mizzle {

class ResultGridModel;
class ScriptRunner;

// Below the editor: a Messages tab (notices, command tags, rows, times, errors) and a tab per
// result set, filled live while the runner streams rows.
class ResultsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsPanel(ScriptRunner *runner, QWidget *parent = nullptr);

    // Drops the previous run's result tabs; their rows go with the next run.
    void clearResults();
    void appendMessage(const QString &text);
    void showMessages();

    int resultCount() const;
    QTableView *resultView(int number) const; // 0-based among result tabs
    QString messagesText() const;

private:
    void onResultStarted(int index);
    void onRowsAppended(int index, qsizetype totalRows);
    void onStatementFinished(const StatementOutcome &outcome);

    ScriptRunner *m_runner;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_messages;
    QList<std::pair<int, ResultGridModel *>> m_models; // by statement index
};

} // namespace mizzle
