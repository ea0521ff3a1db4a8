#pragma once

#include <QStringView>

namespace mizzle {

// Whether a statement that finished with this command tag ("CREATE TABLE", "ALTER INDEX",
// "COMMENT") may have changed what the catalog holds: the names to complete, the schema tree.
bool changesCatalog(QStringView commandTag);

} // namespace mizzle
