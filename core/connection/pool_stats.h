#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtGlobal>

namespace mizzle {

// A snapshot of the pool's counters, for the status bar and the pool monitor.
struct PoolStats
{
    int max = 0;
    int total = 0;  // every connection, including those still connecting
    int active = 0; // leased, or being reset after a lease
    int idle = 0;
    int opening = 0;
    int waiting = 0;          // callers queued for a connection
    qint64 longestWaitUs = 0; // how long the first of them has waited; 0 when none waits
    qint64 acquireCount = 0;
    qint64 acquireTimeouts = 0;
    qint64 lastAcquireWaitMs = 0;
    qint64 maxAcquireWaitMs = 0;
    qint64 totalAcquireWaitMs = 0;
};

// Why the pool closed a connection it had opened.
enum class PoolCloseReason {
    IdleTimeout, // idle for pool.idleTimeout
    MaxLifetime, // older than pool.maxLifetime
    Broken,      // the server or the network ended it
    Error,       // a reset or seal failed, or it came back mid-statement: state unknown
};
QString poolCloseReasonName(PoolCloseReason reason);

// One leased connection as the pool sees it now. Times are on the pool's clock, in µs.
struct PoolHolder
{
    QString owner; // who acquired it: a label, or the context's object name or class
    qint64 leasedAtUs = 0;
    qint64 heldUs = 0;
    int backendPid = 0;
    QString statement; // running now; empty between statements
    bool inTransaction = false;
    // How long the current statement has run or, between statements, since the last ended:
    // with inTransaction and no statement, how long it has sat idle in a transaction.
    qint64 activityUs = 0;
    // The object that asked for the lease, while it lives: a view finds the tab holding it
    // through its parents.
    QPointer<QObject> context;
    // The connection's own application_name (ConnectionPool::connectionApplicationName): how it
    // is found in PgBouncer's SHOW CLIENTS and in pg_stat_activity.
    QString applicationName;

    bool idleInTransaction() const { return inTransaction && statement.isEmpty(); }
};

} // namespace mizzle
