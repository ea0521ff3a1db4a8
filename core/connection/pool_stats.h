#pragma once

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
    int waiting = 0; // callers queued for a connection
    qint64 acquireCount = 0;
    qint64 acquireTimeouts = 0;
    qint64 lastAcquireWaitMs = 0;
    qint64 maxAcquireWaitMs = 0;
    qint64 totalAcquireWaitMs = 0;
};

} // namespace mizzle
