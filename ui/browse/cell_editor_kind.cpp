#include "browse/cell_editor_kind.h"

#include "browse/filter_column_type.h"

#include <QSet>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QSet<QString> &numberTypes()
{
    // money is left out: its text form follows lc_monetary ("$1,000.00").
    static const QSet<QString> types{u"smallint"_s, u"integer"_s, u"bigint"_s,
                                     u"numeric"_s,  u"real"_s,    u"double precision"_s,
                                     u"oid"_s};
    return types;
}

const QSet<QString> &dateTimeTypes()
{
    static const QSet<QString> types{u"date"_s,
                                     u"time without time zone"_s,
                                     u"time with time zone"_s,
                                     u"timestamp without time zone"_s,
                                     u"timestamp with time zone"_s,
                                     u"interval"_s};
    return types;
}

} // namespace

CellEditorKind cellEditorKindOf(const QString &formatType)
{
    // filterColumnType strips the modifiers and names the families; the castType is the bare
    // type name ("numeric(10,2)" gives "numeric").
    const FilterColumnType type = filterColumnType(formatType);
    switch (type.family) {
    case FilterTypeFamily::Array:
        return CellEditorKind::Array;
    case FilterTypeFamily::Json:
    case FilterTypeFamily::Jsonb:
        return CellEditorKind::Json;
    case FilterTypeFamily::Boolean:
        return CellEditorKind::Boolean;
    case FilterTypeFamily::Bytea:
        return CellEditorKind::Bytea;
    case FilterTypeFamily::Ordered:
        if (numberTypes().contains(type.castType))
            return CellEditorKind::Number;
        if (dateTimeTypes().contains(type.castType))
            return CellEditorKind::DateTime;
        return CellEditorKind::Text;
    case FilterTypeFamily::Text:
    case FilterTypeFamily::Unordered:
    case FilterTypeFamily::Unknown:
        return CellEditorKind::Text;
    }
    return CellEditorKind::Text;
}

bool mayBeEnum(const QString &formatType)
{
    return filterColumnType(formatType).family == FilterTypeFamily::Unknown;
}

} // namespace mizzle
