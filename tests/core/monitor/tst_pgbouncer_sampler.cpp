#include "monitor/holder_links.h"
#include "monitor/pgbouncer_sampler.h"
#include "monitor/pgbouncer_show.h"
#include "monitor/server_sampler.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QTest>
#include <algorithm>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

// PgBouncer's side of the monitor against the fixture's real PgBouncer, in transaction pooling:
// a saturated pool seen as the console itself reports it, a pool holder followed through
// PgBouncer to its backend, and a wrong admin password. Each test fills a database alias of its
// own (see tests/fixture/pgbouncer_fixture.sh), so parallel tests do not disturb its counts.
class TestPgBouncerSampler : public QObject
{
    Q_OBJECT
private slots:
    void aSaturatedPoolShowsItsWaitingClients();
    void aHolderIsLinkedToItsBackend();
    void aWrongAdminPasswordSaysSo();
    void aNormalDatabaseIsNotTheConsole();
    void theServerSamplerTellsItIsBehindAPooler();

private:
    template <typename Sampler, typename Sample> static Result<Sample> sample(Sampler &sampler);
    std::unique_ptr<PgConnection> openThroughBouncer(const QString &dbname, const QString &name);
    // The console's own SHOW POOLS row for a database, read on a connection of the test's own.
    std::optional<QMap<QString, QString>> showPools(const QString &database);

    std::unique_ptr<PgConnection> m_console;
};

template <typename Sampler, typename Sample>
Result<Sample> TestPgBouncerSampler::sample(Sampler &sampler)
{
    return test::await<Sample>([&sampler](auto done) {
        auto *context = new QObject(&sampler);
        const auto finish = [context, done](Result<Sample> result) {
            context->deleteLater();
            done(std::move(result));
        };
        connect(&sampler, &Sampler::sampled, context,
                [finish](const Sample &value) { finish(value); });
        connect(&sampler, &Sampler::failed, context,
                [finish](const Error &error) { finish(error); });
        sampler.sampleOnce();
    });
}

std::unique_ptr<PgConnection> TestPgBouncerSampler::openThroughBouncer(const QString &dbname,
                                                                       const QString &name)
{
    auto session = std::make_unique<PgConnection>();
    ConnectionParameters parameters = test::pgbouncerParameters(dbname);
    parameters.set(u"application_name"_s, u"tst-pgbouncer-sampler-"_s + name);
    const auto opened = test::open(*session, parameters);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().toString()));
        return nullptr;
    }
    return session;
}

std::optional<QMap<QString, QString>> TestPgBouncerSampler::showPools(const QString &database)
{
    if (!m_console) {
        m_console = std::make_unique<PgConnection>();
        if (!test::open(*m_console, test::pgbouncerConsoleParameters()))
            return std::nullopt;
    }
    const Result<QueryResult> pools = test::run(*m_console, u"SHOW POOLS"_s);
    if (!pools)
        return std::nullopt;
    const PgBouncerTable table = readPgBouncerTable(pools.value());
    for (const auto &row : table.rows) {
        if (row.value(u"database"_s) == database)
            return row;
    }
    return QMap<QString, QString>();
}

void TestPgBouncerSampler::aSaturatedPoolShowsItsWaitingClients()
{
    const QString database = u"mizzle_bouncer_wait"_s; // pool_size=2
    // pool_size clients hold a server each inside an open transaction; two more then wait for
    // one, and stay waiting until the first ones end.
    std::vector<std::unique_ptr<PgConnection>> sessions;
    for (int i = 0; i < 4; ++i) {
        sessions.push_back(openThroughBouncer(database, QString::number(i)));
        QVERIFY(sessions.back());
    }
    QVERIFY(test::run(*sessions[0], u"BEGIN; SELECT 1"_s).ok());
    QVERIFY(test::run(*sessions[1], u"BEGIN; SELECT 1"_s).ok());
    QObject context; // declared last: gone first, so no callback outlives the test
    for (int i = 2; i < 4; ++i)
        sessions[i]->execScript(&context, u"SELECT 1"_s, [](Result<QueryResult>) {});
    QTRY_COMPARE(showPools(database).value_or(QMap<QString, QString>()).value(u"cl_waiting"_s),
                 u"2"_s);

    QElapsedTimer between;
    between.start();
    PgBouncerSampler sampler(test::pgbouncerConsoleParameters());
    const auto taken = sample<PgBouncerSampler, PgBouncerSample>(sampler);
    const auto direct = showPools(database);
    const double betweenS = double(between.elapsed()) / 1000.0;
    QVERIFY2(taken.ok(), test::describe(taken).constData());
    QVERIFY(direct && !direct->isEmpty());
    const PgBouncerPool *pool = taken->pool(database);
    QVERIFY(pool);
    QCOMPARE(pool->clWaiting, 2);
    QCOMPARE(QString::number(pool->clWaiting), direct->value(u"cl_waiting"_s));
    QCOMPARE(pool->svActive, 2);
    QCOMPARE(pool->poolSize, std::optional<int>(2));
    QCOMPARE(pool->poolMode, u"transaction"_s);
    // The console's maxwait, read after the sample, is later by at most the time in between.
    const double directMaxwait =
        direct->value(u"maxwait"_s).toDouble() + direct->value(u"maxwait_us"_s).toDouble() / 1e6;
    QVERIFY2(directMaxwait >= pool->maxwaitS && directMaxwait - pool->maxwaitS <= betweenS + 1e-3,
             qPrintable(u"sampled %1 s, direct %2 s, %3 s apart"_s.arg(pool->maxwaitS)
                            .arg(directMaxwait)
                            .arg(betweenS)));
    QVERIFY(pool->maxwaitS > 0);
    QVERIFY(!taken->version.isEmpty());
    QVERIFY(taken->waits.isEmpty()); // the first sample has nothing to compare with

    // Ending the transactions lets the waiting clients through; the next sample has the
    // assignments since the first, and their mean wait.
    QVERIFY(test::run(*sessions[0], u"COMMIT"_s).ok());
    QVERIFY(test::run(*sessions[1], u"COMMIT"_s).ok());
    QTRY_COMPARE(showPools(database).value_or(QMap<QString, QString>()).value(u"cl_waiting"_s),
                 u"0"_s);
    const auto second = sample<PgBouncerSampler, PgBouncerSample>(sampler);
    QVERIFY2(second.ok(), test::describe(second).constData());
    const auto wait = std::find_if(second->waits.cbegin(), second->waits.cend(),
                                   [&](const PgBouncerWait &w) { return w.database == database; });
    QVERIFY(wait != second->waits.cend());
    QVERIFY(wait->intervalS > 0);
}

