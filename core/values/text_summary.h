#pragma once

#include <QString>
#include <QtGlobal>

namespace mizzle {

// Short forms for lists, labels and messages.

// A statement's first line, trimmed and with runs of spaces made one, followed by " …" when
// more lines follow or when it was cut at maxChars (0: never cut).
QString firstLine(const QString &text, qsizetype maxChars = 0);

// "12 ms", "1.50 s", "3 min 07 s".
QString formatDuration(qint64 milliseconds);

} // namespace mizzle
