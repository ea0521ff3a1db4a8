#pragma once

#include <QDockWidget>
#include <memory>

namespace mizzle {

class HistoryPanel;
class QueryHistory;
struct StatementOutcome;

// The History dock: the current connection's query history, recorded as statements run and
// searchable. Each profile keeps its own history file.
class HistoryDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit HistoryDock(QWidget *parent = nullptr);
    ~HistoryDock() override;

    // Opens the history of this profile (the playground, a profile's name or a URI's
    // destination); an empty key closes it.
    void openFor(const QString &profileKey);
    void record(const StatementOutcome &outcome);
    HistoryPanel *panel() const { return m_panel; }

signals:
    void statementChosen(const QString &sql);
    // Recording failed; the message says where and why. Work goes on without history.
    void problem(const QString &message);

private:
    HistoryPanel *m_panel;
    std::unique_ptr<QueryHistory> m_history;
    QString m_profileKey;
};

} // namespace mizzle
