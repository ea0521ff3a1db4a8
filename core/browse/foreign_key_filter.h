#pragma once

#include "browse/table_filter.h"

#include <optional>

namespace mizzle {

// Following a foreign key is filtering the other table: to the row a key refers to, or to the
// rows that refer to one. Values are the server's text of the key's columns, in key order; a
// NULL among them refers to nothing (MATCH SIMPLE), and gives no filter.

// The referenced table's row for a referencing row's values of key.columns.
std::optional<TableFilter> referencedRowFilter(const ForeignKey &key,
                                               const QList<std::optional<QString>> &values);
// The referencing table's rows for a referenced row's values of key.referencedColumns.
std::optional<TableFilter> referencingRowsFilter(const ForeignKey &key,
                                                 const QList<std::optional<QString>> &values);

} // namespace mizzle
