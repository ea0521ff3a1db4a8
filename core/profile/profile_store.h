#pragma once

#include "base/result.h"
#include "profile/profile_parser.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mizzle {

// The folder of profile files the studio lists, plus the files the user opened recently from
// elsewhere. Files are the source of truth: the store keeps no copy of its own.
class ProfileStore
{
public:
    // An empty directory means the default: <AppConfigLocation>/profiles.
    explicit ProfileStore(const QString &directory = {});

    QString directory() const { return m_directory; }

    // Every *.json file in the folder, sorted by file name; broken files come back as Errors so
    // the UI can say what is wrong with each.
    QList<Result<ParsedProfile>> loadAll() const;

    // Writes the profile to filePath, or to <directory>/<name>.json when filePath is empty,
    // atomically. A file that exists but does not parse as a profile is never overwritten: it
    // may hold the user's work in progress. Returns the path written.
    Result<QString> save(const ConnectionProfile &profile, const QString &filePath = {}) const;

    // Profile files opened from outside the folder, most recent first.
    QStringList recentFiles() const;
    void remember(const QString &filePath) const;

    static constexpr int maxRecentFiles = 10;

private:
    QString recentListPath() const;

    QString m_directory;
};

} // namespace mizzle
