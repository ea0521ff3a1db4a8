#pragma once

#include "monitor/monitor_point.h"

#include <QChartView>
#include <QList>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace mizzle {

class SeriesModel;

// One live chart over the Monitor's SeriesModel: a line per series, read through
// QVXYModelMapper, over a time axis that always shows the model's whole window ending at its
// newest point. A line may use a second value axis on the right (a count beside a percentage).
// The value axes start at zero and grow to the largest value in the window, so a quiet period
// after a spike does not look flat until the spike has scrolled out.
class SeriesChart : public QChartView
{
    Q_OBJECT
public:
    struct Line
    {
        monitor::Series series;
        QString name;
        bool rightAxis = false;
    };

    SeriesChart(SeriesModel *model, const QString &title, const QList<Line> &lines,
                QWidget *parent = nullptr);

    const QList<QLineSeries *> &lines() const { return m_lines; }
    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_left; }
    QValueAxis *rightAxis() const { return m_right; }

    // Follows the model's window; runs on every new point.
    void rescale();

private:
    SeriesModel *m_model;
    QList<Line> m_specs;
    QList<QLineSeries *> m_lines;
    QDateTimeAxis *m_time;
    QValueAxis *m_left;
    QValueAxis *m_right = nullptr;
};

} // namespace mizzle
