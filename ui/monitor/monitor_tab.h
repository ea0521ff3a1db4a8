#pragma once

#include "base/result.h"
#include "monitor/activity_snapshot.h"
#include "monitor/alert_rules.h"
#include "monitor/pool_metrics_snapshot.h"

#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QListWidget;
class QTabWidget;

namespace mizzle {

class ConnectionSession;
class BouncerSection;
class PoolSection;
class SeriesChart;
class SeriesModel;
class ServerSection;

namespace monitor {
class PgBouncerSampler;
class ServerSampler;
struct PgBouncerSample;
} // namespace monitor

// One connection's Monitor: Pool, Server and PgBouncer sections over one series of points, an
// alert log, pause and CSV export. It samples the server only while it is on screen, on the
// sampler's own connection (so it answers when the pool is exhausted), at the sampler's pace,
// which backs off when a sample is slow; each answer, or failure, is one tick of the charts.
class MonitorTab : public QWidget
{
    Q_OBJECT
public:
    // Asks the person to confirm; returns whether they did. Tests answer it themselves.
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    explicit MonitorTab(ConnectionSession *session, QWidget *parent = nullptr);
    ~MonitorTab() override;

    ConnectionSession *session() const { return m_session; }
    monitor::ServerSampler *sampler() const { return m_sampler; }
    // nullptr when the connection names no PgBouncer console.
    monitor::PgBouncerSampler *bouncerSampler() const { return m_bouncer; }
    BouncerSection *bouncerSection() const { return m_bouncerSection; }
    SeriesModel *series() const { return m_series; }
    PoolSection *poolSection() const { return m_pool; }
    ServerSection *serverSection() const { return m_server; }
    QTabWidget *sections() const { return m_sections; }
    QListWidget *log() const { return m_log; }
    QList<SeriesChart *> charts() const;

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // Paused, the charts and tables hold still and the server is not asked.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // Each asks first, showing what would be rolled back, then signals the backend on the
    // monitor's own connection.
    void cancelBackend(int pid);
    void terminateBackend(int pid);
    // The confirmation's text for signalling `pid`, from the latest sample.
    QString rollbackText(int pid, bool terminate) const;

    Result<void> exportSeries(const QString &path) const;

signals:
    void holderActivated(QObject *context);
    // A tick was recorded: after each server sample or failure.
    void ticked();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void startSampling();
    void stopSampling();
    void recordTick(const monitor::ServerSample *sample);
    void signalBackend(int pid, bool terminate);
    void addAlert(const monitor::MonitorAlert &alert);
    void chooseExportFile();
    void editThresholds();
    void updateStatus(const QString &problem = {});

    ConnectionSession *m_session;
    monitor::ServerSampler *m_sampler;
    monitor::PgBouncerSampler *m_bouncer = nullptr;
    SeriesModel *m_series;
    QTabWidget *m_sections;
    PoolSection *m_pool;
    ServerSection *m_server;
    BouncerSection *m_bouncerSection;
    QListWidget *m_log;
    QLabel *m_status;
    QAction *m_pause;
    Confirm m_confirm;
    std::optional<monitor::PoolMetricsSnapshot> m_lastPool;
    bool m_paused = false;
};

} // namespace mizzle
