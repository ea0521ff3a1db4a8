#include "browse/filter_column_type.h"

#include <QSet>
#include <algorithm>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Drops every parenthesised type modifier outside double quotes and the space runs they leave,
// keeping quoted identifiers (which may hold parentheses, spaces or doubled quotes) untouched.
QString withoutTypeModifiers(const QString &type)
{
    QString out;
    out.reserve(type.size());
    bool quoted = false;
    int depth = 0;
    for (qsizetype i = 0; i < type.size(); ++i) {
        const QChar c = type.at(i);
        if (quoted) {
            if (depth == 0)
                out += c;
            if (c == u'"') {
                if (i + 1 < type.size() && type.at(i + 1) == u'"') {
                    if (depth == 0)
                        out += c;
                    ++i;
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
        } else if (c == u'(') {
            ++depth;
            continue;
        } else if (c == u')') {
            depth = std::max(depth - 1, 0);
            continue;
        }
        if (depth > 0)
            continue;
        if (c.isSpace() && (out.isEmpty() || out.back() == u' '))
            continue;
        out += c.isSpace() ? QChar(u' ') : c;
    }
    out = out.trimmed();
    // "character varying []" never occurs, but a space left before "[]" would still be valid.
    out.replace(u" []"_s, u"[]"_s);
    return out;
}

const QSet<QString> &textTypes()
{
    static const QSet<QString> types{u"text"_s, u"character varying"_s, u"bpchar"_s, u"name"_s,
                                     u"citext"_s};
    return types;
}

const QSet<QString> &orderedTypes()
{
    static const QSet<QString> types{
        u"smallint"_s,
        u"integer"_s,
        u"bigint"_s,
        u"numeric"_s,
        u"real"_s,
        u"double precision"_s,
        u"money"_s,
        u"oid"_s,
        u"date"_s,
        u"time without time zone"_s,
        u"time with time zone"_s,
        u"timestamp without time zone"_s,
        u"timestamp with time zone"_s,
        u"interval"_s,
        u"uuid"_s,
        u"inet"_s,
        u"cidr"_s,
        u"macaddr"_s,
        u"macaddr8"_s,
        u"pg_lsn"_s,
        u"bit varying"_s,
    };
    return types;
}

const QSet<QString> &unorderedTypes()
{
    static const QSet<QString> types{u"xml"_s, u"point"_s, u"line"_s,    u"lseg"_s,
                                     u"box"_s, u"path"_s,  u"polygon"_s, u"circle"_s};
    return types;
}

// The types a missing modifier would change: "character" is character(1), "bit" is bit(1),
// and "interval year to month" drops days.
QString unmodifiedBase(const QString &base)
{
    if (base == u"character")
        return u"bpchar"_s;
    if (base == u"bit")
        return u"bit varying"_s;
    if (base == u"interval" || base.startsWith(u"interval "))
        return u"interval"_s;
    return base;
}

} // namespace

FilterColumnType filterColumnType(const QString &formatType)
{
    QString base = withoutTypeModifiers(formatType);
    const bool array = base.endsWith(u"[]");
    if (array)
        base.chop(2);
    base = unmodifiedBase(base);

    FilterColumnType type;
    type.castType = array ? base + u"[]"_s : base;
    if (array)
        type.family = FilterTypeFamily::Array;
    else if (base == u"json")
        type.family = FilterTypeFamily::Json;
    else if (base == u"jsonb")
        type.family = FilterTypeFamily::Jsonb;
    else if (textTypes().contains(base) || base.endsWith(u".citext")) // off the search path
        type.family = FilterTypeFamily::Text;
    else if (orderedTypes().contains(base))
        type.family = FilterTypeFamily::Ordered;
    else if (base == u"boolean")
        type.family = FilterTypeFamily::Boolean;
    else if (base == u"bytea")
        type.family = FilterTypeFamily::Bytea;
    else if (unorderedTypes().contains(base))
        type.family = FilterTypeFamily::Unordered;
    else
        type.family = FilterTypeFamily::Unknown;
    return type;
}

} // namespace mizzle
