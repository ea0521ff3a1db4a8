#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>

namespace mizzle {

// SQL text written without a connection: scripts, exports, Copy as script. One implementation
// each, so that every file Mizzle writes quotes the same way.

// An identifier as PQescapeIdentifier quotes it: always in double quotes, with " doubled. Any
// other character, a line break or a backslash included, stands for itself inside the quotes,
// so that psql never reads part of a name as a meta-command.
QString sqlIdentifier(const QString &name);

// A string constant: 'it''s'. A standard string (standard_conforming_strings on): a backslash is
// itself, never an escape, and no E'' form is ever written.
QString sqlString(const QString &text);
// The same for UTF-8 bytes, appended: doubling a quote byte is safe in UTF-8.
void appendSqlString(QByteArray &out, QByteArrayView utf8);

// The type a value is cast to on its way into a column of this type (format_type's text). It is
// the type itself, except that the length of character, character varying, bit and bit varying
// is left to the column: an explicit cast to varchar(3) cuts 'abcd' to 'abc' without a word,
// where storing 'abcd' in the column raises an error, as it should. Arrays of them likewise.
// Every other modifier stays, because casting rounds exactly as storing does (numeric(10,2),
// timestamp(0)).
QString sqlCastType(const QString &formatType);

// {"a b","c\"d"}: an array's text, every element in double quotes with its quotes and
// backslashes escaped, so commas, braces and spaces stay inside their element and "NULL" stays
// the string NULL. For binding a list as one text[] parameter.
QString arrayLiteral(const QStringList &elements);

// A value as a literal that the server reads back to the very same value: NULL, or the value's
// text in the server's own form as a standard string followed by ::sqlCastType(type). The text
// is the type's input syntax, so nothing is rounded on the way: '-0'::double precision,
// 'NaN'::real, 'infinity'::timestamp with time zone, 40-digit numerics, '\x00ff'::bytea,
// '{NULL,"a\"b"}'::text[], JSON with numbers beyond any float. The cast is left out where it
// would change nothing (text, character varying) or when type is empty.
QString sqlLiteral(const std::optional<QString> &value, const QString &type);

} // namespace mizzle
