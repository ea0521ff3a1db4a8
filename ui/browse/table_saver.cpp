#include "browse/table_saver.h"

#include "connection/connection_pool.h"
#include "edit/change_statements.h"
#include "edit/edit_buffer.h"

#include <QTimer>

namespace mizzle {

using namespace Qt::StringLiterals;

TableSaver::TableSaver(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_applier(new ChangeApplier(pool, this))
{}

TableSaver::~TableSaver() = default;

void TableSaver::buildStatements(const EditBuffer *buffer, QObject *context,
                                 StatementsCallback done)
{
    QPointer<const EditBuffer> target(buffer);
    const QString owner =
        u"statements for %1.%2"_s.arg(buffer->table().schema, buffer->table().name);
    m_pool->acquire(
        context, owner, [target, done = std::move(done)](Result<ConnectionPool::Lease> lease) {
            if (!lease)
                return done(lease.error());
            if (!target)
                return done(Error{u"the table's changes are gone"_s});
            done(changeStatements(*target, *lease.value())); // the lease goes back as this returns
        });
}

void TableSaver::review(const EditBuffer *buffer, QObject *context, ReviewCallback done)
{
    QPointer<const EditBuffer> target(buffer);
    buildStatements(buffer, context,
                    [target, done = std::move(done)](Result<QList<ChangeStatement>> statements) {
                        if (!statements)
                            return done(statements.error());
                        done(
                            Review{statements.value(), target ? changeScript(*target) : QString()});
                    });
}

void TableSaver::save(const EditBuffer *buffer, QObject *context, ChangeApplier::SaveCallback done)
{
    Q_ASSERT_X(context, "TableSaver", "every asynchronous call needs a context");
    m_building = std::make_unique<QObject>();
    m_caller = context;
    m_done = std::move(done);
    QPointer<const EditBuffer> target(buffer);
    buildStatements(buffer, m_building.get(), [this, target](Result<QList<ChangeStatement>> built) {
        m_building.reset();
        ChangeApplier::SaveCallback finished = std::exchange(m_done, {});
        if (!m_caller)
            return;
        if (!built || !target)
            return finished(built ? Error{u"the table's changes are gone"_s} : built.error());
        m_applier->save(built.value(), *target, m_caller, std::move(finished));
    });
}

void TableSaver::cancel()
{
    if (!m_building) {
        m_applier->cancel();
        return;
    }
    // Still waiting for a connection: nothing reached the server.
    m_building.reset();
    if (m_caller) {
        QTimer::singleShot(0, m_caller, [done = std::exchange(m_done, {})] {
            done(Error{u"the save was cancelled"_s,
                       {},
                       u"Nothing was saved: every change is still pending."_s});
        });
    }
}

} // namespace mizzle
