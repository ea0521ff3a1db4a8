#pragma once

#include "explain/plan.h"
#include "explain/plan_metrics.h"

#include <QByteArray>

namespace mizzle::explain {

// The derived metrics as one JSON object on one line, ending in a newline; the output of
// `mizzle plan FILE --format json`, a public interface:
//
//   {"planningMs": ms, "executionMs": ms,
//    "nodes": [{"id", "parent", "type", "relation", "alias", "parentRelationship",
//               "subplanName", "startupCost", "totalCost", "planRows", "actualRows", "loops",
//               "inclusiveMs", "exclusiveMs", "estimateFactor", "estimateDirection",
//               "neverExecuted", "buffers"}, ...],
//    "invariant": {"ok", "sumExclusiveMs", "rootInclusiveMs", "unattributedMs"}}
//
// Nodes come in pre-order, ids from 0, "parent" is an id (null for the root), "type" the Node
// Type as PostgreSQL prints it, "relation" the Relation Name. Costs and rows are as printed
// (rows per loop); times are the derived ones (see NodeMetrics), rounded to 0.001 ms, as is the
// estimate factor. "estimateDirection" is "under", "over" or "none". "buffers" holds the
// exclusive block counts: sharedHit, sharedRead, sharedDirtied, sharedWritten, localHit,
// localRead, localDirtied, localWritten, tempRead, tempWritten. Whatever the plan does not
// tell (no ANALYZE, no BUFFERS) is null.
QByteArray planToMetricsJson(const Plan &plan, const PlanMetrics &metrics);

} // namespace mizzle::explain
