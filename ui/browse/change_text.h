#pragma once

#include "catalog/catalog_types.h"
#include "edit/cell_value.h"
#include "edit/row_identity.h"

#include <QString>
#include <optional>

namespace mizzle {

// How pending changes are named in lists and dialogs: a value cut to one short line, quoted so
// that '' and NULL (and DEFAULT) read as the different things they are.
QString shownValue(const std::optional<QString> &value);
QString shownValue(const CellValue &value);

// "id = 3", "(country, code) = (de, 2)", or the row's location for a table without a key.
QString rowName(const TableDetails &table, const RowIdentity &row);

} // namespace mizzle
