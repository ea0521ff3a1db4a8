#include "edit/journal_check.h"

#include "connection/context_callback.h"
#include "edit/current_row_query.h"
#include "edit/row_identity.h"

#include <QTimer>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

using Callback = ContextCallback<Result<JournalCheck>>;

// A row without a key is known by its location alone (and its partition in a partitioned
// table): what is there now, in the same shape as currentRowQuery's rows.
PgConnection::PipelineStatement locationQuery(const TableDetails &table, const RowIdentity &row,
                                              const PgConnection &connection)
{
    QStringList columns;
    for (const ColumnInfo &column : table.columns)
        columns.append(connection.quoteIdentifier(column.name));
    columns.append(u"xmin"_s);
    PgConnection::PipelineStatement statement;
    statement.sql = u"SELECT %1 FROM %2.%3 WHERE ctid = $1::tid"_s.arg(
        columns.join(u", "_s), connection.quoteIdentifier(table.schema),
        connection.quoteIdentifier(table.name));
    statement.parameters.append(row.location);
    if (!row.partition.isEmpty()) {
        statement.sql += u" AND tableoid = $2::oid"_s;
        statement.parameters.append(row.partition);
    }
    return statement;
}

void sort(const TableDetails &table, const EditBuffer::RowEdit &edit, const QueryResult &now,
          JournalCheck &check)
{
    const QString key = edit.identity.mapKey();
    if (now.rowCount() == 0) {
        check.gone.append(key);
        return;
    }
    const bool same = edit.identity.version.isEmpty()
                          ? rowValues(table, now, 0) == edit.original // a view: by its values
                          : identityOf(table, now, 0).version == edit.identity.version;
    if (same) {
        check.current.append(key);
    } else if (edit.identity.key.isEmpty()) {
        check.gone.append(key); // another version at its location: maybe another row
    } else {
        check.changed.append(key);
        check.rows.insert(key, now);
    }
}

Result<JournalCheck> sorted(const TableDetails &table, const QList<EditBuffer::RowEdit> &edits,
                            const QList<qsizetype> &asked, JournalCheck check,
                            const Result<QList<QueryResult>> &results)
{
    if (!results) {
        Error error = results.error();
        error.where = table.schema + u'.' + table.name;
        error.hint = u"The kept changes are not lost: open the table again to check them once "
                     u"more."_s;
        return error;
    }
    for (qsizetype i = 0; i < asked.size(); ++i)
        sort(table, edits[asked[i]], results->at(i), check);
    return check;
}

void run(const ConnectionPool::Lease &lease, const TableDetails &table,
         const QList<EditBuffer::RowEdit> &edits, QObject *context, const Callback &done)
{
    QList<PgConnection::PipelineStatement> statements;
    QList<qsizetype> asked; // which edit each statement reads
    JournalCheck check;
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const RowIdentity &row = edits[i].identity;
        if (row.key.isEmpty()) {
            statements.append(locationQuery(table, row, *lease));
            asked.append(i);
        } else if (auto query = currentRowQuery(table, row, *lease)) {
            statements.append(*query);
            asked.append(i);
        } else {
            check.gone.append(row.mapKey()); // its key is not the table's key any more
        }
    }
    if (statements.isEmpty()) {
        QTimer::singleShot(0, context, [done, check] { done(Result<JournalCheck>(check)); });
        return;
    }
    lease->execPipeline(
        context, statements,
        [held = lease, table, edits, asked, check, done](Result<QList<QueryResult>> results) {
            Result<JournalCheck> outcome = sorted(table, edits, asked, check, results);
            done(std::move(outcome));
        });
}

} // namespace

void checkJournal(ConnectionPool *pool, const TableDetails &table, const JournalContents &contents,
                  QObject *context, JournalCheckCallback done)
{
    const Callback callback(context, std::move(done));
    if (contents.edits.isEmpty()) {
        QTimer::singleShot(0, context, [callback] { callback(JournalCheck{}); });
        return;
    }
    pool->acquire(context, [table, edits = contents.edits, context,
                            callback](Result<ConnectionPool::Lease> lease) {
        if (!lease) {
            callback(lease.error());
            return;
        }
        run(lease.value(), table, edits, context, callback);
    });
}

} // namespace mizzle
