#pragma once

#include "edit/change_statement.h"
#include "edit/edit_buffer.h"

#include <QList>
#include <QString>

namespace mizzle {

// The statements a save runs for the buffer's pending changes. Deletes come first, then
// updates, then inserts, so that a key a delete frees can be taken again.
//  - An UPDATE sets only the changed columns; a DELETE removes the row. Both name the row by its
//    key, or by ctid (and tableoid, in a partitioned table), and touch it only while it is the
//    version that was read: xmin = $n::xid. A row read without a version (a view's) is guarded
//    by the values read instead: the changed columns of an update, every column of a delete
//    ("a" IS NOT DISTINCT FROM $n::type; json, xml and the geometric types, which have no
//    equality, by their text). A row whose identity names no row gets WHERE false: it touches
//    nothing, and the save reports it as changed rather than write any other row.
//  - An INSERT names only the columns given a value: DEFAULT cells and columns left out are the
//    server's to fill, and a row with none is DEFAULT VALUES. A value given for an identity
//    ALWAYS column adds OVERRIDING SYSTEM VALUE: the user typed it, so it is what they want.
//  - Generated columns never appear, in SET or in INSERT; an update of nothing else gives no
//    statement at all.
//  - Every value is a bound parameter cast to sqlCastType(column type), NULL included (a bound
//    NULL); DEFAULT is the keyword. Values go exactly as the buffer holds them, the server's
//    text form, never reformatted.
//  - An UPDATE or INSERT returns the row as a page of the table reads it: RETURNING * and then
//    the tableoid, ctid and xmin a page adds, so identityOf and rowValues read the result
//    (a view has none of them; an INSERT into a partitioned table has no xmin, which
//    PostgreSQL cannot return there). A DELETE returns 1.
QList<ChangeStatement> changeStatements(const EditBuffer &buffer, const PgConnection &connection);

// The same statements as a script for
//   psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE
// with every value inlined by sqlLiteral and no RETURNING. It has no BEGIN or COMMIT of its
// own. It sets client_encoding to UTF8 and standard_conforming_strings on before anything that
// depends on them, and runs each UPDATE and DELETE in a DO block that raises an error when the
// statement touched no row, so that a row changed since it was read stops the script (and
// ON_ERROR_STOP rolls it all back) instead of being skipped in silence. Names and key values in
// comments have their line breaks and other control characters escaped (\n), so that no name
// can start a line of its own, where psql would read it as a meta-command.
QString changeScript(const EditBuffer &buffer);

} // namespace mizzle
