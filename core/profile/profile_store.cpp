#include "profile/profile_store.h"

#include "profile/profile_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

Error storeError(const QString &message, const QString &where, const QString &hint)
{
    Error error;
    error.message = message;
    error.where = where;
    error.hint = hint;
    return error;
}

QString fileNameFor(const QString &profileName)
{
    QString base = profileName.trimmed().toLower();
    base.replace(QRegularExpression(u"[^a-z0-9._-]+"_s), u"-"_s);
    base.remove(QRegularExpression(u"^[-.]+|-+$"_s));
    return (base.isEmpty() ? u"profile"_s : base) + u".json"_s;
}

} // namespace

ProfileStore::ProfileStore(const QString &directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                            u"/profiles"_s
                      : directory)
{}

QList<Result<ParsedProfile>> ProfileStore::loadAll() const
{
    QList<Result<ParsedProfile>> profiles;
    const QDir dir(m_directory);
    const QStringList names =
        dir.entryList({u"*.json"_s}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names)
        profiles.append(loadProfileFile(dir.absoluteFilePath(name)));
    return profiles;
}

Result<QString> ProfileStore::save(const ConnectionProfile &profile, const QString &filePath) const
{
    const QString path = filePath.isEmpty()
                             ? QDir(m_directory).absoluteFilePath(fileNameFor(profile.name))
                             : filePath;
    if (QFileInfo::exists(path)) {
        Result<ParsedProfile> existing = loadProfileFile(path);
        if (!existing) {
            return storeError(
                u"the file exists and is not a valid profile, so it was left untouched: %1"_s.arg(
                    existing.error().message),
                path, u"Fix or move the file, or save the profile under another name."_s);
        }
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return storeError(u"cannot create the folder"_s, QFileInfo(path).absolutePath(),
                          u"Check that you may write there."_s);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return storeError(u"cannot write the file: %1"_s.arg(file.errorString()), path,
                          u"Check that you may write there."_s);
    }
    file.write(profileToJson(profile));
    if (!file.commit()) {
        return storeError(u"cannot write the file: %1"_s.arg(file.errorString()), path,
                          u"Check the free space and that you may write there."_s);
    }
    return path;
}

QString ProfileStore::recentListPath() const
{
    // Cleaned, so that the path does not pass through a profiles folder that does not exist yet.
    return QDir::cleanPath(QDir(m_directory).absoluteFilePath(u"../recent-profiles.txt"_s));
}

QStringList ProfileStore::recentFiles() const
{
    QFile file(recentListPath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList files;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QString path = QString::fromUtf8(line).trimmed();
        if (!path.isEmpty() && !files.contains(path))
            files.append(path);
    }
    return files.mid(0, maxRecentFiles);
}

void ProfileStore::remember(const QString &filePath) const
{
    const QString absolute = QFileInfo(filePath).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    QDir().mkpath(QFileInfo(recentListPath()).absolutePath());
    QSaveFile file(recentListPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return; // the recent list is a convenience; failing to keep it loses nothing
    file.write(files.mid(0, maxRecentFiles).join(u'\n').toUtf8() + '\n');
    file.commit();
}

} // namespace mizzle
