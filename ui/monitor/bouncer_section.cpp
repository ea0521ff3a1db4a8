#include "monitor/bouncer_section.h"

#include "monitor/bouncer_pools_model.h"
#include "monitor/monitor_table.h"
#include "monitor/series_chart.h"

#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

BouncerSection::BouncerSection(SeriesModel *series, bool configured, QWidget *parent)
    : QWidget(parent)
    , m_pools(new BouncerPoolsModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_problem(new QLabel(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(configured
                           ? tr("Waiting for PgBouncer's admin console…")
                           : tr("No PgBouncer admin console is named for this connection. Add a "
                                "\"pgbouncer\" object to its profile to watch PgBouncer's pools "
                                "here (see the README's profile format)."));
    m_problem->setStyleSheet(u"color: #b00020"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();
    setUpMonitorTable(m_view, m_pools);
    auto *chart =
        new SeriesChart(series, tr("PgBouncer clients waiting"),
                        {{monitor::Series::BouncerClientsWaiting, tr("cl_waiting")}}, this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(chart);
    splitter->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problem);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
}

QString BouncerSection::summaryText(const monitor::PgBouncerSample &sample)
{
    int waiting = 0;
    for (const monitor::PgBouncerPool &pool : sample.pools)
        waiting += pool.clWaiting;
    return tr("%1 · %2 pools · %3 clients (%4 waiting) · %5 server connections · this sample "
              "cost %6 ms")
        .arg(sample.version)
        .arg(sample.pools.size())
        .arg(sample.clients.size())
        .arg(waiting)
        .arg(sample.servers.size())
        .arg(sample.costMs, 0, 'f', 1);
}

void BouncerSection::setSample(const monitor::PgBouncerSample &sample)
{
    m_problem->hide();
    m_summary->setText(summaryText(sample));
    m_pools->setSample(sample);
}

void BouncerSection::setProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

} // namespace mizzle
