#pragma once

#include "explain/plan_node.h"

#include <QString>

// Internal to the TEXT plan parser: the first line of a node, such as
//   Index Scan Backward using "t pkey" on public.t x  (cost=0.29..8.30 rows=1 width=14)
//       (actual time=0.030..0.031 rows=1 loops=2)
// without the "->  " before it.
namespace mizzle::explain::detail {

// Whether the line ends with the estimates or the actuals that only a node line carries.
bool hasNodeLineFigures(const QString &line);

// Fills what the line tells, under the names FORMAT JSON would use: "Hash Left Join" becomes
// Node Type "Hash Join" with Join Type "Left", "Partial HashAggregate" Node Type "Aggregate"
// with Strategy "Hashed" and Partial Mode "Partial", "Update on t" a ModifyTable. A name this
// parser does not know is kept as the node type. Returns false when the line is not a node
// line: no name, or a name PostgreSQL does not print without figures after it.
bool readNodeLine(const QString &line, PlanNode &node);

} // namespace mizzle::explain::detail
