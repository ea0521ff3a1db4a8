#pragma once

#include <QString>

namespace mizzle {

// What a filter can do with a column, read from its format_type text alone (the catalog gives
// no more): the family decides the operators on offer, castType the type its values are cast to.
enum class FilterTypeFamily {
    Text,      // text, character varying, character, name, citext: like works on the column as is
    Ordered,   // numbers, dates and times, uuid, inet, bit strings: compared, or like as text
    Bytea,     // compared, never like
    Boolean,   // = and ≠
    Unordered, // xml and the geometric types: no equality the filter could use
    Array,     // a format_type ending in "[]"
    Json,
    Jsonb,
    Unknown // an enum, a domain, an extension's type: treated like text, like through a cast
};

struct FilterColumnType
{
    FilterTypeFamily family = FilterTypeFamily::Unknown;
    // The format_type text without its type modifier ("character varying(20)[]" gives
    // "character varying[]", "numeric(10,2)" gives "numeric"), so a cast never cuts or rounds a
    // value the user typed; "character" becomes "bpchar", "bit" "bit varying" and every interval
    // "interval", because without a modifier those would mean one character, one bit, or
    // dropped interval fields. Spliced into SQL: it comes from the server's catalog, quoted by
    // format_type.
    QString castType;
};

FilterColumnType filterColumnType(const QString &formatType);

} // namespace mizzle
