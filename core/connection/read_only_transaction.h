#pragma once

#include <QString>

namespace mizzle {

// The transaction every statement of a read-only profile runs in: BEGIN … READ ONLY, followed at
// once by a query, because PostgreSQL refuses to make a transaction read-write once it has taken
// its first snapshot (SQLSTATE 25001), and a subtransaction can never be. So a user's first
// statement cannot be SET TRANSACTION READ WRITE, and nothing after it can turn the transaction
// into a writing one; only its end could, and Mizzle alone ends it.
//
// The isolation level is one of PostgreSQL's four ("repeatable read"); anything else, or none,
// leaves the server's default. Both statements go in one round trip (simple query protocol).
QString readOnlyTransactionBegin(const QString &isolation = {}, bool deferrable = false);

} // namespace mizzle
