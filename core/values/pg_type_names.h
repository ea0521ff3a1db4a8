#pragma once

#include <QString>

namespace mizzle {

// Names of PostgreSQL's built-in types by OID, as format_type spells them, for result headers
// that have only the OID libpq reports. Other types (enums, domains, extensions) get "oid N".
QString builtinTypeName(unsigned int typeOid);

// Whether values of the type are numbers, which read best right-aligned.
bool isNumericType(unsigned int typeOid);

// The name format_type(oid, typmod) gives, from the one format_type(oid, NULL) gives and a type
// modifier as libpq's PQfmod reports it (-1 for none). The built-in types that take a modifier
// are spelled as the server spells them, arrays of them too: "character varying(20)[]",
// "numeric(10,2)", "timestamp(3) with time zone", "interval day to second(0)", "bit(4)". A
// modifier on any other type (an extension's, whose own output function would spell it) leaves
// baseName as it is.
QString formatTypeWithModifier(const QString &baseName, unsigned int typeOid, int typeModifier);

// The short form of a format_type name, for a column header where width is scarce:
// "timestamp(3) with time zone[]" -> "timestamptz(3)[]", "character varying(320)" ->
// "varchar(320)", "double precision" -> "float8", "boolean" -> "bool", "bit varying(8)" ->
// "varbit(8)". Modifiers and the array suffix are kept; any other name comes back as it is.
QString shortTypeName(const QString &formatTypeText);

} // namespace mizzle
