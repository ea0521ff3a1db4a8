#include "monitor/monitor_tab.h"

#include "common/file_dialogs.h"
#include "connection/connection_pool.h"
#include "monitor/alert_settings.h"
#include "monitor/alert_watch.h"
#include "monitor/bouncer_section.h"
#include "monitor/holder_links.h"
#include "monitor/holders_model.h"
#include "monitor/monitor_point.h"
#include "monitor/pgbouncer_sampler.h"
#include "monitor/pool_metrics.h"
#include "monitor/pool_section.h"
#include "monitor/series_chart.h"
#include "monitor/series_model.h"
#include "monitor/server_sampler.h"
#include "monitor/server_section.h"
#include "session/connection_session.h"
#include "values/text_summary.h"

#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

using monitor::Series;

MonitorTab::MonitorTab(ConnectionSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_sampler(new monitor::ServerSampler(session->pool()->parameters(), this))
    , m_series(new SeriesModel(this))
    , m_sections(new QTabWidget(this))
    , m_pool(new PoolSection(m_series, this))
    , m_server(new ServerSection(m_series, this))
    , m_bouncerSection(new BouncerSection(m_series, session->target().pgbouncer.has_value(), this))
    , m_log(new QListWidget(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"monitorTab"_s);
    const QString poolName = session->pool()->parameters().value(u"application_name"_s);
    if (!poolName.isEmpty())
        m_sampler->setOwnApplicationNames({poolName});

    auto *toolbar = new QToolBar(this);
    m_pause = toolbar->addAction(tr("Pause"), this, [this](bool on) { setPaused(on); });
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold the charts and tables still, and stop asking the server"));
    toolbar->addAction(tr("Export series…"), this, &MonitorTab::chooseExportFile)
        ->setToolTip(tr("Save the last 15 minutes of every chart as CSV"));
    toolbar->addAction(tr("Alert thresholds…"), this, &MonitorTab::editThresholds);
    toolbar->addSeparator();
    toolbar->addWidget(m_status);

    m_sections->addTab(m_pool, tr("Pool"));
    m_sections->addTab(m_server, tr("Server"));
    m_sections->addTab(m_bouncerSection, tr("PgBouncer"));

    auto *alertPane = new QWidget(this);
    auto *alertsLayout = new QVBoxLayout(alertPane);
    alertsLayout->setContentsMargins(4, 0, 4, 0);
    alertsLayout->addWidget(new QLabel(tr("Alerts (thresholds in Alert thresholds…)"), alertPane));
    alertsLayout->addWidget(m_log, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_sections);
    splitter->addWidget(alertPane);
    splitter->setStretchFactor(0, 1);
    splitter->setSizes({600, 100});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    monitor::AlertWatch *alerts = session->alerts();
    for (const monitor::MonitorAlert &alert : alerts->log())
        addAlert(alert);
    connect(alerts, &monitor::AlertWatch::raised, this, &MonitorTab::addAlert);
    connect(m_pool, &PoolSection::holderActivated, this, &MonitorTab::holderActivated);
    connect(m_server, &ServerSection::cancelRequested, this, &MonitorTab::cancelBackend);
    connect(m_server, &ServerSection::terminateRequested, this, &MonitorTab::terminateBackend);
    connect(m_sampler, &monitor::ServerSampler::sampled, this,
            [this](const monitor::ServerSample &sample) { recordTick(&sample); });
    connect(m_sampler, &monitor::ServerSampler::failed, this, [this](const Error &error) {
        m_server->setProblem(tr("The server did not answer the monitor: %1").arg(error.toString()));
        recordTick(nullptr);
    });
    if (const auto &console = session->target().pgbouncer) {
        m_bouncer = new monitor::PgBouncerSampler(*console, this);
        connect(m_bouncer, &monitor::PgBouncerSampler::sampled, this,
                [this](const monitor::PgBouncerSample &sample) {
                    m_bouncerSection->setSample(sample);
                });
        connect(m_bouncer, &monitor::PgBouncerSampler::failed, this, [this](const Error &error) {
            m_bouncerSection->setProblem(
                tr("PgBouncer's admin console did not answer: %1").arg(error.toString()));
        });
    }
    updateStatus();
}

MonitorTab::~MonitorTab() = default;

QList<SeriesChart *> MonitorTab::charts() const
{
    return findChildren<SeriesChart *>();
}

void MonitorTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_session->alerts()->markRead();
    startSampling();
}

void MonitorTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    stopSampling();
}

void MonitorTab::startSampling()
{
    if (!m_paused && isVisible() && !m_sampler->isRunning()) {
        m_sampler->start();
        if (m_bouncer)
            m_bouncer->start();
    }
    updateStatus();
}

void MonitorTab::stopSampling()
{
    m_sampler->stop();
    if (m_bouncer)
        m_bouncer->stop();
    updateStatus();
}

void MonitorTab::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setChecked(paused);
    if (paused)
        stopSampling();
    else
        startSampling();
}

