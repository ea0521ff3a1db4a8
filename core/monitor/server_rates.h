#pragma once

#include "monitor/activity_snapshot.h"

#include <optional>

namespace mizzle::monitor {

// Rates between two readings of the counters, divided by the time measured between them (not
// the nominal interval: a late or backed-off sample would otherwise overstate them). None when
// no time passed, or when a counter went down, which only a stats reset does.
std::optional<DatabaseRates> databaseRates(const DatabaseCounters &previous,
                                           const DatabaseCounters &current, qint64 elapsedMs);

} // namespace mizzle::monitor
