#pragma once

#include "edit/change_applier.h"
#include "edit/change_statement.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace mizzle {

class ConnectionPool;
class EditBuffer;

// The steps between a table tab's pending changes and the server: the statements, built on a
// pooled connection (whose libpq quotes the names), for Review SQL or for Save; then Save itself
// through a ChangeApplier. Review and Save build them the same way, so Review SQL shows exactly
// what Save sends.
class TableSaver : public QObject
{
    Q_OBJECT
public:
    struct Review
    {
        QList<ChangeStatement> statements;
        QString script; // the same changes for psql, values inlined
    };
    using ReviewCallback = std::function<void(Result<Review>)>;

    explicit TableSaver(ConnectionPool *pool, QObject *parent = nullptr);
    ~TableSaver() override;

    // Both call back from the event loop, and not at all once `context` is gone.
    void review(const EditBuffer *buffer, QObject *context, ReviewCallback done);
    void save(const EditBuffer *buffer, QObject *context, ChangeApplier::SaveCallback done);
    // Rolls back a save under way; its callback reports the cancellation.
    void cancel();
    bool isSaving() const { return m_building || m_applier->isSaving(); }

private:
    using StatementsCallback = std::function<void(Result<QList<ChangeStatement>>)>;
    void buildStatements(const EditBuffer *buffer, QObject *context, StatementsCallback done);

    ConnectionPool *m_pool;
    ChangeApplier *m_applier;
    std::unique_ptr<QObject> m_building; // dropping it forgets a pending acquire
    QPointer<QObject> m_caller;          // of the save whose statements are being built
    ChangeApplier::SaveCallback m_done;
};

} // namespace mizzle
