#pragma once

#include "connection/pool_stats.h"
#include "monitor/activity_snapshot.h"
#include "monitor/pgbouncer_snapshot.h"

#include <QList>
#include <optional>

namespace mizzle::monitor {

// One of Mizzle's leased connections followed through PgBouncer to the server: which client
// connection PgBouncer sees it as, which server connection that client is linked to now, and
// the backend behind it. In transaction pooling a client is linked to a server only while a
// transaction is open, so an idle holder has a client and no server.
struct HolderLink
{
    PoolHolder holder;
    std::optional<PgBouncerConnection> client; // in SHOW CLIENTS
    std::optional<PgBouncerConnection> server; // in SHOW SERVERS, linked to that client
    int backendPid = 0;                        // 0 when it cannot be told
    std::optional<Session> session;            // the backend in pg_stat_activity
};

// Links each holder, by its unique application_name, to PgBouncer's client, that client's
// server (client.link is the server's ptr) and that server's backend (its remote_pid), then to
// pg_stat_activity. Without PgBouncer the backend is the pid libpq reports. Either sample may
// be absent; what cannot be linked is left empty.
QList<HolderLink> linkHolders(const QList<PoolHolder> &holders, const PgBouncerSample *pgbouncer,
                              const ServerSample *server);

} // namespace mizzle::monitor
