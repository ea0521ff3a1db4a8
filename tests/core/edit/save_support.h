#pragma once

#include "catalog/catalog_types.h"
#include "connection/connection_pool.h"
#include "edit/change_applier.h"
#include "edit/change_statement.h"
#include "edit/edit_buffer.h"
#include "edit/row_identity.h"
#include "edit_tables.h"

namespace mizzle::test {

// What the edit tests share: a table's details from the catalog, rows read the way a table tab
// reads them (with their identity), pending changes put in an EditBuffer, and the save itself.

struct ReadRow
{
    RowIdentity identity;
    QList<std::optional<QString>> values;
};
// `sql` selects the table's columns, then what identityOf reads (ctid, tableoid, xmin).
QList<ReadRow> readRows(ConnectionPool &pool, const TableDetails &table, const QString &sql);

// Marks the row's cell changed in the buffer (what the statement will do), for the applier's
// conflict reads.
void markChanged(EditBuffer &buffer, const ReadRow &row, int column, const QString &value);
void markDeleted(EditBuffer &buffer, const ReadRow &row);

ChangeStatement change(ChangeStatement::Kind kind, const QString &rowKey,
                       const QString &description, const QString &sql,
                       const PgConnection::Parameters &parameters);

Result<SaveOutcome> save(ChangeApplier &applier, const QList<ChangeStatement> &statements,
                         const EditBuffer &buffer);

// A pool whose connections carry that application_name, so another session can find them.
ConnectionParameters namedParameters(const QString &applicationName);
// The pid of a backend with that application_name that waits on a lock, or 0.
int waitingBackend(PgConnection &observer, const QString &applicationName);
// The first cell of a one-row query run on `pool`, or "<error: ...>".
QString scalar(ConnectionPool &pool, const QString &sql);

} // namespace mizzle::test
