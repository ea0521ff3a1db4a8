#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <optional>

namespace mizzle::monitor {

// One SHOW command's answer as PgBouncer sent it: its own column names, in its order, and each
// row as column name -> text. Kept whole so that a newer PgBouncer's extra columns reach the
// JSON output without Mizzle knowing them.
struct PgBouncerTable
{
    QStringList columns;
    QSet<QString> numericColumns; // sent as integer or numeric, so printed as numbers
    QList<QMap<QString, QString>> rows;
};

// One row of SHOW POOLS, the pool of one database and user, with its pool_size from SHOW
// DATABASES. Counts are connections; a column an older PgBouncer lacks reads as 0.
struct PgBouncerPool
{
    QString database;
    QString user;
    int clActive = 0;  // clients linked to a server, or idle and not waiting
    int clWaiting = 0; // clients that asked for a server and have none yet
    int svActive = 0;
    int svIdle = 0;
    int svUsed = 0;
    double maxwaitS = 0; // the oldest waiting client's wait: maxwait + maxwait_us
    QString poolMode;
    std::optional<int> poolSize; // absent when SHOW DATABASES has no row for the database
};

// SHOW STATS counters of one database: totals since PgBouncer started, which only grow.
struct PgBouncerCounters
{
    QString database;
    qint64 totalWaitTimeUs = 0; // time clients spent waiting for a server
    qint64 totalXactCount = 0;
    // Times a server was assigned to a client (PgBouncer 1.23 and later); before that,
    // transactions, which in transaction pooling is the same thing.
    qint64 totalServerAssignmentCount = 0;
};

// Per database, between two of Mizzle's samples: how long each server assignment waited on
// average. In transaction pooling every transaction waits for its own assignment.
struct PgBouncerWait
{
    QString database;
    double intervalS = 0;
    qint64 assignments = 0;           // server assignments in the interval
    std::optional<double> meanWaitMs; // absent when there were none
};

// A client or server connection of SHOW CLIENTS or SHOW SERVERS. `ptr` is the connection's own
// address and `link` the address of the one it is paired with (empty when unpaired): a
// client's link is its server's ptr, and the other way round.
struct PgBouncerConnection
{
    QString user;
    QString database;
    QString state;
    QString applicationName;
    QString ptr;
    QString link;
    int remotePid = 0; // for a server, its backend's pid; for a local client, its process
};

struct PgBouncerSample
{
    QDateTime sampledAt; // UTC, when the last answer arrived
    qint64 clockMs = 0;  // the sampler's monotonic clock then
    double costMs = 0;   // the round trips the sample took
    QString version;     // "PgBouncer 1.24.1"
    QList<PgBouncerPool> pools;
    QList<PgBouncerCounters> counters;
    QList<PgBouncerConnection> clients;
    QList<PgBouncerConnection> servers;
    QList<PgBouncerWait> waits; // empty on the first sample
    PgBouncerTable showPools;
    PgBouncerTable showStats;
    PgBouncerTable showClients;
    PgBouncerTable showServers;
    PgBouncerTable showDatabases;

    const PgBouncerPool *pool(const QString &database, const QString &user = {}) const
    {
        for (const PgBouncerPool &each : pools) {
            if (each.database == database && (user.isEmpty() || each.user == user))
                return &each;
        }
        return nullptr;
    }
};

} // namespace mizzle::monitor
