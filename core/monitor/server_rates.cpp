#include "monitor/server_rates.h"

namespace mizzle::monitor {

std::optional<DatabaseRates> databaseRates(const DatabaseCounters &previous,
                                           const DatabaseCounters &current, qint64 elapsedMs)
{
    if (elapsedMs <= 0)
        return std::nullopt;
    const qint64 deltas[] = {
        current.xactCommit - previous.xactCommit,   current.xactRollback - previous.xactRollback,
        current.tupReturned - previous.tupReturned, current.tupFetched - previous.tupFetched,
        current.tupInserted - previous.tupInserted, current.tupUpdated - previous.tupUpdated,
        current.tupDeleted - previous.tupDeleted,   current.blksRead - previous.blksRead,
        current.blksHit - previous.blksHit,
    };
    for (qint64 delta : deltas) {
        if (delta < 0)
            return std::nullopt;
    }
    const double seconds = double(elapsedMs) / 1000.0;
    DatabaseRates rates;
    rates.intervalS = seconds;
    rates.transactionsPerS = double(deltas[0] + deltas[1]) / seconds;
    rates.tuplesOutPerS = double(deltas[2]) / seconds;
    rates.tuplesInPerS = double(deltas[4] + deltas[5] + deltas[6]) / seconds;
    const qint64 asked = deltas[7] + deltas[8];
    if (asked > 0)
        rates.cacheHitRatio = double(deltas[8]) / double(asked);
    return rates;
}

} // namespace mizzle::monitor
