#include "values/json_check.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

JsonSyntaxError errorAt(QStringView json, qsizetype position, const QString &message)
{
    JsonSyntaxError error;
    error.message = message;
    error.position = std::clamp<qsizetype>(position, 0, json.size());
    for (qsizetype i = 0; i < error.position; ++i) {
        if (json[i] == u'\n') {
            ++error.line;
            error.column = 1;
        } else {
            ++error.column;
        }
    }
    return error;
}

} // namespace

std::optional<JsonSyntaxError> checkJsonSyntax(QStringView json)
{
    // QJsonDocument takes only an object or an array at the top, so the text is checked as the
    // one element of an array: a scalar then passes, and a second top-level value ("1, 2")
    // shows as an array of two. The opening bracket shifts every offset by one byte.
    const QByteArray wrapped = "[" + json.toUtf8() + "\n]";
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parsed);
    const auto characters = [&](qsizetype byteOffset) {
        const qsizetype bytes = std::clamp<qsizetype>(byteOffset - 1, 0, wrapped.size() - 3);
        return QString::fromUtf8(wrapped.constData() + 1, bytes).size();
    };
    if (parsed.error != QJsonParseError::NoError)
        return errorAt(json, characters(parsed.offset), parsed.errorString());
    const QJsonArray values = document.array();
    if (values.isEmpty()) // nothing but whitespace
        return errorAt(json, json.size(), u"no value"_s);
    if (values.size() > 1) {
        // Qt reports no offsets of elements: the first comma outside strings ends the value.
        bool inString = false;
        int depth = 0;
        for (qsizetype i = 0; i < json.size(); ++i) {
            const QChar c = json[i];
            if (inString) {
                if (c == u'\\')
                    ++i;
                else if (c == u'"')
                    inString = false;
            } else if (c == u'"') {
                inString = true;
            } else if (c == u'[' || c == u'{') {
                ++depth;
            } else if (c == u']' || c == u'}') {
                --depth;
            } else if (c == u',' && depth == 0) {
                return errorAt(json, i, u"more than one value"_s);
            }
        }
        return errorAt(json, 0, u"more than one value"_s);
    }
    return std::nullopt;
}

} // namespace mizzle
