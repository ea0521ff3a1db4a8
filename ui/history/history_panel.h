#pragma once

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QModelIndex;
class QTableView;

namespace mizzle {

class ErrorBanner;
class HistoryModel;
class QueryHistory;

// The SQL editor's query history: a search field above the statements run so far, newest first.
// Choosing a statement (double-click or Enter) hands it to the owner, which puts it into the
// editor; the panel itself never runs anything.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);

    // The history to show, opened by its owner, who keeps it alive; nullptr clears the panel.
    // The panel refreshes itself whenever the history records a statement.
    void setHistory(QueryHistory *history);
    QueryHistory *history() const;

    // Searches the history again for the text in the search field.
    void refresh();

signals:
    void statementChosen(const QString &sql);

private:
    void choose(const QModelIndex &index);

    QPointer<QueryHistory> m_history;
    QMetaObject::Connection m_recordedConnection;
    QMetaObject::Connection m_destroyedConnection;
    QLineEdit *m_search;
    ErrorBanner *m_banner;
    QTableView *m_view;
    HistoryModel *m_model;
};

} // namespace mizzle
