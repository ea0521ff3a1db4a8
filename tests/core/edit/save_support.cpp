#include "save_support.h"

#include "test_database.h"

namespace mizzle::test {

using namespace Qt::StringLiterals;

QList<ReadRow> readRows(ConnectionPool &pool, const TableDetails &table, const QString &sql)
{
    QList<ReadRow> rows;
    const auto result = run(pool, sql);
    if (!result) {
        qWarning("%s", qPrintable(result.error().toString()));
        return rows;
    }
    for (qsizetype row = 0; row < result->rowCount(); ++row)
        rows.append(
            {identityOf(table, result.value(), row), rowValues(table, result.value(), row)});
    return rows;
}

void markChanged(EditBuffer &buffer, const ReadRow &row, int column, const QString &value)
{
    buffer.setCell(row.identity, row.values, column, CellValue::of(value));
}

void markDeleted(EditBuffer &buffer, const ReadRow &row)
{
    buffer.setDeleted(row.identity, row.values, true);
}

ChangeStatement change(ChangeStatement::Kind kind, const QString &rowKey,
                       const QString &description, const QString &sql,
                       const PgConnection::Parameters &parameters)
{
    return ChangeStatement{kind, rowKey, description, sql, parameters};
}

Result<SaveOutcome> save(ChangeApplier &applier, const QList<ChangeStatement> &statements,
                         const EditBuffer &buffer)
{
    return await<SaveOutcome>([&](auto done) { applier.save(statements, buffer, &applier, done); });
}

ConnectionParameters namedParameters(const QString &applicationName)
{
    ConnectionParameters parameters = testParameters();
    parameters.set(u"application_name"_s, applicationName);
    return parameters;
}

int waitingBackend(PgConnection &observer, const QString &applicationName)
{
    QObject context;
    const auto found = await<QueryResult>([&](auto done) {
        observer.exec(&context,
                      // The pool adds "/INSTANCE-N" to each connection's name.
                      u"SELECT pid FROM pg_stat_activity WHERE (application_name = $1 OR "
                      "starts_with(application_name, $1 || '/')) "
                      "AND wait_event_type = 'Lock'"_s,
                      {applicationName}, done);
    });
    return found && found->rowCount() > 0 ? found->text(0, 0).toInt() : 0;
}

QString scalar(ConnectionPool &pool, const QString &sql)
{
    const auto result = run(pool, sql);
    if (!result)
        return u"<error: %1>"_s.arg(result.error().toString());
    if (result->rowCount() == 0)
        return u"<no row>"_s;
    return result->isNull(0, 0) ? u"<null>"_s : result->text(0, 0);
}

} // namespace mizzle::test
