#pragma once

#include "catalog/catalog_types.h"

#include <QString>

namespace mizzle {

class QueryResult;

// The foreign keys from and to one table, for Catalog::loadTable: one row per key column, in key
// order. Its one parameter, $1, is the table's oid.
const QString &foreignKeysSql();

// Fills table.foreignKeys and table.referencedBy from the rows of foreignKeysSql().
void readForeignKeys(const QueryResult &rows, TableDetails &table);

} // namespace mizzle
