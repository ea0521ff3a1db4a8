#pragma once

#include "explain/plan_node.h"

#include <QString>

namespace mizzle {

// A plan node named as EXPLAIN's text format names it, which is what people know from psql:
// "Parallel Seq Scan on public.orders o", "Hash Left Join", "HashAggregate", "Index Only Scan
// Backward using orders_pkey on public.orders", "Insert on public.t". An InitPlan, SubPlan or
// CTE says so first: "InitPlan 1 (returns $0): Result".
QString planNodeLabel(const explain::PlanNode &node);

} // namespace mizzle
