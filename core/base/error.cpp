#include "base/error.h"

namespace mizzle {

QString Error::toString() const
{
    QString text;
    if (!where.isEmpty())
        text += where + QStringLiteral(": ");
    text += message;
    if (!sqlState.isEmpty())
        text += QStringLiteral(" (SQLSTATE %1)").arg(sqlState);
    if (!detail.isEmpty())
        text += QStringLiteral("\nDetail: ") + detail;
    if (!hint.isEmpty())
        text += QStringLiteral("\nHint: ") + hint;
    return text;
}

} // namespace mizzle
