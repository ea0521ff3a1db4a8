#include "monitor/holder_links.h"
#include "monitor/pgbouncer_output.h"
#include "monitor/pgbouncer_show.h"

#include <QJsonArray>
#include <QTest>
#include <libpq-fe.h>
#include <memory>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

namespace {

constexpr unsigned int textOid = 25;
constexpr unsigned int int8Oid = 20;

struct Column
{
    const char *name;
    unsigned int oid;
};

// A result as the console would send it, built with libpq's own result constructors.
QueryResult answer(const QList<Column> &columns, const QList<QStringList> &rows)
{
    std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK), &PQclear);
    std::vector<PGresAttDesc> attributes;
    for (const Column &column : columns)
        attributes.push_back({const_cast<char *>(column.name), 0, 0, 0, column.oid, -1, -1});
    PQsetResultAttrs(result.get(), int(attributes.size()), attributes.data());
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < rows[row].size(); ++column) {
            const QByteArray value = rows[row][column].toUtf8();
            PQsetvalue(result.get(), row, column, const_cast<char *>(value.constData()),
                       int(value.size()));
        }
    }
    return QueryResult(result.get());
}

// The six answers of one sample, SHOW POOLS with its columns in an order of its own and one
// PgBouncer has never had.
QList<QueryResult> answers(const QString &clWaiting)
{
    const QueryResult pools = answer({{"sv_idle", int8Oid},
                                      {"future_column", textOid},
                                      {"maxwait_us", int8Oid},
                                      {"cl_waiting", int8Oid},
                                      {"database", textOid},
                                      {"user", textOid},
                                      {"cl_active", int8Oid},
                                      {"sv_active", int8Oid},
                                      {"sv_used", int8Oid},
                                      {"maxwait", int8Oid},
                                      {"pool_mode", textOid}},
                                     {{u"1"_s, u"x"_s, u"250000"_s, clWaiting, u"app"_s, u"alice"_s,
                                       u"2"_s, u"2"_s, u"0"_s, u"3"_s, u"transaction"_s}});
    const QueryResult stats = answer({{"database", textOid},
                                      {"total_xact_count", int8Oid},
                                      {"total_server_assignment_count", int8Oid},
                                      {"total_wait_time", int8Oid}},
                                     {{u"app"_s, u"10"_s, u"12"_s, u"6000"_s}});
    const QList<Column> connectionColumns{{"type", textOid},       {"user", textOid},
                                          {"database", textOid},   {"state", textOid},
                                          {"ptr", textOid},        {"link", textOid},
                                          {"remote_pid", int8Oid}, {"application_name", textOid}};
    const QueryResult clients =
        answer(connectionColumns, {{u"C"_s, u"alice"_s, u"app"_s, u"active"_s, u"0xc1"_s, u"0x51"_s,
                                    u"4242"_s, u"Mizzle/ab12-1"_s},
                                   {u"C"_s, u"alice"_s, u"app"_s, u"active"_s, u"0xc2"_s, u""_s,
                                    u"4242"_s, u"Mizzle/ab12-2"_s}});
    const QueryResult servers =
        answer(connectionColumns, {{u"S"_s, u"alice"_s, u"app"_s, u"active"_s, u"0x51"_s, u"0xc1"_s,
                                    u"777"_s, u"Mizzle/ab12-1"_s}});
    const QueryResult databases =
        answer({{"name", textOid}, {"pool_size", int8Oid}}, {{u"app"_s, u"2"_s}});
    const QueryResult version = answer({{"version", textOid}}, {{u"PgBouncer 1.24.1"_s}});
    return {pools, stats, clients, servers, databases, version};
}

} // namespace

// Reading the admin console's answers, which newer PgBouncers extend and reorder: by column
// name only. Also the wait arithmetic and the holder links, on answers made by hand.
class TestPgBouncerShow : public QObject
{
    Q_OBJECT
private slots:
    void readsColumnsByName()
    {
        const Result<PgBouncerSample> sample = readPgBouncerSample(answers(u"5"_s));
        QVERIFY(sample.ok());
        QCOMPARE(sample->version, u"PgBouncer 1.24.1"_s);
        QCOMPARE(sample->pools.size(), 1);
        const PgBouncerPool &pool = sample->pools.first();
        QCOMPARE(pool.database, u"app"_s);
        QCOMPARE(pool.user, u"alice"_s);
        QCOMPARE(pool.clActive, 2);
        QCOMPARE(pool.clWaiting, 5);
        QCOMPARE(pool.svActive, 2);
        QCOMPARE(pool.svIdle, 1);
        QCOMPARE(pool.maxwaitS, 3.25);
        QCOMPARE(pool.poolMode, u"transaction"_s);
        QCOMPARE(pool.poolSize, std::optional<int>(2));
        QCOMPARE(sample->counters.first().totalServerAssignmentCount, 12);
        QCOMPARE(sample->clients.size(), 2);
        QCOMPARE(sample->servers.first().remotePid, 777);
        // The raw rows keep every column, the unknown one too, for the JSON output.
        QCOMPARE(sample->showPools.rows.first().value(u"future_column"_s), u"x"_s);
        const QJsonObject json = pgbouncerSampleToJson(sample.value());
        const QJsonObject row = json[u"pools"_s].toArray().first().toObject();
        QCOMPARE(row[u"cl_waiting"_s].toInt(), 5);
        QCOMPARE(row[u"pool_size"_s].toInt(), 2);
        QCOMPARE(row[u"future_column"_s].toString(), u"x"_s);
        QCOMPARE(json[u"stats"_s].toArray().first().toObject()[u"total_wait_time"_s].toInt(), 6000);
        QVERIFY(pgbouncerSampleToText(sample.value()).contains(u"CL_WAIT"_s));
    }

