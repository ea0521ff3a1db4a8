#include "pg_query_access.h"

#include <QMutex>
#include <QStringView>

namespace mizzle {

QMutex &pgQueryMutex()
{
    static QMutex mutex;
    return mutex;
}

QByteArray pgQueryInput(const QString &text)
{
    if (QStringView(text).isValidUtf16())
        return text.toUtf8();
    QString repaired = text;
    for (qsizetype i = 0; i < repaired.size(); ++i) {
        if (repaired.at(i).isHighSurrogate() && i + 1 < repaired.size() &&
            repaired.at(i + 1).isLowSurrogate())
            ++i;
        else if (repaired.at(i).isSurrogate())
            repaired[i] = QChar::ReplacementCharacter;
    }
    return repaired.toUtf8();
}

} // namespace mizzle
