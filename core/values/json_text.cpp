#include "values/json_text.h"

#include <algorithm>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

void newLine(QString &out, int depth)
{
    out += u'\n';
    out += QString(depth * 4, u' ');
}

} // namespace

QString indentJson(QStringView json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json[i];
        if (inString) {
            out += c;
            if (c == u'\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == u'"')
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case u'"':
            inString = true;
            out += c;
            break;
        case u'{':
        case u'[': {
            qsizetype next = i + 1;
            while (next < json.size() && json[next].isSpace())
                ++next;
            const char16_t close = c == u'{' ? u'}' : u']';
            if (next < json.size() && json[next] == close) {
                out += c;
                out += close;
                i = next;
                break;
            }
            out += c;
            newLine(out, ++depth);
            break;
        }
        case u'}':
        case u']':
            depth = std::max(0, depth - 1);
            newLine(out, depth);
            out += c;
            break;
        case u',':
            out += c;
            newLine(out, depth);
            break;
        case u':':
            out += u": "_s;
            break;
        case u' ':
        case u'\t':
        case u'\n':
        case u'\r':
            break; // the indentation replaces the server's own spacing
        default:
            out += c;
        }
    }
    return out;
}

} // namespace mizzle
