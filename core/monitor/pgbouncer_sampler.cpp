#include "monitor/pgbouncer_sampler.h"

#include "monitor/pgbouncer_show.h"
#include "monitor/server_sampler.h"

#include <QElapsedTimer>
#include <algorithm>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

PgBouncerSampler::Clock steadyClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

} // namespace

PgBouncerSampler::PgBouncerSampler(ConnectionParameters console, QObject *parent)
    : QObject(parent)
    , m_parameters(consoleParameters(console))
    , m_connection(std::make_unique<PgConnection>())
    , m_clock(steadyClock())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PgBouncerSampler::sampleOnce);
}

PgBouncerSampler::~PgBouncerSampler() = default;

ConnectionParameters PgBouncerSampler::consoleParameters(const ConnectionParameters &console)
{
    ConnectionParameters parameters = console;
    if (parameters.value(u"dbname"_s).isEmpty())
        parameters.set(u"dbname"_s, u"pgbouncer"_s);
    if (parameters.value(u"application_name"_s).isEmpty())
        parameters.set(u"application_name"_s, applicationName());
    // The console rejects startup options it does not know, and has no use for these.
    parameters.remove(u"options"_s);
    return parameters;
}

void PgBouncerSampler::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void PgBouncerSampler::setIntervalMs(int intervalMs)
{
    m_baseIntervalMs = std::max(1, intervalMs);
    m_currentIntervalMs = m_baseIntervalMs;
}

void PgBouncerSampler::start()
{
    m_running = true;
    sampleOnce();
}

void PgBouncerSampler::stop()
{
    m_running = false;
    m_timer.stop();
}

void PgBouncerSampler::sampleOnce()
{
    if (m_pending)
        return;
    m_pending = true;
    const PgConnection::State state = m_connection->state();
    if (state == PgConnection::State::Idle) {
        runSample();
        return;
    }
    if (state == PgConnection::State::Broken)
        m_connection = std::make_unique<PgConnection>();
    m_connection->open(this, m_parameters, [this](Result<void> opened) {
        if (!opened) {
            finish(loginError(opened.error()), m_clock());
            return;
        }
        emit connected();
        runSample();
    });
}

Error PgBouncerSampler::loginError(const Error &error) const
{
    Error login = error;
    login.message = u"could not log in to PgBouncer's admin console: "_s + error.message;
    login.hint = u"Check the admin user and its password: the user must be listed in admin_users "
                 u"or stats_users in pgbouncer.ini, its password must match auth_file (or "
                 u"auth_query), and dbname must be \"pgbouncer\"."_s;
    return login;
}

void PgBouncerSampler::runSample()
{
    m_answers.clear();
    sendNext(0, m_clock());
}

void PgBouncerSampler::sendNext(int index, qint64 startedMs)
{
    const QStringList commands = pgbouncerCommands();
    if (index == commands.size()) {
        finish(readPgBouncerSample(std::exchange(m_answers, {})), startedMs);
        return;
    }
    m_connection->execScript(
        this, commands[index], [this, index, startedMs](Result<QueryResult> answer) {
            if (!answer) {
                Error error = answer.error();
                // A normal database answers SHOW POOLS with an unknown-parameter error.
                if (error.sqlState == u"42704"_s || error.sqlState == u"08P01"_s)
                    error.hint = u"This is not PgBouncer's admin console: connect to the database "
                                 u"\"pgbouncer\" on PgBouncer's own port."_s;
                m_answers.clear();
                finish(error, startedMs);
                return;
            }
            m_answers.append(std::move(answer).value());
            sendNext(index + 1, startedMs);
        });
}

void PgBouncerSampler::finish(Result<PgBouncerSample> sample, qint64 startedMs)
{
    const qint64 nowMs = m_clock();
    m_pending = false;
    if (!sample) {
        // A console that refuses is asked again, but less and less often.
        m_currentIntervalMs = ServerSampler::nextIntervalMs(m_baseIntervalMs, m_currentIntervalMs,
                                                            double(m_currentIntervalMs));
        emit failed(sample.error());
        scheduleNext();
        return;
    }
    PgBouncerSample &value = sample.value();
    value.sampledAt = QDateTime::currentDateTimeUtc();
    value.clockMs = nowMs;
    value.costMs = double(nowMs - startedMs);
    if (m_latest)
        value.waits = pgbouncerWaits(m_latest->counters, value.counters, nowMs - m_latest->clockMs);
    m_latest = value;
    m_currentIntervalMs =
        ServerSampler::nextIntervalMs(m_baseIntervalMs, m_currentIntervalMs, value.costMs);
    emit sampled(value);
    scheduleNext();
}

void PgBouncerSampler::scheduleNext()
{
    if (m_running && !m_pending)
        m_timer.start(m_currentIntervalMs);
}

} // namespace mizzle::monitor
