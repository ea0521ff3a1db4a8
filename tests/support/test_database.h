#pragma once

#include "connection/connection_parameters.h"
#include "connection/connection_pool.h"
#include "connection/pg_connection.h"

#include <QTest>

namespace mizzle::test {

// The fixture cluster's socket folder comes from MIZZLE_TEST_PGHOST, set by CTest.
QString testHost();
ConnectionParameters testParameters(const QString &dbname = QStringLiteral("mizzle_test"));

// The fixture's PgBouncer (MIZZLE_TEST_PGBOUNCER_*, set by CTest for PGBOUNCER tests): one of
// its pooled databases as the pool's user, or its admin console as the admin user.
ConnectionParameters pgbouncerParameters(const QString &dbname = QStringLiteral("mizzle_test"));
ConnectionParameters pgbouncerConsoleParameters();
// The console's address as a libpq URI, with the password in it, for the command line.
QString pgbouncerConsoleUri(const QString &password);

// Waits, in the event loop, for an asynchronous operation that reports through a callback.
template <typename T, typename Start> Result<T> await(Start start, int timeoutMs = 60'000)
{
    std::optional<Result<T>> outcome;
    start([&outcome](Result<T> result) { outcome.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, timeoutMs))
        return Error{QStringLiteral("timed out waiting for the operation"), {}, {}, {}, {}, -1};
    return std::move(*outcome);
}

// For QVERIFY2, which builds its message even when the check passes.
template <typename T> QByteArray describe(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toUtf8();
}

Result<QueryResult> run(ConnectionPool &pool, const QString &sql,
                        const PgConnection::Parameters &parameters = {});
// Several statements in one go (simple query protocol), on a connection borrowed from the pool.
Result<QueryResult> runScript(ConnectionPool &pool, const QString &sql);
Result<QueryResult> run(PgConnection &connection, const QString &sql);
Result<ConnectionPool::Lease> acquire(ConnectionPool &pool, QObject *context);
Result<void> open(PgConnection &connection,
                  const ConnectionParameters &parameters = testParameters());

// Lock requests of that backend that wait, as pg_locks shows them to `observer`.
int waitingLocks(PgConnection &observer, int backendPid);

} // namespace mizzle::test
