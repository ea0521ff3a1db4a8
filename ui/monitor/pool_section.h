#pragma once

#include "monitor/pool_metrics_snapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace mizzle {

class HoldersModel;
class SeriesChart;
class SeriesModel;

// The Monitor's Pool section: Mizzle's own pool, from its events. Gauges and distributions in
// a summary, the holders in a table (a double click goes to the tab that holds one), and the
// utilization, waiting and acquire p95 charts.
class PoolSection : public QWidget
{
    Q_OBJECT
public:
    PoolSection(SeriesModel *series, QWidget *parent = nullptr);

    void setSnapshot(const monitor::PoolMetricsSnapshot &snapshot);
    HoldersModel *holders() const { return m_holders; }
    QTableView *holdersView() const { return m_view; }
    QLabel *summary() const { return m_summary; }
    QList<SeriesChart *> charts() const { return m_charts; }

    // The summary's text for a snapshot, for the label and its tests.
    static QString summaryText(const monitor::PoolMetricsSnapshot &snapshot);

signals:
    // The object that asked for that lease, while it lives.
    void holderActivated(QObject *context);

private:
    HoldersModel *m_holders;
    QTableView *m_view;
    QLabel *m_summary;
    QList<SeriesChart *> m_charts;
};

} // namespace mizzle
