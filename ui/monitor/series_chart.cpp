#include "monitor/series_chart.h"

#include "monitor/series_model.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QVXYModelMapper>
#include <QValueAxis>
#include <cmath>

namespace mizzle {

namespace {

// A round top for a value axis: 1, 2 or 5 times a power of ten, at least `largest`.
double niceTop(double largest)
{
    if (largest <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(largest)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= largest)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

SeriesChart::SeriesChart(SeriesModel *model, const QString &title, const QList<Line> &lines,
                         QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_specs(lines)
    , m_time(new QDateTimeAxis)
    , m_left(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(4);
    m_left->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_left, Qt::AlignLeft);
    for (const Line &spec : lines) {
        auto *series = new QLineSeries;
        series->setName(spec.name);
        chart->addSeries(series);
        auto *mapper = new QVXYModelMapper(series);
        mapper->setXColumn(0);
        mapper->setYColumn(SeriesModel::columnOf(spec.series));
        mapper->setSeries(series);
        mapper->setModel(model);
        series->attachAxis(m_time);
        if (spec.rightAxis) {
            if (!m_right) {
                m_right = new QValueAxis;
                m_right->setLabelFormat(QStringLiteral("%g"));
                chart->addAxis(m_right, Qt::AlignRight);
            }
            series->attachAxis(m_right);
        } else {
            series->attachAxis(m_left);
        }
        m_lines.append(series);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    connect(model, &SeriesModel::advanced, this, &SeriesChart::rescale);
    rescale();
}

void SeriesChart::rescale()
{
    const monitor::MonitorRing &ring = m_model->ring();
    const qint64 end = ring.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : ring.last().atMs;
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(end - ring.spanMs()),
                     QDateTime::fromMSecsSinceEpoch(end));
    double left = 0;
    double right = 0;
    for (const Line &spec : m_specs)
        (spec.rightAxis ? right : left) =
            std::max(spec.rightAxis ? right : left, m_model->maxOf(spec.series));
    m_left->setRange(0, niceTop(left));
    if (m_right)
        m_right->setRange(0, niceTop(right));
}

} // namespace mizzle
