#pragma once

#include "catalog/catalog_types.h"
#include "connection/connection_pool.h"
#include "edit/change_statement.h"
#include "edit/row_identity.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace mizzle {

class EditBuffer;

// A change whose row was changed or deleted by someone else since it was read.
struct ChangeConflict
{
    QString rowKey;
    QString description;
    // No row answers to the key any more: it was deleted. A row without a key (found by its
    // location) counts as vanished also when it was updated or moved, since without a key
    // there is no telling it from another row.
    bool vanished = false;
    // The row as it is now, in a TableReader page's shape (the table's columns, then xmin for a
    // table), so identityOf and rowValues read it: "theirs". No rows when vanished.
    QueryResult current;
};

struct SaveOutcome
{
    bool committed = false;
    QList<ChangeConflict> conflicts;      // when not committed because rows changed
    QHash<QString, QueryResult> returned; // by rowKey: what RETURNING gave, once committed
};

// Saves the statements of a table's pending changes in one transaction on one pooled
// connection, in two round trips: BEGIN and every statement pipelined, then COMMIT only if
// nothing failed and every UPDATE and DELETE touched exactly one row, else ROLLBACK.
//
//  - A guarded UPDATE or DELETE that touched no row is a conflict: the row changed since it was
//    read. The transaction is rolled back and, in the same round trip, each such row is read
//    again (currentRowQuery), and the outcome lists them with what they hold now.
//  - A server error (a constraint, a trigger, a type) rolls everything back and comes back as
//    an Error whose `where` is the failing change's description and `statement` its index,
//    with the server's SQLSTATE, message, detail and constraint.
//  - A connection lost before COMMIT was sent leaves nothing applied: the transaction ends
//    with it. One lost while COMMIT was on its way leaves the outcome unknown, and the Error
//    says so. Nothing reports committed unless the server answered COMMIT.
//
// Destroying the context, or the applier, cancels the save and rolls it back; cancel() does the
// same and reports the cancellation. One save at a time.
class ChangeApplier : public QObject
{
    Q_OBJECT
public:
    using SaveCallback = std::function<void(Result<SaveOutcome>)>;

    explicit ChangeApplier(ConnectionPool *pool, QObject *parent = nullptr);
    ~ChangeApplier() override;

    // `buffer` gives the table and the identities the rows were read with, for reading the
    // conflicting rows again; it is read at once, not kept. The callback runs from the event
    // loop, and not at all once `context` is gone.
    void save(const QList<ChangeStatement> &statements, const EditBuffer &buffer, QObject *context,
              SaveCallback done);
    void cancel();
    bool isSaving() const { return m_running; }

private:
    void onLease(Result<ConnectionPool::Lease> lease);
    void onApplied(Result<QList<QueryResult>> results);
    void commit(QList<QueryResult> results);
    void rollbackAndReadConflicts(const QList<qsizetype> &conflicting);
    void onConflictsRead(const QList<qsizetype> &conflicting, const QList<int> &reads,
                         Result<QList<QueryResult>> read);
    void rollbackThen(const Error &error);
    Error changeError(const Error &server) const;
    Error lostError(const Error &connection, bool whileCommitting) const;
    Error cancelledError() const;
    void finish(Result<SaveOutcome> outcome);
    void finishLater(const Error &error);

    ConnectionPool *m_pool;
    ConnectionPool::Lease m_lease;
    std::unique_ptr<QObject> m_acquireContext; // dropping it forgets a pending acquire
    ContextCallback<Result<SaveOutcome>> m_done;
    QMetaObject::Connection m_contextWatch;
    QList<ChangeStatement> m_statements;
    TableDetails m_table;
    QHash<QString, RowIdentity> m_identities; // of the guarded changes' rows, by rowKey
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace mizzle
