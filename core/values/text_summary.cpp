#include "values/text_summary.h"

namespace mizzle {

using namespace Qt::StringLiterals;

QString firstLine(const QString &text, qsizetype maxChars)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    QString line = (end < 0 ? trimmed : trimmed.left(end)).simplified();
    const bool cut = maxChars > 0 && line.size() > maxChars;
    if (cut)
        line.truncate(maxChars);
    return cut || end >= 0 ? line + u" …"_s : line;
}

QString formatDuration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return u"%1 ms"_s.arg(milliseconds);
    if (milliseconds < 60'000)
        return u"%1 s"_s.arg(double(milliseconds) / 1000.0, 0, 'f', 2);
    const qint64 seconds = milliseconds / 1000;
    return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

} // namespace mizzle
