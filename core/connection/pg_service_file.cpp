#include "connection/pg_service_file.h"

#include <QDir>
#include <QFile>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

QStringList serviceSections(const QByteArray &text)
{
    QStringList names;
    for (const QByteArray &raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith('[') && line.endsWith(']') && line.size() > 2)
            names.append(QString::fromUtf8(line.mid(1, line.size() - 2).trimmed()));
    }
    return names;
}

QStringList pgServiceNames()
{
    const QString user = qEnvironmentVariableIsSet("PGSERVICEFILE")
                             ? qEnvironmentVariable("PGSERVICEFILE")
                             : QDir::home().filePath(u".pg_service.conf"_s);
    const QString system =
        qEnvironmentVariableIsSet("PGSYSCONFDIR")
            ? QDir(qEnvironmentVariable("PGSYSCONFDIR")).filePath(u"pg_service.conf"_s)
            : u"/etc/postgresql-common/pg_service.conf"_s;
    QStringList names;
    for (const QString &path : {user, system}) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            names += serviceSections(file.readAll());
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

} // namespace mizzle
