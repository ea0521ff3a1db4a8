#include "values/number_text.h"

#include <QRegularExpression>

namespace mizzle {

using namespace Qt::StringLiterals;

bool looksLikeNumber(QStringView text)
{
    static const QRegularExpression number(
        uR"(^\s*[+-]?(?:)"
        uR"((?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?)"
        uR"(|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)"
        uR"(|nan|inf|infinity)\s*$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return number.matchView(text).hasMatch();
}

} // namespace mizzle
