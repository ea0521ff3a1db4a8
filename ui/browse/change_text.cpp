#include "browse/change_text.h"

#include <QCoreApplication>

namespace mizzle {

using namespace Qt::StringLiterals;

QString shownValue(const std::optional<QString> &value)
{
    if (!value)
        return u"NULL"_s;
    const QString line = value->left(60).replace(u'\n', u'⏎');
    return u"'%1'"_s.arg(value->size() > 60 ? line + u'…' : line);
}

QString shownValue(const CellValue &value)
{
    return value.isNull() ? u"NULL"_s : value.isDefault() ? u"DEFAULT"_s : shownValue(value.text);
}

QString rowName(const TableDetails &table, const RowIdentity &row)
{
    if (row.key.isEmpty())
        return QCoreApplication::translate("PendingChangesPanel", "row at %1").arg(row.location);
    if (row.key.size() == 1)
        return u"%1 = %2"_s.arg(table.primaryKey.value(0), row.key.first());
    return u"(%1) = (%2)"_s.arg(table.primaryKey.join(u", "), row.key.join(u", "));
}

} // namespace mizzle
