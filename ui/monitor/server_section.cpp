#include "monitor/server_section.h"

#include "monitor/monitor_table.h"
#include "monitor/series_chart.h"
#include "monitor/series_model.h"
#include "monitor/sessions_model.h"
#include "values/text_summary.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

using monitor::Series;

ServerSection::ServerSection(SeriesModel *series, QWidget *parent)
    : QWidget(parent)
    , m_sessions(new SessionsModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel query…"), this))
    , m_terminate(new QPushButton(tr("Terminate session…"), this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b00020"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();
    setUpMonitorTable(m_view, m_sessions);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *cancelAction = new QAction(tr("Cancel query…"), m_view);
    auto *terminateAction = new QAction(tr("Terminate session…"), m_view);
    m_view->addActions({cancelAction, terminateAction});
    auto cancel = [this] {
        if (const int pid = selectedPid())
            emit cancelRequested(pid);
    };
    auto terminate = [this] {
        if (const int pid = selectedPid())
            emit terminateRequested(pid);
    };
    connect(cancelAction, &QAction::triggered, this, cancel);
    connect(terminateAction, &QAction::triggered, this, terminate);
    connect(m_cancel, &QPushButton::clicked, this, cancel);
    connect(m_terminate, &QPushButton::clicked, this, terminate);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerSection::updateButtons);
    connect(m_sessions, &QAbstractItemModel::modelReset, this, &ServerSection::updateButtons);
    updateButtons();

    m_charts = {new SeriesChart(series, tr("Sessions by state"),
                                {{Series::Active, tr("active")},
                                 {Series::Idle, tr("idle")},
                                 {Series::IdleInTransaction, tr("idle in transaction")},
                                 {Series::LockWaits, tr("waiting for a lock")}},
                                this),
                new SeriesChart(series, tr("Transactions per second"),
                                {{Series::TransactionsPerS, tr("TPS")}}, this)};
    auto *charts = new QWidget(this);
    auto *chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    for (SeriesChart *chart : m_charts)
        chartRow->addWidget(chart);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_terminate);
    auto *table = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_view, 1);
    tableLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(table);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problem);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
}

QString ServerSection::summaryText(const monitor::ServerSample &sample)
{
    const monitor::Saturation &s = sample.saturation;
    QStringList lines;
    lines.append(tr("%1 of %2 usable connections in use (max_connections %3, less %4 reserved "
                    "for superusers and %5 reserved); Mizzle's own: %6")
                     .arg(s.clientBackends)
                     .arg(s.usableConnections)
                     .arg(s.maxConnections)
                     .arg(s.superuserReservedConnections)
                     .arg(s.reservedConnections)
                     .arg(s.mizzleBackends));
    if (const auto &rates = sample.rates) {
        lines.append(tr("%1 TPS · tuples in %2/s, out %3/s · cache hit %4 (over %5 s)")
                         .arg(rates->transactionsPerS, 0, 'f', 1)
                         .arg(rates->tuplesInPerS, 0, 'f', 0)
                         .arg(rates->tuplesOutPerS, 0, 'f', 0)
                         .arg(rates->cacheHitRatio
                                  ? QString::number(*rates->cacheHitRatio * 100, 'f', 2) + u" %"_s
                                  : tr("–"))
                         .arg(rates->intervalS, 0, 'f', 1));
    }
    if (const auto &xmin = sample.xminHorizon) {
        lines.append(tr("xmin horizon: backend %1 (%2, %3) holds xmin %4, %5 transactions old%6")
                         .arg(xmin->pid)
                         .arg(xmin->applicationName, xmin->state, xmin->backendXmin)
                         .arg(xmin->xminAge)
                         .arg(xmin->xactAgeS
                                  ? tr(", its transaction open for %1")
                                        .arg(formatDuration(qint64(*xmin->xactAgeS * 1000)))
                                  : QString()));
    }
    if (sample.throughPooler)
        lines.append(tr("This connection goes through a pooler such as PgBouncer: the sessions "
                        "are the server's, behind it; name its admin console in the profile to "
                        "see its pools."));
    lines.append(tr("this sample cost %1 ms on the monitor's own connection (backend %2)")
                     .arg(sample.costMs, 0, 'f', 1)
                     .arg(sample.monitorPid));
    return lines.join(u'\n');
}

void ServerSection::setSample(const monitor::ServerSample &sample)
{
    const int selected = selectedPid();
    m_problem->hide();
    m_summary->setText(summaryText(sample));
    m_sessions->setSample(sample);
    if (selected)
        selectPid(selected);
}

void ServerSection::setProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

int ServerSection::selectedPid() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const monitor::Session *session = m_sessions->sessionAt(rows.first().row());
    return session ? session->pid : 0;
}

void ServerSection::selectPid(int pid)
{
    const int row = m_sessions->rowOf(pid);
    if (row >= 0)
        m_view->selectRow(row);
}

void ServerSection::updateButtons()
{
    const bool any = selectedPid() != 0;
    m_cancel->setEnabled(any);
    m_terminate->setEnabled(any);
}

} // namespace mizzle
