#pragma once

#include "monitor/series_csv.h"

#include <QAbstractTableModel>

namespace mizzle {

// The Monitor's ring of points as a table that Qt Charts reads through QVXYModelMapper: column 0
// is the time (milliseconds since the epoch), then one column per monitor::Series. A new point
// is one inserted row, and a point that drops out of the window one removed row 0, so a chart
// redraws only what changed and knows nothing of the samplers.
class SeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr qint64 defaultSpanMs = 15 * 60 * 1000;
    // Room for the span at a 1 s interval; a faster one keeps a shorter window.
    static constexpr int defaultCapacity = int(defaultSpanMs / 1000);

    explicit SeriesModel(QObject *parent = nullptr);

    static int columnOf(monitor::Series series) { return 1 + int(series); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    // Display: numbers for the charts (utilization in percent); empty where a source did not
    // answer. The time column is a double of epoch milliseconds.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void append(qint64 atMs, const monitor::MonitorPoint &point);
    // Replaces everything, as replaying a recorded series does.
    void setEntries(const QList<monitor::MonitorRing::Entry> &entries);
    void clear();
    const monitor::MonitorRing &ring() const { return m_ring; }
    // The largest value of a series in the window; 0 when it has none.
    double maxOf(monitor::Series series) const;

signals:
    // After every append or replacement, once: a chart rescales its axes here.
    void advanced();

private:
    monitor::MonitorRing m_ring;
};

} // namespace mizzle
