#include "base/versioned_json.h"

#include <QJsonDocument>

namespace mizzle {

using namespace Qt::StringLiterals;

Result<QJsonObject> readVersionedJson(const QByteArray &bytes, const QString &format, int version,
                                      const QString &whatItIs)
{
    const auto problem = [](const QString &text) { return Error{text, {}, {}, {}, {}, -1}; };
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return problem(u"it is not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                           .arg(parseError.offset));
    const QJsonObject top = json.object();
    if (!json.isObject() || top.value(u"format"_s).toString() != format)
        return problem(u"it is not %1 (no \"format\": \"%2\")"_s.arg(whatItIs, format));
    if (top.value(u"version"_s) != QJsonValue(version))
        return problem(u"its version is not %1"_s.arg(version));
    return top;
}

} // namespace mizzle
