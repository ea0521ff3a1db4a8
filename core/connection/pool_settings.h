#pragma once

namespace mizzle {

// How the pool sizes itself and times out. Durations are in milliseconds here; profile files
// write them in seconds, like Bun SQL's pool options. Zero means "no limit".
struct PoolSettings
{
    int max = 5;
    int idleTimeoutMs = 30'000;
    int maxLifetimeMs = 30 * 60'000;
    int connectionTimeoutMs = 10'000;
    int acquireTimeoutMs = 10'000;
    // Every lease begins inside a read-only transaction that the pool opens and seals
    // (readOnlyTransactionBegin) and that releasing it rolls back: what a read-only profile
    // promises, for every statement anything in Mizzle runs.
    bool readOnly = false;
};

} // namespace mizzle
