#pragma once

#include "catalog/catalog_types.h"
#include "connection/connection_pool.h"
#include "connection/query_result.h"
#include "edit/journal_contents.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>

namespace mizzle {

// How the rows of a journal stand on the server now, by row key (RowIdentity::mapKey), each
// edited row in exactly one list. New rows are not checked: there is nothing to check them
// against.
//  - current: the row is still the version the changes were made to.
//  - changed: the row is there but was changed since (a table's other xmin; a view's other
//    values). Its changes can still be restored, but a save would report it as a conflict, so
//    the user has to see which rows these are.
//  - gone: no row answers to the key any more. A row without a key (known by its location)
//    counts as gone also when its location now holds another version, since nothing tells it
//    from another row there: a save would find it vanished too.
struct JournalCheck
{
    QStringList current;
    QStringList changed;
    QStringList gone;
    // What a changed row holds now, in a TableReader page's shape (the table's columns, then
    // xmin for a table), so that identityOf and rowValues read it: "theirs".
    QHash<QString, QueryResult> rows;
};

using JournalCheckCallback = std::function<void(Result<JournalCheck>)>;

// Reads the current version of every journaled row in one round trip on a pooled connection
// (one pipelined statement a row) and sorts the rows into current, changed and gone. `table` is
// the table as the catalog has it now. The callback runs from the event loop, never from inside
// this call, and not at all once `context` is gone.
void checkJournal(ConnectionPool *pool, const TableDetails &table, const JournalContents &contents,
                  QObject *context, JournalCheckCallback done);

} // namespace mizzle
