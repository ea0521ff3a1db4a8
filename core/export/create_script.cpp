#include "export/create_script.h"

#include "connection/pg_connection.h"
#include "export/export_plan_reader.h"
#include "values/sql_literal.h"

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

QString scriptOf(const ExportPlan &plan)
{
    QStringList statements;
    for (const QList<ExportStatement> *section : {&plan.preData, &plan.postData}) {
        for (const ExportStatement &statement : *section) {
            // The schema exists already where the script is read.
            if (statement.kind != u"SCHEMA")
                statements.append(statement.sql);
        }
    }
    return statements.join(u"\n\n"_s) + u'\n';
}

} // namespace

void CreateScript::read(ConnectionPool &pool, QObject *context, const QString &schema,
                        const QString &relation, Callback done)
{
    ExportOptions options;
    options.tables = {sqlIdentifier(schema) + u'.' + sqlIdentifier(relation)};
    options.data = false;
    pool.acquire(context, u"Show CREATE script"_s,
                 [context, options, done = std::move(done)](Result<ConnectionPool::Lease> lease) {
                     if (!lease)
                         return done(lease.error());
                     const ConnectionPool::Lease connection = lease.value();
                     connection->execScript(
                         context, exportSnapshotBegin(),
                         [connection, context, options, done](Result<QueryResult> began) {
                             if (!began)
                                 return done(began.error());
                             ExportPlanReader::read(*connection, context, options,
                                                    [connection, done](Result<ExportPlan> plan) {
                                                        // Only read: the pool rolls the snapshot
                                                        // back when the lease goes.
                                                        if (!plan)
                                                            return done(plan.error());
                                                        done(scriptOf(plan.value()));
                                                    });
                         });
                 });
}

} // namespace mizzle
