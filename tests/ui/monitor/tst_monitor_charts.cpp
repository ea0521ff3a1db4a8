#include "monitor/series_chart.h"
#include "monitor/series_csv.h"
#include "monitor/series_model.h"

#include <QDateTimeAxis>
#include <QFile>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

using namespace mizzle;
using namespace mizzle::monitor;

namespace {

QList<MonitorRing::Entry> recorded()
{
    QFile file(QStringLiteral(MIZZLE_TEST_DATA_DIR "/monitor/recorded_series.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto read = readSeriesCsv(file.readAll(), file.fileName());
    return read ? read.value() : QList<MonitorRing::Entry>{};
}

} // namespace

class TestMonitorCharts : public QObject
{
    Q_OBJECT
private slots:
    void aRecordedSeriesDrawsItsLastFifteenMinutes();
    void newPointsScrollTheWindow();
    void axesFollowTheLargestValue();
};

void TestMonitorCharts::aRecordedSeriesDrawsItsLastFifteenMinutes()
{
    const QList<MonitorRing::Entry> entries = recorded();
    QCOMPARE(entries.size(), 500);
    SeriesModel model;
    SeriesChart chart(&model, QStringLiteral("Utilization and waiting"),
                      {{Series::Utilization, QStringLiteral("utilization %")},
                       {Series::Waiting, QStringLiteral("waiting"), true}});
    model.setEntries(entries);
    // 500 points 2 s apart: the last 15 minutes hold 451 of them.
    QCOMPARE(model.rowCount(), 451);
    QCOMPARE(chart.lines().size(), 2);
    QCOMPARE(chart.lines()[0]->count(), 451);
    QCOMPARE(chart.lines()[1]->count(), 451);
    const MonitorRing::Entry &last = entries.last();
    QCOMPARE(chart.lines()[0]->at(450).x(), double(last.atMs));
    QCOMPARE(chart.lines()[0]->at(450).y(), last.value.utilization * 100);
    QCOMPARE(chart.lines()[1]->at(450).y(), double(last.value.waiting));
    QCOMPARE(chart.timeAxis()->max().toMSecsSinceEpoch(), last.atMs);
    QCOMPARE(chart.timeAxis()->min().toMSecsSinceEpoch(), last.atMs - 15 * 60 * 1000);
}

void TestMonitorCharts::newPointsScrollTheWindow()
{
    QList<MonitorRing::Entry> entries = recorded();
    QVERIFY(!entries.isEmpty());
    SeriesModel model;
    SeriesChart chart(&model, QStringLiteral("TPS"),
                      {{Series::TransactionsPerS, QStringLiteral("TPS")}});
    model.setEntries(entries.mid(0, 451));
    QCOMPARE(chart.lines()[0]->count(), 451);
    for (int i = 451; i < entries.size(); ++i)
        model.append(entries[i].atMs, entries[i].value);
    QCOMPARE(chart.lines()[0]->count(), 451);
    QCOMPARE(chart.lines()[0]->at(0).x(), double(entries[49].atMs));
    QCOMPARE(chart.lines()[0]->at(450).y(), *entries.last().value.transactionsPerS);
}

void TestMonitorCharts::axesFollowTheLargestValue()
{
    const QList<MonitorRing::Entry> entries = recorded();
    SeriesModel model;
    SeriesChart chart(&model, QStringLiteral("p95"),
                      {{Series::AcquireP95Ms, QStringLiteral("p95 ms")}});
    model.setEntries(entries);
    const double largest = model.maxOf(Series::AcquireP95Ms);
    QVERIFY(largest > 100);
    QCOMPARE(chart.valueAxis()->min(), 0.0);
    QVERIFY(chart.valueAxis()->max() >= largest);
    QVERIFY(chart.valueAxis()->max() <= largest * 2.5);
    QVERIFY(!chart.rightAxis());
    model.clear();
    QCOMPARE(chart.valueAxis()->max(), 1.0);
}

QTEST_MAIN(TestMonitorCharts)
#include "tst_monitor_charts.moc"
