#include "playground/postgres_binaries.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>

namespace mizzle {

namespace {
bool hasServerPrograms(const QString &dir)
{
    return QFileInfo(dir + QStringLiteral("/initdb")).isExecutable() &&
           QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable();
}
} // namespace

Result<QString> findPostgresBinDir()
{
    const QString overridden = qEnvironmentVariable("MIZZLE_PG_BINDIR");
    if (!overridden.isEmpty()) {
        if (hasServerPrograms(overridden))
            return overridden;
        return Error{QStringLiteral("MIZZLE_PG_BINDIR names %1, which holds no initdb and "
                                    "pg_ctl")
                         .arg(overridden),
                     QStringLiteral("playground"),
                     QStringLiteral("Point MIZZLE_PG_BINDIR at PostgreSQL's bin folder, or "
                                    "unset it to use the installed server: sudo apt-get "
                                    "install postgresql (Debian, Ubuntu)."),
                     {},
                     {},
                     -1};
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!onPath.isEmpty() && hasServerPrograms(QFileInfo(onPath).absolutePath()))
        return QFileInfo(onPath).absolutePath();
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(found.begin(), found.end(),
              [](const QString &a, const QString &b) { return a.toDouble() > b.toDouble(); });
    for (const QString &version : std::as_const(found)) {
        const QString dir = versions.filePath(version) + QStringLiteral("/bin");
        if (hasServerPrograms(dir))
            return dir;
    }
    return Error{QStringLiteral("PostgreSQL's server programs (initdb, pg_ctl) were not found, "
                                "so the playground cannot start"),
                 QStringLiteral("playground"),
                 QStringLiteral("Install them with: sudo apt-get install postgresql  (Debian, "
                                "Ubuntu). Meanwhile, open a connection profile or a URI."),
                 {},
                 {},
                 -1};
}

} // namespace mizzle
