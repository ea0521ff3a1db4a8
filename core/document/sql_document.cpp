#include "document/sql_document.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QStringDecoder>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

Error fileError(const QString &message, const QString &path, const QString &reason)
{
    return Error{message.arg(reason), path, {}, {}, {}, -1};
}

} // namespace

Result<SqlFileText> SqlDocument::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(u"Cannot open the SQL file: %1"_s, path, file.errorString());
    QStringDecoder decoder(QStringDecoder::Utf8);
    SqlFileText loaded{decoder.decode(file.readAll()), false};
    if (file.error() != QFileDevice::NoError)
        return fileError(u"Cannot read the SQL file: %1"_s, path, file.errorString());
    if (decoder.hasError())
        return Error{u"The file is not UTF-8 text"_s,
                     path,
                     u"Convert it to UTF-8 first; Mizzle reads and writes SQL as UTF-8."_s,
                     {},
                     {},
                     -1};
    loaded.crlf = loaded.text.contains(u"\r\n"_s);
    return loaded;
}

Result<void> SqlDocument::save(const QString &path, const QString &text, bool crlf)
{
    const QByteArray bytes = (crlf ? QString(text).replace(u'\n', u"\r\n"_s) : text).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(u"Cannot save the SQL file: %1"_s, path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fileError(u"Cannot save the SQL file: %1"_s, path, file.errorString());
    return {};
}

bool SqlDocument::usesCrlf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(64 * 1024);
    const qsizetype newline = head.indexOf('\n');
    return newline > 0 && head.at(newline - 1) == '\r';
}

} // namespace mizzle
