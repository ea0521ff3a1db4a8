#pragma once

#include "monitor/activity_snapshot.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace mizzle {

class SeriesChart;
class SeriesModel;
class SessionsModel;

// The Monitor's Server section: saturation, rates and the xmin horizon in a summary, the
// sessions with the blocking tree in a table, and the sessions-by-state and TPS charts. Cancel
// and terminate are asked for here; the tab confirms and acts.
class ServerSection : public QWidget
{
    Q_OBJECT
public:
    ServerSection(SeriesModel *series, QWidget *parent = nullptr);

    void setSample(const monitor::ServerSample &sample);
    void setProblem(const QString &text);
    SessionsModel *sessions() const { return m_sessions; }
    QTableView *sessionsView() const { return m_view; }
    QLabel *summary() const { return m_summary; }
    QList<SeriesChart *> charts() const { return m_charts; }
    // The pid of the selected session, or 0.
    int selectedPid() const;
    void selectPid(int pid);

    static QString summaryText(const monitor::ServerSample &sample);

signals:
    void cancelRequested(int pid);
    void terminateRequested(int pid);

private:
    void updateButtons();

    SessionsModel *m_sessions;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_problem;
    QPushButton *m_cancel;
    QPushButton *m_terminate;
    QList<SeriesChart *> m_charts;
};

} // namespace mizzle