void MonitorTab::recordTick(const monitor::ServerSample *sample)
{
    if (m_paused)
        return; // an answer already on its way when the person paused
    const monitor::PoolMetricsSnapshot pool = m_session->poolMetrics()->snapshot();
    monitor::MonitorPoint point = monitor::poolPoint(pool, m_lastPool ? &*m_lastPool : nullptr);
    m_lastPool = pool;
    m_pool->setSnapshot(pool);
    const monitor::PgBouncerSample *bouncer =
        m_bouncer && m_bouncer->latest() ? &*m_bouncer->latest() : nullptr;
    if (bouncer) {
        int waiting = 0;
        for (const monitor::PgBouncerPool &each : bouncer->pools)
            waiting += each.clWaiting;
        point.bouncerClientsWaiting = waiting;
    }
    m_pool->holders()->setLinks(monitor::linkHolders(pool.holders, bouncer, sample));
    if (sample) {
        point.sessions = monitor::sessionCounts(*sample);
        if (sample->rates)
            point.transactionsPerS = sample->rates->transactionsPerS;
        m_server->setSample(*sample);
        m_session->alerts()->serverSampled(*sample);
    }
    m_series->append(QDateTime::currentMSecsSinceEpoch(), point);
    updateStatus();
    emit ticked();
}

void MonitorTab::updateStatus(const QString &problem)
{
    QString text;
    if (m_paused)
        text = tr("Paused");
    else if (!m_sampler->isRunning())
        text = tr("Not sampling while hidden");
    else
        text = tr("Sampling every %1").arg(formatDuration(m_sampler->currentIntervalMs()));
    if (const auto &latest = m_sampler->latest())
        text += tr(" · last sample %1 ms").arg(latest->costMs, 0, 'f', 1);
    if (!problem.isEmpty())
        text += u" · "_s + problem;
    m_status->setText(text);
}

QString MonitorTab::rollbackText(int pid, bool terminate) const
{
    const QString action = terminate ? tr("Terminate session %1?").arg(pid)
                                     : tr("Cancel the query of session %1?").arg(pid);
    const std::optional<monitor::RollbackPreview> preview = m_sampler->rollbackPreview(pid);
    if (!preview)
        return action + u"\n\n"_s + tr("The latest sample does not show this session.");
    QString effect;
    if (preview->xactAgeS) {
        effect = tr("Its transaction, open for %1, will be rolled back%2.")
                     .arg(formatDuration(qint64(*preview->xactAgeS * 1000)),
                          terminate ? tr(" and the session ended")
                                    : tr(" (or, inside a savepoint, its current statement)"));
    } else {
        effect = terminate ? tr("It has no open transaction; the session is ended.")
                           : tr("It has no open transaction; nothing is rolled back.");
    }
    QString text = action + u"\n\n"_s + effect;
    if (!preview->query.isEmpty())
        text += u"\n\n"_s + tr("Its query (%1):").arg(preview->state) + u"\n"_s + preview->query;
    return text;
}

void MonitorTab::cancelBackend(int pid)
{
    signalBackend(pid, false);
}

void MonitorTab::terminateBackend(int pid)
{
    signalBackend(pid, true);
}

void MonitorTab::signalBackend(int pid, bool terminate)
{
    const QString title = terminate ? tr("Terminate session") : tr("Cancel query");
    if (!m_confirm(title, rollbackText(pid, terminate)))
        return;
    auto done = [this, pid, terminate](Result<monitor::ServerSampler::Signalled> result) {
        QString text;
        if (!result)
            text = tr("Could not signal session %1: %2").arg(pid).arg(result.error().toString());
        else if (!result->delivered)
            text = tr("Session %1 was already gone").arg(pid);
        else
            text = terminate ? tr("Session %1 terminated").arg(pid)
                             : tr("Query of session %1 cancelled").arg(pid);
        updateStatus(text);
        m_sampler->sampleOnce();
    };
    if (terminate)
        m_sampler->terminateBackend(pid, this, done);
    else
        m_sampler->cancelBackend(pid, this, done);
}

void MonitorTab::addAlert(const monitor::MonitorAlert &alert)
{
    const QString when = QDateTime::currentDateTime().toString(u"HH:mm:ss"_s);
    m_log->addItem(u"%1  %2"_s.arg(when, alert.message));
    while (m_log->count() > monitor::AlertWatch::logLimit)
        delete m_log->takeItem(0);
    m_log->scrollToBottom();
    if (isVisible())
        m_session->alerts()->markRead();
}

Result<void> MonitorTab::exportSeries(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("could not write the series"), path, file.errorString()};
    file.write(monitor::seriesCsv(m_series->ring()));
    if (!file.commit())
        return Error{tr("could not write the series"), path, file.errorString()};
    return {};
}

void MonitorTab::chooseExportFile()
{
    const QString suggested = QDir::home().filePath(u"mizzle-monitor-%1.csv"_s.arg(
        QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    const auto target =
        chooseSaveFile(this, tr("Export the monitor's series"), suggested, {{tr("CSV"), u"csv"_s}});
    if (!target)
        return;
    if (Result<void> written = exportSeries(target->path); !written)
        QMessageBox::warning(this, tr("Export series"), written.error().toString());
    else
        updateStatus(
            tr("%n point(s) saved to %1", nullptr, m_series->rowCount()).arg(target->path));
}

void MonitorTab::editThresholds()
{
    AlertSettingsDialog dialog(m_session->alerts()->thresholds(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings settings;
    saveAlertThresholds(settings, dialog.thresholds());
    m_session->alerts()->setThresholds(dialog.thresholds());
}

} // namespace mizzle