void TestPgBouncerSampler::aHolderIsLinkedToItsBackend()
{
    ConnectionParameters parameters = test::pgbouncerParameters(u"mizzle_bouncer_link"_s);
    parameters.set(u"application_name"_s, u"tst-pgbouncer-link"_s);
    ConnectionPool pool(parameters, PoolSettings{});
    QObject owner;
    owner.setObjectName(u"linked holder"_s);
    const auto lease = test::acquire(pool, &owner);
    QVERIFY2(lease.ok(), test::describe(lease).constData());
    // In transaction pooling the client is linked to its server only inside a transaction.
    QVERIFY(test::run(*lease.value(), u"BEGIN"_s).ok());
    const auto pid = test::run(*lease.value(), u"SELECT pg_backend_pid()"_s);
    QVERIFY2(pid.ok(), test::describe(pid).constData());
    const int backendPid = pid->text(0, 0).toInt();

    const QList<PoolHolder> holders = pool.holders();
    QCOMPARE(holders.size(), 1);
    QVERIFY2(holders.first().applicationName.startsWith(u"tst-pgbouncer-link/"_s),
             qPrintable(holders.first().applicationName));
    QVERIFY(ConnectionPool::isPoolApplicationName(holders.first().applicationName,
                                                  u"tst-pgbouncer-link"_s));

    PgBouncerSampler bouncer(test::pgbouncerConsoleParameters());
    const auto pools = sample<PgBouncerSampler, PgBouncerSample>(bouncer);
    QVERIFY2(pools.ok(), test::describe(pools).constData());
    ServerSampler server(test::testParameters());
    server.setOwnApplicationNames({u"tst-pgbouncer-link"_s});
    const auto activity = sample<ServerSampler, ServerSample>(server);
    QVERIFY2(activity.ok(), test::describe(activity).constData());

    const QList<HolderLink> links = linkHolders(holders, &pools.value(), &activity.value());
    QCOMPARE(links.size(), 1);
    const HolderLink &link = links.first();
    QVERIFY(link.client);
    QCOMPARE(link.client->database, u"mizzle_bouncer_link"_s);
    QVERIFY(link.server);
    QCOMPARE(link.server->remotePid, backendPid);
    QCOMPARE(link.backendPid, backendPid);
    QVERIFY(link.session);
    QCOMPARE(link.session->pid, backendPid);
    QVERIFY(link.session->idleInTransaction());
    QVERIFY(link.session->mizzle);
    QVERIFY(test::run(*lease.value(), u"ROLLBACK"_s).ok());
}

void TestPgBouncerSampler::aWrongAdminPasswordSaysSo()
{
    ConnectionParameters parameters = test::pgbouncerConsoleParameters();
    parameters.set(u"password"_s, u"not-the-password"_s);
    PgBouncerSampler sampler(parameters);
    const auto taken = sample<PgBouncerSampler, PgBouncerSample>(sampler);
    QVERIFY(!taken.ok());
    const QString text = taken.error().toString();
    QVERIFY2(text.contains(u"authentication failed"_s) && text.contains(u"admin console"_s),
             qPrintable(text));
    QVERIFY2(taken.error().hint.contains(u"admin_users"_s), qPrintable(text));
    QVERIFY(!text.contains(u"not-the-password"_s));
}

void TestPgBouncerSampler::aNormalDatabaseIsNotTheConsole()
{
    PgBouncerSampler sampler(test::pgbouncerParameters());
    const auto taken = sample<PgBouncerSampler, PgBouncerSample>(sampler);
    QVERIFY(!taken.ok());
    QVERIFY2(taken.error().hint.contains(u"not PgBouncer's admin console"_s),
             qPrintable(taken.error().toString()));
}

void TestPgBouncerSampler::theServerSamplerTellsItIsBehindAPooler()
{
    ServerSampler direct(test::testParameters());
    const auto plain = sample<ServerSampler, ServerSample>(direct);
    QVERIFY2(plain.ok(), test::describe(plain).constData());
    QVERIFY(!plain->throughPooler);
    ServerSampler pooled(test::pgbouncerParameters());
    const auto through = sample<ServerSampler, ServerSample>(pooled);
    QVERIFY2(through.ok(), test::describe(through).constData());
    QVERIFY(through->throughPooler);
    QVERIFY(through->monitorPid == through->serverPid);
}

QTEST_GUILESS_MAIN(TestPgBouncerSampler)
#include "tst_pgbouncer_sampler.moc"
