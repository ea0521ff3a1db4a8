#include "base/file_names.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>

namespace mizzle {

using namespace Qt::StringLiterals;

QString profileFileName(const QString &profileKey, const QString &fallback, const QString &suffix)
{
    // A profile file's path is recognisable by its base name alone; the folders add only noise.
    const QString readable =
        profileKey.contains(u'/') ? QFileInfo(profileKey).completeBaseName() : profileKey;
    return safeFileName(readable, profileKey, fallback, suffix);
}

QString safeFileName(const QString &readable, const QString &exact, const QString &fallback,
                     const QString &suffix)
{
    static const QRegularExpression unsafe(u"[^a-z0-9._-]+"_s);
    static const QRegularExpression edges(u"^[-.]+|[-.]+$"_s);
    QString name = readable.trimmed().toLower();
    name.replace(unsafe, u"-"_s);
    name.truncate(40);
    name.remove(edges);
    if (name.isEmpty())
        name = fallback;
    const QByteArray hash =
        QCryptographicHash::hash(exact.toUtf8(), QCryptographicHash::Sha256).toHex().left(10);
    return name + u'-' + QString::fromLatin1(hash) + suffix;
}

QString brokenFilePath(const QString &filePath)
{
    const QString base = filePath + u".broken"_s;
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + u'.' + QString::number(n);
    return candidate;
}

} // namespace mizzle
