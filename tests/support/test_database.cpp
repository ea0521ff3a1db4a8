#include "test_database.h"

namespace mizzle::test {

QString testHost()
{
    return qEnvironmentVariable("MIZZLE_TEST_PGHOST");
}

ConnectionParameters testParameters(const QString &dbname)
{
    ConnectionParameters parameters;
    parameters.set(QStringLiteral("host"), testHost());
    parameters.set(QStringLiteral("dbname"), dbname);
    parameters.set(QStringLiteral("application_name"), QStringLiteral("mizzle-tests"));
    return parameters;
}

Result<QueryResult> run(ConnectionPool &pool, const QString &sql,
                        const PgConnection::Parameters &parameters)
{
    return await<QueryResult>([&](auto done) { pool.execute(&pool, sql, parameters, done); });
}

Result<QueryResult> runScript(ConnectionPool &pool, const QString &sql)
{
    Result<ConnectionPool::Lease> lease = acquire(pool, &pool);
    if (!lease)
        return lease.error();
    return run(*lease.value(), sql);
}

Result<QueryResult> run(PgConnection &connection, const QString &sql)
{
    return await<QueryResult>([&](auto done) { connection.execScript(sql, done); });
}

Result<ConnectionPool::Lease> acquire(ConnectionPool &pool, QObject *context)
{
    return await<ConnectionPool::Lease>([&](auto done) { pool.acquire(context, done); });
}

} // namespace mizzle::test
