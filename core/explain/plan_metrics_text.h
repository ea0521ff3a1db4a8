#pragma once

#include "explain/plan.h"
#include "explain/plan_metrics.h"

#include <QString>

namespace mizzle::explain {

// The derived metrics as a table for people, the output of `mizzle plan FILE --format text`: the
// bands (planning, execution, triggers, JIT, serialization) on one line, then one row per node in
// pre-order with the figures of planToMetricsJson() and the node indented by its depth (named
// much as EXPLAIN names it: "Parallel Seq Scan on \"order lines\" l"), then the invariant.
// Values the plan does not give are printed as "-". Columns are padded to their widest cell, so
// the layout is for reading, not parsing: scripts should use the JSON.
QString planToMetricsText(const Plan &plan, const PlanMetrics &metrics);

} // namespace mizzle::explain
