#include "values/bytea_hex.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

QString byteaHex(QByteArrayView bytes)
{
    return u"\\x"_s + QString::fromLatin1(bytes.toByteArray().toHex());
}

std::optional<QByteArray> fromByteaHex(QStringView text)
{
    if (text.size() < 2 || text[0] != u'\\' || (text[1] != u'x' && text[1] != u'X'))
        return std::nullopt;
    QByteArray bytes;
    bytes.reserve((text.size() - 2) / 2);
    for (qsizetype i = 2; i < text.size(); ++i) {
        if (text[i].isSpace())
            continue;
        if (i + 1 >= text.size())
            return std::nullopt; // an odd digit out
        const int high = hexDigit(text[i]);
        const int low = hexDigit(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.append(char(high * 16 + low));
        ++i;
    }
    return bytes;
}

} // namespace mizzle
