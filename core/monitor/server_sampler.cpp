#include "monitor/server_sampler.h"

#include "monitor/activity_query.h"
#include "monitor/server_rates.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <algorithm>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

ServerSampler::Clock steadyClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

} // namespace

ServerSampler::ServerSampler(ConnectionParameters parameters, QObject *parent)
    : QObject(parent)
    , m_parameters(monitorParameters(parameters))
    , m_connection(std::make_unique<PgConnection>())
    , m_clock(steadyClock())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerSampler::sampleOnce);
}

ServerSampler::~ServerSampler() = default;

ConnectionParameters ServerSampler::monitorParameters(const ConnectionParameters &target)
{
    ConnectionParameters parameters = target;
    parameters.set(u"application_name"_s, applicationName());
    // Startup options rather than SET: a reconnect after a drop gets them too. Later -c
    // settings win, so these override a profile's own statement_timeout.
    QStringList options;
    const QString existing = target.value(u"options"_s).trimmed();
    if (!existing.isEmpty())
        options.append(existing);
    options.append(u"-c statement_timeout=%1"_s.arg(statementTimeoutMs));
    options.append(u"-c lock_timeout=%1"_s.arg(lockTimeoutMs));
    parameters.set(u"options"_s, options.join(u' '));
    return parameters;
}

int ServerSampler::nextIntervalMs(int baseMs, int currentMs, double costMs)
{
    const int cap = baseMs * intervalCapFactor;
    // A quarter of the interval spent sampling is already a noticeable share of a busy server.
    if (costMs * 4 > currentMs)
        return std::min(cap, currentMs * 2);
    if (costMs * 10 < currentMs && currentMs > baseMs)
        return std::max(baseMs, currentMs / 2);
    return std::clamp(currentMs, baseMs, cap);
}

void ServerSampler::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void ServerSampler::setIntervalMs(int intervalMs)
{
    m_baseIntervalMs = std::max(1, intervalMs);
    m_currentIntervalMs = m_baseIntervalMs;
}

void ServerSampler::start()
{
    m_running = true;
    sampleOnce();
}

void ServerSampler::stop()
{
    m_running = false;
    m_timer.stop();
}

int ServerSampler::monitorPid() const
{
    return m_connection->state() == PgConnection::State::Idle ||
                   m_connection->state() == PgConnection::State::Busy
               ? m_connection->backendPid()
               : 0;
}

void ServerSampler::sampleOnce()
{
    if (m_samplePending)
        return;
    m_samplePending = true;
    enqueue({[this] { runSample(); },
             [this](const Error &error) {
                 m_samplePending = false;
                 // A server that refuses connections is asked again, but less and less often.
                 m_currentIntervalMs = nextIntervalMs(m_baseIntervalMs, m_currentIntervalMs,
                                                      double(m_currentIntervalMs));
                 emit failed(error);
                 scheduleNext();
             }});
}

void ServerSampler::enqueue(Job job)
{
    m_jobs.push_back(std::move(job));
    pump();
}

void ServerSampler::pump()
{
    if (m_working || m_jobs.empty())
        return;
    const PgConnection::State state = m_connection->state();
    if (state == PgConnection::State::Idle) {
        m_working = true;
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        job.run();
        return;
    }
    if (state != PgConnection::State::Closed && state != PgConnection::State::Broken)
        return; // still connecting or finishing a cancelled statement; it calls back
    // Closed, or broken by a dropped connection or a terminated backend: connect (again).
    m_working = true;
    if (state == PgConnection::State::Broken)
        m_connection = std::make_unique<PgConnection>();
    m_connection->open(this, m_parameters, [this](Result<void> opened) {
        m_working = false;
        if (!opened) {
            // Everything waiting wanted this connection; none of it can run.
            std::deque<Job> waiting = std::exchange(m_jobs, {});
            for (Job &job : waiting)
                job.fail(opened.error());
            return;
        }
        emit connected();
        pump();
    });
}

void ServerSampler::finishJob()
{
    m_working = false;
    pump();
}

void ServerSampler::runSample()
{
    const qint64 startedMs = m_clock();
    m_connection->execPipeline(this, activityStatements(),
                               [this, startedMs](Result<QList<QueryResult>> results) {
                                   sampleFinished(std::move(results), startedMs);
                               });
}

void ServerSampler::sampleFinished(Result<QList<QueryResult>> results, qint64 startedMs)
{
    const qint64 nowMs = m_clock();
    m_samplePending = false;
    Result<ServerSample> sample =
        results ? readActivity(results.value(), m_ownNames) : Result<ServerSample>(results.error());
    if (!sample) {
        finishJob();
        m_currentIntervalMs =
            nextIntervalMs(m_baseIntervalMs, m_currentIntervalMs, double(m_currentIntervalMs));
        emit failed(sample.error());
        scheduleNext();
        return;
    }
    ServerSample &value = sample.value();
    value.sampledAt = QDateTime::currentDateTimeUtc();
    value.clockMs = nowMs;
    value.costMs = double(nowMs - startedMs);
    value.monitorPid = m_connection->backendPid();
    value.throughPooler = value.serverPid != 0 && value.serverPid != value.monitorPid;
    if (value.throughPooler)
        value.monitorPid = value.serverPid; // the backend it left out, not the pooler's key
    // The monitor left itself out of the sessions, but it holds a connection slot too.
    ++value.saturation.clientBackends;
    ++value.saturation.mizzleBackends;
    if (m_latest)
        value.rates = databaseRates(m_latest->counters, value.counters, nowMs - m_latest->clockMs);
    m_latest = value;
    m_currentIntervalMs = nextIntervalMs(m_baseIntervalMs, m_currentIntervalMs, value.costMs);
    finishJob();
    emit sampled(value);
    scheduleNext();
}

void ServerSampler::scheduleNext()
{
    if (m_running && !m_samplePending)
        m_timer.start(m_currentIntervalMs);
}

void ServerSampler::cancelBackend(int pid, QObject *context, ActionCallback done)
{
    signalBackend(u"pg_cancel_backend"_s, pid, context, std::move(done));
}

void ServerSampler::terminateBackend(int pid, QObject *context, ActionCallback done)
{
    signalBackend(u"pg_terminate_backend"_s, pid, context, std::move(done));
}

void ServerSampler::signalBackend(const QString &function, int pid, QObject *context,
                                  ActionCallback done)
{
    ContextCallback<Result<Signalled>> reply(context, std::move(done));
    const auto fail = [reply](const Error &error) { reply(error); };
    enqueue({[this, function, pid, reply] {
                 if (pid == m_connection->backendPid()) {
                     finishJob();
                     reply(Error{u"the monitor does not signal its own connection"_s});
                     return;
                 }
                 m_connection->exec(
                     this, u"SELECT %1($1::int)"_s.arg(function), {QString::number(pid)},
                     [this, pid, reply](Result<QueryResult> r) {
                         finishJob();
                         if (!r)
                             reply(r.error());
                         else
                             reply(Signalled{pid, r->rowCount() == 1 && r->text(0, 0) == u"t"});
                     });
             },
             fail});
}

std::optional<RollbackPreview> ServerSampler::rollbackPreview(int pid) const
{
    const Session *session = m_latest ? m_latest->session(pid) : nullptr;
    if (!session)
        return std::nullopt;
    return RollbackPreview{session->pid, session->state, session->xactAgeS, session->query};
}

} // namespace mizzle::monitor
