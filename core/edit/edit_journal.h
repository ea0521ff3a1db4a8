#pragma once

#include "base/result.h"
#include "connection/connection_target.h"
#include "edit/journal_contents.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace mizzle {

class EditBuffer;

// Keeps one table's pending changes in a file, so that a crash or a kill loses none of them:
// every change of the buffer rewrites the file whole (a QSaveFile: written, flushed to disk,
// then renamed over the old one, so the file is always one complete state). A burst of changes
// is written once, at the next turn of the event loop; flush() writes at once. When the buffer
// holds nothing any more the file is removed.
//
// A file found at the path when the journal is made belongs to an earlier run: the journal
// leaves it alone until it is told what became of it, restore() or discard(). Should the
// buffer change first, the earlier file is set aside (never overwritten) before the new state
// is written, so that no journal is ever lost unasked.
//
// The file holds the table's name and the rows' keys and values, never a password: neither
// the path nor the file is made from anything that could carry one (see profileKey()).
class EditJournal : public QObject
{
    Q_OBJECT
public:
    // The buffer must outlive the journal, or be destroyed after it: the destructor writes a
    // change still waiting for its turn.
    EditJournal(const QString &filePath, EditBuffer *buffer, QObject *parent = nullptr);
    ~EditJournal() override;

    const QString &filePath() const { return m_filePath; }

    // <dataDirectory>/journals/<profile folder>/<schema.table file>.json. Both names are the
    // readable, file-safe part of the name plus a hash of the exact name, so no name (quotes,
    // slashes, "..", Unicode, names differing only in case) can leave the folder or meet
    // another's file. An empty dataDirectory is the user's data folder.
    static QString journalPath(const QString &dataDirectory, const QString &profileKey,
                               const QString &schema, const QString &table);
    // What a target's journals are filed under: its name and the server, database and role it
    // reaches (service, host, hostaddr, port, dbname, user) and nothing else, so the password
    // and every other parameter stay out. The same target always gives the same key.
    static QString profileKey(const ConnectionTarget &target);
    static QString defaultDirectory();

    // The journal at that path, for that table. No file: std::nullopt. A file that cannot be
    // read, is not a journal of this version, or is of another table (or of one since dropped
    // and created again, or whose columns changed) is renamed to
    // "<path>.broken-<UTC time>" and the Error says where it went and why.
    static Result<std::optional<JournalContents>> read(const QString &path,
                                                       const TableDetails &table);

    // Puts the journal's changes back into the buffer (new rows keep their ids); the file is
    // this journal's from now on.
    void restore(const JournalContents &contents);
    // Writes a pending change now (or removes the file if the buffer is empty). Also reported
    // through writeFailed.
    Result<void> flush();
    // The changes are gone (saved, or thrown away): removes the file, whoever wrote it.
    Result<void> discard();
    bool hasPendingWrite() const { return m_dirty; }

signals:
    // A write or removal failed; the Error names the file and what the user can do.
    void writeFailed(const mizzle::Error &error);

private:
    void onChanged();
    Result<void> write();
    Result<void> remove();
    Result<void> setAsideEarlier();
    Result<void> report(Result<void> result);

    QString m_filePath;
    QPointer<EditBuffer> m_buffer;
    bool m_dirty = false;
    bool m_owned = true; // false while a file of an earlier run is at the path
};

} // namespace mizzle
