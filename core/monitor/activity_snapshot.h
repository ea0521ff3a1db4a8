#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace mizzle::monitor {

// One backend as pg_stat_activity showed it in one sample. Ages are seconds, measured against
// the sample's own statement start; absent when the server did not say (no transaction, or a
// session whose details the role may not see).
struct Session
{
    int pid = 0;
    QString backendType; // "client backend", "autovacuum worker", ...
    QString state;       // "active", "idle", "idle in transaction", ...; empty for a non-client
    QString waitEventType;
    QString waitEvent;
    QString query;
    QString applicationName;
    QString client; // address:port, "local" for a Unix socket, empty for a background process
    QString user;
    QString database;
    std::optional<double> queryAgeS;
    std::optional<double> xactAgeS;
    std::optional<double> stateAgeS;
    QString backendXmin;           // the xid as text; empty when the backend holds none
    std::optional<qint64> xminAge; // age(backend_xmin), in transactions
    QList<int> blockedBy;          // pg_blocking_pids: who this session waits on for a lock
    bool mizzle = false;           // one of Mizzle's own connections (pool or monitor)

    bool isClientBackend() const { return backendType == QLatin1String("client backend"); }
    // A transaction left open and doing nothing holds its locks and the xmin horizon.
    bool idleInTransaction() const
    {
        return state.startsWith(QLatin1String("idle in transaction"));
    }
};

// A session that holds others up and is not itself held up by anyone outside its own group:
// where untangling a lock queue starts.
struct BlockingRoot
{
    int pid = 0;
    int direct = 0;     // sessions waiting on it directly
    int transitive = 0; // every session waiting on it, directly or through others
    bool cycle = false; // it is itself blocked, inside a wait cycle (a deadlock not yet broken)
    QString state;
};

// How close the server is to refusing connections. Superuser-reserved slots (and, from
// PostgreSQL 16, reserved_connections for pg_use_reserved_connections) are not for ordinary
// roles, so the usable budget leaves them out.
struct Saturation
{
    int maxConnections = 0;
    int superuserReservedConnections = 0;
    int reservedConnections = 0;
    int usableConnections = 0; // max less both reserves
    int clientBackends = 0;    // every client backend, the monitor's own included
    int mizzleBackends = 0;    // of those, Mizzle's own (pool and monitor)
};

// pg_stat_database summed over every database: counters that only grow, until a stats reset.
struct DatabaseCounters
{
    qint64 xactCommit = 0;
    qint64 xactRollback = 0;
    qint64 tupReturned = 0;
    qint64 tupFetched = 0;
    qint64 tupInserted = 0;
    qint64 tupUpdated = 0;
    qint64 tupDeleted = 0;
    qint64 blksRead = 0;
    qint64 blksHit = 0;
};

// Per second over the measured time between two samples.
struct DatabaseRates
{
    double intervalS = 0;
    double transactionsPerS = 0;         // commits and rollbacks
    double tuplesInPerS = 0;             // inserted, updated and deleted
    double tuplesOutPerS = 0;            // returned by scans
    std::optional<double> cacheHitRatio; // hits over blocks asked for; absent when none were
};

// The oldest snapshot a backend holds, which keeps VACUUM from removing dead rows newer than it.
struct XminHorizon
{
    int pid = 0;
    QString backendXmin;
    qint64 xminAge = 0;
    QString applicationName;
    QString state;
    std::optional<double> xactAgeS;
};

// What cancelling or terminating a backend would throw away: its open transaction.
struct RollbackPreview
{
    int pid = 0;
    QString state;
    std::optional<double> xactAgeS; // absent: no transaction is open, nothing is rolled back
    QString query;
};

struct ServerSample
{
    QDateTime sampledAt; // UTC, when the sample's answer arrived
    qint64 clockMs = 0;  // the sampler's monotonic clock then; rates divide by its differences
    double costMs = 0;   // the round trip the sample took on the monitor's connection
    int monitorPid = 0;  // the monitor's own backend, left out of `sessions`
    // pg_backend_pid() as the server said it. A pooler such as PgBouncer hands the client a
    // cancel key of its own, so there libpq's backend pid differs from it: the target is a
    // pooler, and the sessions are those of whichever server connection it lent.
    int serverPid = 0;
    bool throughPooler = false;
    QList<Session> sessions;
    QList<BlockingRoot> blockingRoots; // worst first
    Saturation saturation;
    DatabaseCounters counters;
    std::optional<DatabaseRates> rates; // absent on the first sample and after a stats reset
    std::optional<XminHorizon> xminHorizon;

    const Session *session(int pid) const
    {
        for (const Session &each : sessions) {
            if (each.pid == pid)
                return &each;
        }
        return nullptr;
    }
};

} // namespace mizzle::monitor
