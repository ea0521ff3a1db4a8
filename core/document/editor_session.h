#pragma once

#include "base/result.h"

#include <QList>
#include <QString>
#include <memory>

class QLockFile;

namespace mizzle {

// One SQL editor tab as the session file keeps it.
struct SessionDocument
{
    QString filePath;    // empty: never saved to a file
    QString unsavedText; // the editor's text when the file does not hold it (modified or no file)
    bool modified = false;
    int cursorPosition = 0;
    QString title; // the tab's name while it has no file, e.g. "SQL 3"

    bool operator==(const SessionDocument &) const = default;
};

// The SQL documents that were open, with their unsaved text, so that a restart or a crash loses
// nothing. One JSON file, replaced atomically on every save:
//   {"format": "mizzle-session", "version": 1, "documents": [{"file": …, "text": …,
//    "modified": …, "cursor": …, "title": …}, …]}
// A file that does not read back as a session is moved aside (session.json.broken) rather than
// overwritten; while a session file could neither be read nor moved aside, save() refuses.
class EditorSession
{
public:
    // An empty filePath means defaultFilePath().
    explicit EditorSession(const QString &filePath = {});
    ~EditorSession();

    // <AppLocalDataLocation>/session.json, e.g. ~/.local/share/mizzle/session.json.
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    // Takes the session for this process (a lock file beside it), so that two running Mizzles
    // do not overwrite each other's unsaved text; a lock left by a crashed process is taken over.
    Result<void> claim();

    // A missing file is an empty session. A damaged one is an Error whose hint names the copy it
    // was moved to.
    Result<QList<SessionDocument>> load();
    // Writes nothing when the content is what the last save wrote.
    Result<void> save(const QList<SessionDocument> &documents);
    // False while a session file that could not be read is still in place.
    bool canSave() const { return !m_blocked; }

private:
    Error damaged(const QString &problem);

    QString m_filePath;
    std::unique_ptr<QLockFile> m_lock;
    QByteArray m_lastWritten;
    bool m_blocked = false; // a file we could not read is still in place
};

} // namespace mizzle
