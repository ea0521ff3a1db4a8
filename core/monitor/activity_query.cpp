#include "monitor/activity_query.h"

#include "connection/connection_pool.h"
#include "monitor/blocking_tree.h"

#include <algorithm>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

enum SessionColumn {
    Pid,
    BackendType,
    State,
    WaitEventType,
    WaitEvent,
    Query,
    ApplicationName,
    Client,
    User,
    Database,
    QueryAge,
    XactAge,
    StateAge,
    BackendXmin,
    XminAge,
    BlockedBy,
    SessionColumns
};

enum ServerColumn {
    MaxConnections,
    SuperuserReserved,
    Reserved,
    XactCommit,
    XactRollback,
    TupReturned,
    TupFetched,
    TupInserted,
    TupUpdated,
    TupDeleted,
    BlksRead,
    BlksHit,
    ServerPid,
    ServerColumns
};

// Ages against statement_timestamp(), one instant for every row; greatest() because a session
// may have started its statement after this one did. greatest() ignores a NULL, so a missing
// start is kept NULL by hand.
const QString sessionsSql = uR"(SELECT pid, coalesce(backend_type, ''), coalesce(state, ''),
  coalesce(wait_event_type, ''), coalesce(wait_event, ''), coalesce(query, ''),
  coalesce(application_name, ''),
  CASE WHEN client_addr IS NOT NULL THEN host(client_addr) || ':' || client_port
       WHEN client_port = -1 THEN 'local' ELSE '' END,
  coalesce(usename, ''), coalesce(datname, ''),
  CASE WHEN query_start IS NOT NULL
    THEN greatest(0, extract(epoch FROM statement_timestamp() - query_start)) END,
  CASE WHEN xact_start IS NOT NULL
    THEN greatest(0, extract(epoch FROM statement_timestamp() - xact_start)) END,
  CASE WHEN state_change IS NOT NULL
    THEN greatest(0, extract(epoch FROM statement_timestamp() - state_change)) END,
  coalesce(backend_xmin::text, ''), age(backend_xmin),
  CASE WHEN wait_event_type = 'Lock' THEN array_to_string(pg_blocking_pids(pid), ',') END
FROM pg_stat_activity
WHERE pid <> pg_backend_pid()
ORDER BY pid)"_s;
// pg_blocking_pids takes the lock manager's locks, so it is asked only of sessions that wait
// on a heavyweight lock, the only kind it reports on.

// reserved_connections exists from PostgreSQL 16; current_setting(..., true) is NULL before.
const QString serverSql = uR"(SELECT current_setting('max_connections')::int,
  current_setting('superuser_reserved_connections')::int,
  coalesce(current_setting('reserved_connections', true), '0')::int,
  coalesce(sum(xact_commit), 0), coalesce(sum(xact_rollback), 0),
  coalesce(sum(tup_returned), 0), coalesce(sum(tup_fetched), 0),
  coalesce(sum(tup_inserted), 0), coalesce(sum(tup_updated), 0),
  coalesce(sum(tup_deleted), 0), coalesce(sum(blks_read), 0), coalesce(sum(blks_hit), 0),
  pg_backend_pid()
FROM pg_stat_database)"_s;

std::optional<double> optionalDouble(const QueryResult &result, qsizetype row, int column)
{
    if (result.isNull(row, column))
        return std::nullopt;
    return result.text(row, column).toDouble();
}

qint64 number(const QueryResult &result, int column)
{
    return result.text(0, column).toLongLong();
}

