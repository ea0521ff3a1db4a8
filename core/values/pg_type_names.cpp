#include "values/pg_type_names.h"

#include <QHash>
#include <QRegularExpression>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// OIDs are fixed for built-in types (src/include/catalog/pg_type.dat).
const QHash<unsigned int, QString> &names()
{
    static const QHash<unsigned int, QString> table{
        {16, u"boolean"_s},
        {17, u"bytea"_s},
        {18, u"\"char\""_s},
        {19, u"name"_s},
        {20, u"bigint"_s},
        {21, u"smallint"_s},
        {23, u"integer"_s},
        {25, u"text"_s},
        {26, u"oid"_s},
        {114, u"json"_s},
        {142, u"xml"_s},
        {600, u"point"_s},
        {650, u"cidr"_s},
        {700, u"real"_s},
        {701, u"double precision"_s},
        {790, u"money"_s},
        {829, u"macaddr"_s},
        {869, u"inet"_s},
        {199, u"json[]"_s},
        {1000, u"boolean[]"_s},
        {1001, u"bytea[]"_s},
        {1005, u"smallint[]"_s},
        {1007, u"integer[]"_s},
        {1009, u"text[]"_s},
        {1014, u"character[]"_s},
        {1015, u"character varying[]"_s},
        {1016, u"bigint[]"_s},
        {1021, u"real[]"_s},
        {1022, u"double precision[]"_s},
        {1028, u"oid[]"_s},
        {1042, u"character"_s},
        {1043, u"character varying"_s},
        {1082, u"date"_s},
        {1083, u"time without time zone"_s},
        {1114, u"timestamp without time zone"_s},
        {1184, u"timestamp with time zone"_s},
        {1115, u"timestamp without time zone[]"_s},
        {1182, u"date[]"_s},
        {1183, u"time without time zone[]"_s},
        {1185, u"timestamp with time zone[]"_s},
        {1186, u"interval"_s},
        {1187, u"interval[]"_s},
        {1231, u"numeric[]"_s},
        {1270, u"time with time zone[]"_s},
        {1266, u"time with time zone"_s},
        {1560, u"bit"_s},
        {1561, u"bit[]"_s},
        {1562, u"bit varying"_s},
        {1563, u"bit varying[]"_s},
        {1700, u"numeric"_s},
        {2249, u"record"_s},
        {2278, u"void"_s},
        {2950, u"uuid"_s},
        {2951, u"uuid[]"_s},
        {3220, u"pg_lsn"_s},
        {3614, u"tsvector"_s},
        {3802, u"jsonb"_s},
        {3807, u"jsonb[]"_s},
        {3904, u"int4range"_s},
        {3926, u"int8range"_s},
        {3910, u"tstzrange"_s},
        {3912, u"daterange"_s},
    };
    return table;
}

// The built-in types whose modifier format_type spells out (each has a typmodout function), by
// their own OID and their array's. `before` is the name in front of the modifier, `after` what
// follows it.
struct ModifiedType
{
    unsigned int oid;
    unsigned int arrayOid;
    QStringView before;
    QStringView after;
};

constexpr unsigned int bpcharOid = 1042;
constexpr unsigned int varcharOid = 1043;
constexpr unsigned int numericOid = 1700;
constexpr unsigned int intervalOid = 1186;
constexpr unsigned int bitOid = 1560;
constexpr unsigned int varbitOid = 1562;
constexpr int varlenaHeader = 4; // VARHDRSZ, which character and numeric modifiers include

constexpr ModifiedType modifiedTypes[] = {
    {bpcharOid, 1014, u"character", u""},
    {varcharOid, 1015, u"character varying", u""},
    {numericOid, 1231, u"numeric", u""},
    {1083, 1183, u"time", u" without time zone"},
    {1266, 1270, u"time", u" with time zone"},
    {1114, 1115, u"timestamp", u" without time zone"},
    {1184, 1185, u"timestamp", u" with time zone"},
    {intervalOid, 1187, u"interval", u""},
    {bitOid, 1561, u"bit", u""},
    {varbitOid, 1563, u"bit varying", u""},
};

