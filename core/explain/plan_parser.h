#pragma once

#include "base/result.h"
#include "explain/plan.h"

#include <QByteArray>
#include <QList>

namespace mizzle::explain {

// Reads a plan in any form Mizzle accepts, telling the forms apart by their first character:
// FORMAT JSON (see parseJsonPlans()) or TEXT (see parseTextPlan()), either of them bare, as a
// client printed it, or in an auto_explain log entry. JSON may hold several plans; TEXT gives
// one.
Result<QList<Plan>> parsePlans(const QByteArray &input);

// The first plan of parsePlans().
Result<Plan> parsePlan(const QByteArray &input);

} // namespace mizzle::explain
