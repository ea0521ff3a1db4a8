#include "connection/read_only_transaction.h"

#include <QStringList>

namespace mizzle {

using namespace Qt::StringLiterals;

QString readOnlyTransactionBegin(const QString &isolation, bool deferrable)
{
    static const QStringList levels{u"serializable"_s, u"repeatable read"_s, u"read committed"_s,
                                    u"read uncommitted"_s};
    QString begin = u"BEGIN TRANSACTION"_s;
    // Only a level from the list reaches the text, so nothing a user typed is spliced in.
    if (const qsizetype level = levels.indexOf(isolation.toLower()); level >= 0)
        begin += u" ISOLATION LEVEL "_s + levels.at(level).toUpper();
    begin += u" READ ONLY"_s;
    if (deferrable)
        begin += u" DEFERRABLE"_s;
    return begin + u"; SELECT 1"_s;
}

} // namespace mizzle
