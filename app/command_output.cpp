#include "command_output.h"

namespace mizzle {

using namespace Qt::StringLiterals;

void writeOut(const QByteArray &bytes, FILE *stream)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

int commandFailed(const QString &command, const QString &text)
{
    writeOut((u"mizzle "_s + command + u": "_s + text + u'\n').toLocal8Bit(), stderr);
    return 2;
}

} // namespace mizzle
