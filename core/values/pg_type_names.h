#pragma once

#include <QString>

namespace mizzle {

// Names of PostgreSQL's built-in types by OID, as format_type spells them, for result headers
// that have only the OID libpq reports. Other types (enums, domains, extensions) get "oid N".
QString builtinTypeName(unsigned int typeOid);

// Whether values of the type are numbers, which read best right-aligned.
bool isNumericType(unsigned int typeOid);

} // namespace mizzle
