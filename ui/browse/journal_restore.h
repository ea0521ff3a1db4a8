#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace mizzle {

class ConnectionPool;
class EditBuffer;
class EditJournal;
class ErrorBanner;

// A journal left by a run that ended before its changes were saved: read, its rows checked
// against the server, and offered back in a question that says how many rows changed since (a
// save will show them as conflicts) and how many are gone (left out). Restore puts the changes
// into the buffer and then calls `restored`; Discard removes the file; Not now leaves it for
// next time. A journal that cannot be read is set aside, and the banner says where. Nothing runs
// once the buffer, the journal or the parent is gone.
void offerJournalRestore(ConnectionPool *pool, EditBuffer *buffer, EditJournal *journal,
                         ErrorBanner *banner, QWidget *parent, std::function<void()> restored);

} // namespace mizzle