    void aMissingColumnIsNamed()
    {
        QList<QueryResult> results = answers(u"0"_s);
        results[0] = answer({{"database", textOid}, {"user", textOid}}, {{u"app"_s, u"a"_s}});
        const Result<PgBouncerSample> sample = readPgBouncerSample(results);
        QVERIFY(!sample.ok());
        QVERIFY2(sample.error().message.contains(u"SHOW POOLS"_s) &&
                     sample.error().message.contains(u"cl_active"_s),
                 qPrintable(sample.error().toString()));
    }

    void olderPgBouncersCountTransactions()
    {
        QList<QueryResult> results = answers(u"0"_s);
        results[1] = answer(
            {{"database", textOid}, {"total_xact_count", int8Oid}, {"total_wait_time", int8Oid}},
            {{u"app"_s, u"10"_s, u"6000"_s}});
        const Result<PgBouncerSample> sample = readPgBouncerSample(results);
        QVERIFY(sample.ok());
        QCOMPARE(sample->counters.first().totalServerAssignmentCount, 10);
    }

    void meanWaitPerAssignment()
    {
        const QList<PgBouncerCounters> before{
            {u"app"_s, 1'000, 5, 5}, {u"idle"_s, 0, 1, 1}, {u"reset"_s, 9'000, 9, 9}};
        const QList<PgBouncerCounters> after{{u"app"_s, 31'000, 8, 8},
                                             {u"idle"_s, 0, 1, 1},
                                             {u"reset"_s, 0, 0, 0},
                                             {u"new"_s, 5, 1, 1}};
        const QList<PgBouncerWait> waits = pgbouncerWaits(before, after, 2'000);
        QCOMPARE(waits.size(), 2); // "reset" went back, "new" has no earlier sample
        QCOMPARE(waits[0].database, u"app"_s);
        QCOMPARE(waits[0].assignments, 3);
        QCOMPARE(waits[0].intervalS, 2.0);
        QCOMPARE(waits[0].meanWaitMs, std::optional<double>(10.0)); // 30 ms over 3
        QCOMPARE(waits[1].database, u"idle"_s);
        QVERIFY(!waits[1].meanWaitMs);
        QVERIFY(pgbouncerWaits(before, after, 0).isEmpty());
    }

    void holdersLinkThroughClientAndServer()
    {
        const Result<PgBouncerSample> bouncer = readPgBouncerSample(answers(u"0"_s));
        QVERIFY(bouncer.ok());
        ServerSample server;
        Session backend;
        backend.pid = 777;
        backend.applicationName = u"Mizzle/ab12-1"_s;
        server.sessions = {backend};
        PoolHolder inTransaction;
        inTransaction.applicationName = u"Mizzle/ab12-1"_s;
        inTransaction.backendPid = 31337; // PgBouncer's cancel key, not a backend
        PoolHolder idle;
        idle.applicationName = u"Mizzle/ab12-2"_s;
        PoolHolder unknown;
        unknown.applicationName = u"Mizzle/ab12-9"_s;
        const QList<HolderLink> links =
            linkHolders({inTransaction, idle, unknown}, &bouncer.value(), &server);
        QCOMPARE(links.size(), 3);
        QCOMPARE(links[0].client->ptr, u"0xc1"_s);
        QCOMPARE(links[0].server->ptr, u"0x51"_s);
        QCOMPARE(links[0].backendPid, 777);
        QCOMPARE(links[0].session->pid, 777);
        QVERIFY(links[1].client && !links[1].server);
        QCOMPARE(links[1].backendPid, 0);
        QVERIFY(!links[2].client);
        // Without PgBouncer, libpq's pid is the backend's.
        const QList<HolderLink> direct = linkHolders({inTransaction}, nullptr, nullptr);
        QCOMPARE(direct.first().backendPid, 31337);
    }
};

QTEST_GUILESS_MAIN(TestPgBouncerShow)
#include "tst_pgbouncer_show.moc"
