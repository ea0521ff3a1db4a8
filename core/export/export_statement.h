#pragma once

#include <QString>

namespace mizzle {

// One statement of an SQL script export, as the server rendered it, and the object it belongs
// to. `key` identifies the object across the catalog queries ("r:16384" for a relation, "t:…" a
// type, "f:…" a function, "n:…" a schema, "c:…" a constraint, "i:…" an index, "g:…" a
// trigger); an object's comments and owner share its key and follow its definition.
struct ExportStatement
{
    QString key;
    QString kind; // "TABLE", "VIEW", "FUNCTION", …: what the script's heading calls it
    QString schema;
    QString name;
    QString sql;

    friend bool operator==(const ExportStatement &, const ExportStatement &) = default;
};

} // namespace mizzle
