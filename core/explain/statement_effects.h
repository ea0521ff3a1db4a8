#pragma once

#include <QString>

namespace mizzle::explain {

// Whether running the statement may change data, as far as PostgreSQL's own parser (libpg_query)
// can tell without a catalog. Only a plain query counts as read-only: SELECT, VALUES or TABLE
// with no INTO, no FOR UPDATE/SHARE and no INSERT, UPDATE, DELETE or MERGE anywhere inside it
// (data-modifying CTEs). Everything else, a statement the parser rejects included, may change
// data. A function called by a plain SELECT may still write: the parser cannot see that, which
// is why PlanCapture rolls back every analyzed statement, not only these.
bool statementMayChangeData(const QString &statement);

// The statement as EXPLAIN (or HypoPG) can take it: trimmed, without trailing semicolons, which
// would end the EXPLAIN early.
QString explainableStatement(const QString &statement);

} // namespace mizzle::explain
