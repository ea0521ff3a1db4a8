#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace mizzle {

// Where a JSON text stops being JSON, for an editor to point at as the person types.
struct JsonSyntaxError
{
    QString message; // Qt's parser's words: "unterminated object", "missing value", ...
    // 0-based, in characters (UTF-16 units) of the text checked: where Qt's parser stopped, on
    // the offending character or just past it.
    qsizetype position = 0;
    int line = 1; // 1-based line and column of position
    int column = 1;
};

// Whether the text is one JSON value, as json and jsonb accept it: an object, an array, or a
// scalar on its own ("42", "\"x\"", "null"), with surrounding whitespace. It only checks: the
// text is never re-serialized, so numbers stay as typed. The server has the last word (jsonb
// refuses \u0000 in strings, which this accepts).
std::optional<JsonSyntaxError> checkJsonSyntax(QStringView json);

} // namespace mizzle
