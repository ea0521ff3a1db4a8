#pragma once

#include "explain/plan_node.h"

#include <QStringList>

namespace mizzle::explain {

// Where two trees of the same plan disagree, one line per difference, such as
// "Plan.Plans[1] (Seq Scan): Plan Rows 12 vs 13"; empty when they agree. It checks that two
// readings of one EXPLAIN (FORMAT JSON and TEXT, say) give the same tree: the structure, the
// names, the estimates, the actual rows and loops, the conditions and the execution figures of
// nodes and workers. Times may differ by up to timeToleranceMs, the rounding of the printed
// figures. Counts that the text format leaves out when zero compare equal to 0.
QStringList planDifferences(const PlanNode &expected, const PlanNode &actual,
                            double timeToleranceMs = 0.0);

} // namespace mizzle::explain
