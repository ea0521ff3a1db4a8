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
    QObject context; // gone when this returns: a statement still running is then cancelled
    return await<QueryResult>([&](auto done) { connection.execScript(&context, sql, done); });
}

Result<ConnectionPool::Lease> acquire(ConnectionPool &pool, QObject *context)
{
    return await<ConnectionPool::Lease>([&](auto done) { pool.acquire(context, done); });
}

Result<void> open(PgConnection &connection, const ConnectionParameters &parameters)
{
    QObject context;
    return await<void>([&](auto done) { connection.open(&context, parameters, done); });
}

int waitingLocks(PgConnection &observer, int backendPid)
{
    const auto waiting =
        run(observer, QStringLiteral("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %1")
                          .arg(backendPid));
    return waiting.ok() ? waiting->text(0, 0).toInt() : -1;
}

} // namespace mizzle::test
