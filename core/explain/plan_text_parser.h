#pragma once

#include "base/result.h"
#include "explain/plan.h"

#include <QByteArray>

namespace mizzle::explain {

// Reads EXPLAIN's TEXT format into the same tree parseJsonPlan() builds from FORMAT JSON: the
// nodes as PostgreSQL nests them, with the names, estimates, actuals and details JSON would
// give. The text may come as psql prints it (aligned, wrapped or framed, with "+" marks), as a
// grid copies it, or in an auto_explain log entry (see planTextLines()). What the text format
// does not print is inferred as PostgreSQL decides it ("Parent Relationship" from the parent's
// kind, all-zero buffers that it leaves out) or left unset. Errors give the input line.
Result<Plan> parseTextPlan(const QByteArray &text);

} // namespace mizzle::explain
