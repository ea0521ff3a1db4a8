#pragma once

#include "monitor/activity_snapshot.h"

#include <QHash>
#include <QList>

namespace mizzle::monitor {

// Ranks the sessions that hold others up, from who waits on whom (a pid and the pids
// pg_blocking_pids named for it). A root is a blocker that waits on nobody; when sessions wait
// on each other in a cycle (a deadlock the server has not broken yet), the member holding up the
// most of those left is taken as the cycle's root and marked as such. Counts are of distinct
// sessions, so a cycle or a session waiting on two blockers is never counted twice. Worst
// first: most sessions held up in all, then most held up directly, then the lowest pid.
// `state` is left empty for the caller to fill in.
QList<BlockingRoot> blockingRoots(const QHash<int, QList<int>> &blockedBy);

} // namespace mizzle::monitor
