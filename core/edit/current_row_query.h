#pragma once

#include "catalog/catalog_types.h"
#include "connection/pg_connection.h"
#include "edit/row_identity.h"

#include <optional>

namespace mizzle {

// The statement that reads an edited row as it is now, to show "theirs" when a save found it
// changed: found by its key, in the shape of a TableReader page (the table's columns, then
// xmin for a relation that has one), so that identityOf and rowValues read the result.
//
// A row without a key has none: its location (ctid) is all that named it, and a row found at
// that location now may be another one (an update moves a row, VACUUM FULL moves them all).
std::optional<PgConnection::PipelineStatement>
currentRowQuery(const TableDetails &table, const RowIdentity &row, const PgConnection &connection);

} // namespace mizzle
