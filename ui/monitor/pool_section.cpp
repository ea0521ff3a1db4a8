#include "monitor/pool_section.h"

#include "monitor/holders_model.h"
#include "monitor/monitor_table.h"
#include "monitor/series_chart.h"
#include "monitor/series_model.h"
#include "values/text_summary.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

using monitor::Series;

namespace {

QString ms(qint64 us)
{
    return formatDuration(us / 1000);
}

QString distribution(const monitor::LogHistogram &histogram)
{
    if (histogram.count() == 0)
        return QObject::tr("none yet");
    return QObject::tr("p50 %1, p95 %2, p99 %3, max %4 (%5)")
        .arg(ms(histogram.percentile(0.5)), ms(histogram.percentile(0.95)),
             ms(histogram.percentile(0.99)), ms(histogram.max()))
        .arg(histogram.count());
}

} // namespace

PoolSection::PoolSection(SeriesModel *series, QWidget *parent)
    : QWidget(parent)
    , m_holders(new HoldersModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    setUpMonitorTable(m_view, m_holders);
    m_view->setToolTip(tr("Double-click a holder to go to its tab"));
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const PoolHolder *holder = m_holders->holderAt(index.row());
        if (holder && holder->context)
            emit holderActivated(holder->context);
    });

    m_charts = {new SeriesChart(series, tr("Utilization and waiting"),
                                {{Series::Utilization, tr("utilization %")},
                                 {Series::Waiting, tr("waiting"), true}},
                                this),
                new SeriesChart(series, tr("Acquire wait p95 (ms)"),
                                {{Series::AcquireP95Ms, tr("p95 ms")}}, this)};
    auto *charts = new QWidget(this);
    auto *chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    for (SeriesChart *chart : m_charts)
        chartRow->addWidget(chart);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
}

QString PoolSection::summaryText(const monitor::PoolMetricsSnapshot &s)
{
    QStringList lines;
    lines.append(
        tr("max %1 · open %2 · active %3 · idle %4 · connecting %5 · waiting %6%7")
            .arg(s.max)
            .arg(s.open)
            .arg(s.active)
            .arg(s.idle)
            .arg(s.connecting)
            .arg(s.waiting)
            .arg(s.waiting > 0 ? tr(" (first for %1)").arg(ms(s.longestWaitUs)) : QString()));
    lines.append(tr("utilization %1 % now, %2 % over the last minute")
                     .arg(qRound(s.utilization * 100))
                     .arg(qRound(s.utilizationWindowed * 100)));
    lines.append(tr("acquire wait: %1").arg(distribution(s.acquireWait)));
    lines.append(tr("hold: %1 · connect: %2").arg(distribution(s.hold), distribution(s.connect)));
    lines.append(tr("%1 acquires · %2 timeouts · %3 cancelled · %4 connect failures · closed: "
                    "%5 idle, %6 lifetime, %7 broken, %8 error · %9 leak suspects")
                     .arg(s.acquires)
                     .arg(s.acquireTimeouts)
                     .arg(s.acquireCancels)
                     .arg(s.connectFailures)
                     .arg(s.closes.idleTimeout)
                     .arg(s.closes.maxLifetime)
                     .arg(s.closes.broken)
                     .arg(s.closes.error)
                     .arg(s.leakSuspects.size()));
    return lines.join(u'\n');
}

void PoolSection::setSnapshot(const monitor::PoolMetricsSnapshot &snapshot)
{
    m_summary->setText(summaryText(snapshot));
    m_holders->setSnapshot(snapshot);
}

} // namespace mizzle
