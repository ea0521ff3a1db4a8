#pragma once

#include "connection/connection_parameters.h"
#include "connection/pool_settings.h"

#include <optional>

namespace mizzle {

// Everything needed to open a session: resolved libpq parameters (a prompted password
// included, held in memory only), the pool's knobs, and how to present it.
struct ConnectionTarget
{
    QString displayName;
    QString color; // "#rrggbb" or empty
    ConnectionParameters parameters;
    PoolSettings pool;
    bool readOnly = false;     // every statement in Mizzle's read-only transactions
    bool readOnlyRole = false; // the profile says the server role itself may not write
    bool playground = false;
    // PgBouncer's admin console in front of the server, for the Monitor; none when the profile
    // names none.
    std::optional<ConnectionParameters> pgbouncer;
};

} // namespace mizzle
