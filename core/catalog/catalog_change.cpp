#include "catalog/catalog_change.h"

#include <QStringList>

namespace mizzle {

using namespace Qt::StringLiterals;

bool changesCatalog(QStringView commandTag)
{
    static const QStringList ddl{u"CREATE"_s, u"ALTER"_s, u"DROP"_s, u"COMMENT"_s};
    const QStringView verb = commandTag.left(commandTag.indexOf(u' '));
    return ddl.contains(verb);
}

} // namespace mizzle
