#pragma once

#include <QString>
#include <QStringView>

namespace mizzle {

// JSON as the server sent it, re-indented by its tokens alone, four spaces a level. Only
// whitespace changes: it never parses numbers, so unlike a QJsonDocument round trip it keeps
// 20-digit integers, long decimals and -0 as they are stored.
QString indentJson(QStringView json);

} // namespace mizzle
