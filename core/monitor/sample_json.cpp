#include "monitor/sample_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

// Milliseconds are enough for ages and rates; more digits would only be noise in a script.
QJsonValue rounded(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

QJsonValue optional(const std::optional<double> &value)
{
    return value ? rounded(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject sessionToJson(const Session &session)
{
    QJsonArray blockedBy;
    for (int pid : session.blockedBy)
        blockedBy.append(pid);
    return QJsonObject{
        {u"pid"_s, session.pid},
        {u"backend_type"_s, session.backendType},
        {u"state"_s, session.state},
        {u"idle_in_transaction"_s, session.idleInTransaction()},
        {u"wait_event_type"_s, session.waitEventType},
        {u"wait_event"_s, session.waitEvent},
        {u"blocked_by"_s, blockedBy},
        {u"query_age_s"_s, optional(session.queryAgeS)},
        {u"xact_age_s"_s, optional(session.xactAgeS)},
        {u"state_age_s"_s, optional(session.stateAgeS)},
        {u"application_name"_s, session.applicationName},
        {u"client"_s, session.client},
        {u"user"_s, session.user},
        {u"database"_s, session.database},
        {u"backend_xmin"_s, session.backendXmin.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(session.backendXmin)},
        {u"xmin_age"_s,
         session.xminAge ? QJsonValue(double(*session.xminAge)) : QJsonValue(QJsonValue::Null)},
        {u"mizzle"_s, session.mizzle},
        {u"query"_s, session.query},
    };
}

QJsonValue ratesToJson(const std::optional<DatabaseRates> &rates)
{
    if (!rates)
        return QJsonValue::Null;
    return QJsonObject{
        {u"interval_s"_s, rounded(rates->intervalS)},
        {u"tps"_s, rounded(rates->transactionsPerS)},
        {u"tuples_in_per_s"_s, rounded(rates->tuplesInPerS)},
        {u"tuples_out_per_s"_s, rounded(rates->tuplesOutPerS)},
        {u"cache_hit_ratio"_s, optional(rates->cacheHitRatio)},
    };
}

QJsonValue horizonToJson(const std::optional<XminHorizon> &horizon)
{
    if (!horizon)
        return QJsonValue::Null;
    return QJsonObject{
        {u"pid"_s, horizon->pid},
        {u"backend_xmin"_s, horizon->backendXmin},
        {u"xmin_age"_s, double(horizon->xminAge)},
        {u"application_name"_s, horizon->applicationName},
        {u"state"_s, horizon->state},
        {u"xact_age_s"_s, optional(horizon->xactAgeS)},
    };
}

} // namespace

QJsonObject serverSampleToJson(const ServerSample &sample)
{
    QJsonArray sessions;
    for (const Session &session : sample.sessions)
        sessions.append(sessionToJson(session));
    QJsonArray roots;
    for (const BlockingRoot &root : sample.blockingRoots) {
        roots.append(QJsonObject{{u"pid"_s, root.pid},
                                 {u"blocked"_s, root.transitive},
                                 {u"blocked_directly"_s, root.direct},
                                 {u"cycle"_s, root.cycle},
                                 {u"state"_s, root.state}});
    }
    const Saturation &saturation = sample.saturation;
    return QJsonObject{
        {u"monitor_pid"_s, sample.monitorPid},
        {u"through_pooler"_s, sample.throughPooler},
        {u"sample_cost_ms"_s, rounded(sample.costMs)},
        {u"max_connections"_s, saturation.maxConnections},
        {u"superuser_reserved_connections"_s, saturation.superuserReservedConnections},
        {u"reserved_connections"_s, saturation.reservedConnections},
        {u"usable_connections"_s, saturation.usableConnections},
        {u"client_backends"_s, saturation.clientBackends},
        {u"mizzle_backends"_s, saturation.mizzleBackends},
        {u"sessions"_s, sessions},
        {u"blocking_roots"_s, roots},
        {u"rates"_s, ratesToJson(sample.rates)},
        {u"xmin_horizon"_s, horizonToJson(sample.xminHorizon)},
    };
}

QByteArray sampleToJsonLine(const ServerSample &sample, const std::optional<QJsonObject> &pgbouncer)
{
    QJsonObject line{
        {u"sampled_at"_s, sample.sampledAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"server"_s, serverSampleToJson(sample)},
    };
    if (pgbouncer)
        line.insert(u"pgbouncer"_s, *pgbouncer);
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

} // namespace mizzle::monitor
