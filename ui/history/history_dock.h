#pragma once

#include <QDockWidget>

namespace mizzle {

class HistoryPanel;
class QueryHistory;

// The History dock: the current connection's query history, searchable. The connection's
// session owns the history and records into it; the dock shows it.
class HistoryDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit HistoryDock(QWidget *parent = nullptr);
    ~HistoryDock() override;

    // The history to show, or nullptr for none. It must outlive the dock or be unset first.
    void setHistory(QueryHistory *history);
    HistoryPanel *panel() const { return m_panel; }

signals:
    void statementChosen(const QString &sql);

private:
    HistoryPanel *m_panel;
};

} // namespace mizzle
