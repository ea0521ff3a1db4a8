#pragma once

#include "base/result.h"
#include "document/history_entry.h"

#include <QList>
#include <QObject>
#include <QString>

namespace mizzle {

// Every statement the SQL editor ran for one connection profile, kept in a SQLite file of its
// own under the user's data folder (one file per profile, so that deleting a profile's history
// is deleting a file, and two profiles never contend for one lock).
//
// A QSqlDatabase connection may only be used by the thread that created it, so an instance
// belongs to the thread it was opened on: the GUI thread, where recording one local row is fast.
class QueryHistory : public QObject
{
    Q_OBJECT
public:
    // An empty directory means defaultDirectory(). The profile key is any stable text naming
    // the profile (a display name such as "Playground", or a profile's file path); the file
    // name is derived from it, so the same key always finds the same history.
    QueryHistory(const QString &directory, const QString &profileKey, QObject *parent = nullptr);
    ~QueryHistory() override;

    // <AppLocalDataLocation>/history, e.g. ~/.local/share/mizzle/history.
    static QString defaultDirectory();
    // A file name safe on every file system: the key's readable part plus a hash of the whole
    // key, so that keys differing only in characters the name cannot carry stay apart
    // (profileFileName, ending in ".sqlite").
    static QString fileNameFor(const QString &profileKey);

    QString directory() const { return m_directory; }
    QString profileKey() const { return m_profileKey; }
    QString filePath() const { return m_filePath; }
    bool isOpen() const { return m_open; }

    // Creates the folder, the file and the table as needed. Calling it again does nothing.
    Result<void> open();

    // Appends one entry. An invalid ranAt stands for now; an empty profile for the key.
    Result<void> record(const HistoryEntry &entry);

    // Entries whose SQL contains text, ignoring case (empty text: all), newest first, at most
    // limit of them (limit <= 0: no limit).
    Result<QList<HistoryEntry>> search(const QString &text, int limit = 200) const;

signals:
    // After record() succeeded, so that a view of the history can refresh itself.
    void recorded(const mizzle::HistoryEntry &entry);

private:
    Error failure(const QString &message, const QString &databaseText, const QString &hint) const;

    QString m_directory;
    QString m_profileKey;
    QString m_filePath;
    QString m_connectionName; // empty until open() added the connection
    bool m_open = false;
};

} // namespace mizzle
