#include "test_database.h"

#include <QUrl>

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

ConnectionParameters pgbouncerParameters(const QString &dbname)
{
    ConnectionParameters parameters;
    parameters.set(QStringLiteral("host"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST"));
    parameters.set(QStringLiteral("port"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PORT"));
    parameters.set(QStringLiteral("dbname"), dbname);
    parameters.set(QStringLiteral("user"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_USER"));
    parameters.set(QStringLiteral("password"),
                   qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PASSWORD"));
    parameters.set(QStringLiteral("application_name"), QStringLiteral("mizzle-tests"));
    return parameters;
}

ConnectionParameters pgbouncerConsoleParameters()
{
    ConnectionParameters parameters;
    parameters.set(QStringLiteral("host"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST"));
    parameters.set(QStringLiteral("port"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PORT"));
    parameters.set(QStringLiteral("dbname"), QStringLiteral("pgbouncer"));
    parameters.set(QStringLiteral("user"), qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_ADMIN"));
    parameters.set(QStringLiteral("password"),
                   qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_ADMIN_PASSWORD"));
    return parameters;
}

QString pgbouncerConsoleUri(const QString &password)
{
    const auto encoded = [](const QString &text) {
        return QString::fromLatin1(QUrl::toPercentEncoding(text));
    };
    return QStringLiteral("postgresql://%1:%2@/pgbouncer?host=%3&port=%4")
        .arg(encoded(qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_ADMIN")), encoded(password),
             encoded(qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST")),
             qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PORT"));
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