Session readSession(const QueryResult &result, qsizetype row, const QStringList &ownNames)
{
    Session session;
    session.pid = result.text(row, Pid).toInt();
    session.backendType = result.text(row, BackendType);
    session.state = result.text(row, State);
    session.waitEventType = result.text(row, WaitEventType);
    session.waitEvent = result.text(row, WaitEvent);
    session.query = result.text(row, Query);
    session.applicationName = result.text(row, ApplicationName);
    session.client = result.text(row, Client);
    session.user = result.text(row, User);
    session.database = result.text(row, Database);
    session.queryAgeS = optionalDouble(result, row, QueryAge);
    session.xactAgeS = optionalDouble(result, row, XactAge);
    session.stateAgeS = optionalDouble(result, row, StateAge);
    session.backendXmin = result.text(row, BackendXmin);
    if (!result.isNull(row, XminAge))
        session.xminAge = result.text(row, XminAge).toLongLong();
    for (const QString &pid : result.text(row, BlockedBy).split(u',', Qt::SkipEmptyParts))
        session.blockedBy.append(pid.toInt());
    // The pool's connections carry its name with a suffix of their own.
    session.mizzle = session.applicationName == u"mizzle-monitor" ||
                     std::any_of(ownNames.begin(), ownNames.end(), [&](const QString &own) {
                         return ConnectionPool::isPoolApplicationName(session.applicationName, own);
                     });
    return session;
}

std::optional<XminHorizon> oldestXmin(const QList<Session> &sessions)
{
    const Session *oldest = nullptr;
    for (const Session &session : sessions) {
        if (session.xminAge && (!oldest || *session.xminAge > *oldest->xminAge))
            oldest = &session;
    }
    if (!oldest)
        return std::nullopt;
    return XminHorizon{oldest->pid,      oldest->backendXmin,
                       *oldest->xminAge, oldest->applicationName,
                       oldest->state,    oldest->xactAgeS};
}

} // namespace

QList<PgConnection::PipelineStatement> activityStatements()
{
    return {{sessionsSql, {}}, {serverSql, {}}};
}

Result<ServerSample> readActivity(const QList<QueryResult> &results,
                                  const QStringList &ownApplicationNames)
{
    if (results.size() != 2 || results[0].columnCount() != SessionColumns ||
        results[1].columnCount() != ServerColumns || results[1].rowCount() != 1)
        return Error{u"the server's activity came back in an unexpected shape"_s};
    ServerSample sample;
    const QueryResult &sessions = results[0];
    QHash<int, QList<int>> blockedBy;
    for (qsizetype row = 0; row < sessions.rowCount(); ++row) {
        Session session = readSession(sessions, row, ownApplicationNames);
        if (!session.blockedBy.isEmpty())
            blockedBy.insert(session.pid, session.blockedBy);
        if (session.isClientBackend()) {
            ++sample.saturation.clientBackends;
            if (session.mizzle)
                ++sample.saturation.mizzleBackends;
        }
        sample.sessions.append(std::move(session));
    }
    sample.blockingRoots = blockingRoots(blockedBy);
    for (BlockingRoot &root : sample.blockingRoots) {
        if (const Session *session = sample.session(root.pid))
            root.state = session->state;
    }
    sample.xminHorizon = oldestXmin(sample.sessions);

    const QueryResult &server = results[1];
    Saturation &saturation = sample.saturation;
    saturation.maxConnections = int(number(server, MaxConnections));
    saturation.superuserReservedConnections = int(number(server, SuperuserReserved));
    saturation.reservedConnections = int(number(server, Reserved));
    saturation.usableConnections = saturation.maxConnections -
                                   saturation.superuserReservedConnections -
                                   saturation.reservedConnections;
    DatabaseCounters &counters = sample.counters;
    counters.xactCommit = number(server, XactCommit);
    counters.xactRollback = number(server, XactRollback);
    counters.tupReturned = number(server, TupReturned);
    counters.tupFetched = number(server, TupFetched);
    counters.tupInserted = number(server, TupInserted);
    counters.tupUpdated = number(server, TupUpdated);
    counters.tupDeleted = number(server, TupDeleted);
    counters.blksRead = number(server, BlksRead);
    counters.blksHit = number(server, BlksHit);
    sample.serverPid = int(number(server, ServerPid));
    return sample;
}

} // namespace mizzle::monitor