// What intervaltypmodout writes: the fields (a bit mask of datetime.h's YEAR = 2, MONTH = 1,
// DAY = 3, HOUR = 10, MINUTE = 11, SECOND = 12) and then the precision, unless it is full.
QString intervalModifier(int typeModifier)
{
    constexpr int year = 1 << 2, month = 1 << 1, day = 1 << 3;
    constexpr int hour = 1 << 10, minute = 1 << 11, second = 1 << 12;
    constexpr int fullPrecision = 0xFFFF;
    const int fields = (typeModifier >> 16) & 0x7FFF;
    const int precision = typeModifier & 0xFFFF;
    QString text;
    switch (fields) {
    case year:
        text = u" year"_s;
        break;
    case month:
        text = u" month"_s;
        break;
    case day:
        text = u" day"_s;
        break;
    case hour:
        text = u" hour"_s;
        break;
    case minute:
        text = u" minute"_s;
        break;
    case second:
        text = u" second"_s;
        break;
    case year | month:
        text = u" year to month"_s;
        break;
    case day | hour:
        text = u" day to hour"_s;
        break;
    case day | hour | minute:
        text = u" day to minute"_s;
        break;
    case day | hour | minute | second:
        text = u" day to second"_s;
        break;
    case hour | minute:
        text = u" hour to minute"_s;
        break;
    case hour | minute | second:
        text = u" hour to second"_s;
        break;
    case minute | second:
        text = u" minute to second"_s;
        break;
    default: // the full range, or one the server would not write either
        break;
    }
    if (precision != fullPrecision)
        text += u"(%1)"_s.arg(precision);
    return text;
}

// The modifier text each type's typmodout function writes, for typeModifier >= 0.
QString modifierText(unsigned int oid, int typeModifier)
{
    switch (oid) {
    case bpcharOid:
    case varcharOid:
        return typeModifier > varlenaHeader ? u"(%1)"_s.arg(typeModifier - varlenaHeader)
                                            : QString();
    case numericOid: {
        const int packed = typeModifier - varlenaHeader;
        const int precision = (packed >> 16) & 0xFFFF;
        const int scale = ((packed & 0x7FF) ^ 1024) - 1024; // 11 bits, signed since PostgreSQL 15
        return u"(%1,%2)"_s.arg(precision).arg(scale);
    }
    case intervalOid:
        return intervalModifier(typeModifier);
    default: // time, timetz, timestamp, timestamptz, bit, varbit
        return u"(%1)"_s.arg(typeModifier);
    }
}

} // namespace

QString builtinTypeName(unsigned int typeOid)
{
    return names().value(typeOid, u"oid %1"_s.arg(typeOid));
}

bool isNumericType(unsigned int typeOid)
{
    switch (typeOid) {
    case 20:   // bigint
    case 21:   // smallint
    case 23:   // integer
    case 26:   // oid
    case 700:  // real
    case 701:  // double precision
    case 790:  // money
    case 1700: // numeric
        return true;
    default:
        return false;
    }
}

QString formatTypeWithModifier(const QString &baseName, unsigned int typeOid, int typeModifier)
{
    for (const ModifiedType &type : modifiedTypes) {
        if (typeOid != type.oid && typeOid != type.arrayOid)
            continue;
        const QString array = typeOid == type.arrayOid ? u"[]"_s : QString();
        if (typeModifier >= 0)
            return type.before.toString() + modifierText(type.oid, typeModifier) +
                   type.after.toString() + array;
        // An explicit "no modifier" is not CHARACTER or BIT, which the SQL standard reads as
        // length 1: format_type then names the type so that it cannot be taken for those.
        if (type.oid == bpcharOid)
            return u"bpchar"_s + array;
        if (type.oid == bitOid)
            return u"\"bit\""_s + array;
        return baseName;
    }
    return baseName;
}

QString shortTypeName(const QString &formatTypeText)
{
    // format_type writes one "[]" whatever the dimensions; more are accepted all the same.
    static const QRegularExpression zoned(
        u"^(timestamp|time)(\\(\\d+\\))? (with|without) time zone((?:\\[\\])*)$"_s);
    static const QRegularExpression spelled(
        u"^(character varying|character|bit varying|double precision|real|boolean)"
        u"(\\([^()]*\\))?((?:\\[\\])*)$"_s);
    static const QHash<QString, QString> shortNames{
        {u"character varying"_s, u"varchar"_s},
        {u"character"_s, u"char"_s},
        {u"bit varying"_s, u"varbit"_s},
        {u"double precision"_s, u"float8"_s},
        {u"real"_s, u"float4"_s},
        {u"boolean"_s, u"bool"_s},
    };
    if (const QRegularExpressionMatch match = zoned.match(formatTypeText); match.hasMatch()) {
        const bool withZone = match.capturedView(3) == u"with";
        return match.captured(1) + (withZone ? u"tz"_s : QString()) + match.captured(2) +
               match.captured(4);
    }
    if (const QRegularExpressionMatch match = spelled.match(formatTypeText); match.hasMatch())
        return shortNames.value(match.captured(1)) + match.captured(2) + match.captured(3);
    return formatTypeText;
}

} // namespace mizzle
