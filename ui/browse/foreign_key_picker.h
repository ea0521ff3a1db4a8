#pragma once

#include "browse/foreign_key_lookup.h"
#include "browse/line_cell_editor.h"

#include <QTimer>

class QCompleter;
class QStandardItemModel;

namespace mizzle {

class ConnectionPool;

// A foreign-key cell: a line for the key, which searches the referenced table as the person
// types and offers what it finds in a popup, key and label side by side. Choosing one writes its
// key and commits. A key typed without choosing is taken as typed; the server checks it on
// save.
//
// With a composite key, the column edited is searched, among the referenced rows that match
// what the edited row holds in the key's other columns (setRowValues).
class ForeignKeyPicker : public LineCellEditor
{
    Q_OBJECT
public:
    // How long typing must pause before a search starts.
    static constexpr int kTypingPauseMs = 150;

    // position: which of key.columns the cell is.
    ForeignKeyPicker(const Options &options, ConnectionPool *pool, const ForeignKey &key,
                     int position, QWidget *parent = nullptr);

    void setRowValues(const QList<std::optional<QString>> &values);
    // Searches for the text now in the line, at once.
    void search();
    // What the newest search found, in key order.
    const QList<ForeignKeyCandidate> &candidates() const { return m_candidates; }
    // Puts the candidate's key value in the cell and commits it.
    void choose(int candidate);
    ForeignKeyLookup *lookup() const { return m_lookup; }
    QCompleter *completer() const { return m_completer; }
    // Why the newest search failed, or empty.
    QString searchError() const { return m_error; }

signals:
    void candidatesChanged();

private:
    void show(const QList<ForeignKeyCandidate> &candidates);

    ForeignKeyLookup *m_lookup;
    QStandardItemModel *m_model;
    QCompleter *m_completer;
    QTimer m_typingPause;
    QList<ForeignKeyCandidate> m_candidates;
    QString m_error;
};

} // namespace mizzle
