#pragma once

#include "connection/connection_pool.h"
#include "edit/edit_buffer.h"
#include "edit_tables.h"

#include <QByteArray>
#include <QStringList>
#include <memory>

namespace mizzle::test {

// What the journal tests share: a schema of tables with hostile names, files read and written
// whole, and journals read back into a buffer.

// The table whose name has quotes, a slash, "..", a dot and Unicode: none of it may reach a
// path unquoted. The schema is the test's own, so that tests running at once stay apart.
QString hostileTable();
// Creates `schema` afresh with hostileTable(), "other" (the same columns), "loose" (no key),
// "versions", "loose_versions" and "crash".
Result<QueryResult> createJournalTables(ConnectionPool &pool, const QString &schema);

test::TablePage readTable(ConnectionPool &pool, const QString &schema, const QString &name,
                          const QString &orderBy);

QByteArray fileBytes(const QString &path);
void writeBytes(const QString &path, const QByteArray &bytes);
// The files next to `path` whose names are its name, then the infix, then anything.
QStringList asideFiles(const QString &path, const QString &infix);

// A buffer of that table holding what the journal at `file` holds; fails the process if there is
// none, since every caller has just written one.
std::unique_ptr<EditBuffer> restoredBuffer(const QString &file, const TableDetails &table);

} // namespace mizzle::test
