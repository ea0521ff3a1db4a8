#include "values/pg_type_names.h"

#include <QHash>

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
        {1000, u"boolean[]"_s},
        {1005, u"smallint[]"_s},
        {1007, u"integer[]"_s},
        {1009, u"text[]"_s},
        {1016, u"bigint[]"_s},
        {1042, u"character"_s},
        {1043, u"character varying"_s},
        {1082, u"date"_s},
        {1083, u"time without time zone"_s},
        {1114, u"timestamp without time zone"_s},
        {1184, u"timestamp with time zone"_s},
        {1186, u"interval"_s},
        {1266, u"time with time zone"_s},
        {1560, u"bit"_s},
        {1562, u"bit varying"_s},
        {1700, u"numeric"_s},
        {2249, u"record"_s},
        {2278, u"void"_s},
        {2950, u"uuid"_s},
        {3220, u"pg_lsn"_s},
        {3614, u"tsvector"_s},
        {3802, u"jsonb"_s},
        {3904, u"int4range"_s},
        {3926, u"int8range"_s},
        {3910, u"tstzrange"_s},
        {3912, u"daterange"_s},
    };
    return table;
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

} // namespace mizzle
