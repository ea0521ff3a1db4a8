#include "monitor/server_sampler.h"
#include "test_database.h"

#include <QTest>
#include <algorithm>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

// The server section of the monitor against a real server: a lock chain of three sessions,
// idle transactions, saturation, cancelling and terminating, and sampling while the pool is
// exhausted. Other tests share the server, so every check is about this test's own sessions,
// told apart by pid.
class TestServerSampler : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void aLockChainShowsItsRootAndCounts();
    void leavesItselfOutAndShowsIdleTransactions();
    void saturationMatchesTheSettings();
    void ratesUseTheMeasuredTime();
    void cancelAndTerminateABlockedSession();
    void samplesWhileThePoolIsExhausted();

private:
    // A session of this test, named so that it can be found in pg_stat_activity.
    std::unique_ptr<PgConnection> openSession(const QString &name);
    static Result<ServerSample> sample(ServerSampler &sampler);
    static Result<ServerSampler::Signalled> signalBackend(ServerSampler &sampler, bool terminate,
                                                          int pid);
    // Sends a statement that will wait; its outcome lands in `outcome`.
    void startWaiting(PgConnection &session, const QString &sql,
                      std::optional<Result<QueryResult>> &outcome);
    const Session *find(const ServerSample &sample, const PgConnection &session);

    std::unique_ptr<PgConnection> m_observer;
    QString m_table;
};

void TestServerSampler::initTestCase()
{
    m_observer = openSession(u"observer"_s);
    QVERIFY(m_observer);
    m_table = u"server_sampler_rows_%1"_s.arg(m_observer->backendPid());
    const auto created =
        test::run(*m_observer, u"CREATE TABLE %1 (id int PRIMARY KEY, v int);"
                               "INSERT INTO %1 VALUES (1, 0), (2, 0), (3, 0)"_s.arg(m_table));
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestServerSampler::cleanupTestCase()
{
    if (m_observer)
        QVERIFY(test::run(*m_observer, u"DROP TABLE IF EXISTS %1"_s.arg(m_table)).ok());
}

std::unique_ptr<PgConnection> TestServerSampler::openSession(const QString &name)
{
    auto session = std::make_unique<PgConnection>();
    ConnectionParameters parameters = test::testParameters();
    parameters.set(u"application_name"_s, u"tst-server-sampler-"_s + name);
    const auto opened = test::open(*session, parameters);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().toString()));
        return nullptr;
    }
    return session;
}

Result<ServerSample> TestServerSampler::sample(ServerSampler &sampler)
{
    return test::await<ServerSample>([&sampler](auto done) {
        auto *context = new QObject(&sampler);
        const auto finish = [context, done](Result<ServerSample> result) {
            context->deleteLater();
            done(std::move(result));
        };
        connect(&sampler, &ServerSampler::sampled, context,
                [finish](const ServerSample &value) { finish(value); });
        connect(&sampler, &ServerSampler::failed, context,
                [finish](const Error &error) { finish(error); });
        sampler.sampleOnce();
    });
}

Result<ServerSampler::Signalled> TestServerSampler::signalBackend(ServerSampler &sampler,
                                                                  bool terminate, int pid)
{
    QObject context;
    return test::await<ServerSampler::Signalled>([&](auto done) {
        if (terminate)
            sampler.terminateBackend(pid, &context, done);
        else
            sampler.cancelBackend(pid, &context, done);
    });
}

void TestServerSampler::startWaiting(PgConnection &session, const QString &sql,
                                     std::optional<Result<QueryResult>> &outcome)
{
    session.execScript(this, sql,
                       [&outcome](Result<QueryResult> result) { outcome.emplace(result); });
}

const Session *TestServerSampler::find(const ServerSample &sample, const PgConnection &session)
{
    return sample.session(session.backendPid());
}

void TestServerSampler::aLockChainShowsItsRootAndCounts()
{
    auto a = openSession(u"a"_s), b = openSession(u"b"_s), c = openSession(u"c"_s);
    QVERIFY(a && b && c);
    // A locks row 1. B locks row 2, then waits for row 1; C waits for row 2, so for B alone.
    QVERIFY(test::run(*a, u"BEGIN; SELECT * FROM %1 WHERE id = 1 FOR UPDATE"_s.arg(m_table)).ok());
    QVERIFY(test::run(*b, u"BEGIN; SELECT * FROM %1 WHERE id = 2 FOR UPDATE"_s.arg(m_table)).ok());
    std::optional<Result<QueryResult>> bDone, cDone;
    startWaiting(*b, u"SELECT * FROM %1 WHERE id = 1 FOR UPDATE"_s.arg(m_table), bDone);
    QTRY_COMPARE(test::waitingLocks(*m_observer, b->backendPid()), 1);
    startWaiting(*c, u"UPDATE %1 SET v = v + 1 WHERE id = 2"_s.arg(m_table), cDone);
    QTRY_COMPARE(test::waitingLocks(*m_observer, c->backendPid()), 1);

    ServerSampler sampler(test::testParameters());
    const auto taken = sample(sampler);
    QVERIFY2(taken.ok(), test::describe(taken).constData());
    const Session *sa = find(taken.value(), *a), *sb = find(taken.value(), *b),
                  *sc = find(taken.value(), *c);
    QVERIFY(sa && sb && sc);
    QVERIFY(sa->blockedBy.isEmpty());
    QCOMPARE(sb->blockedBy, QList<int>{a->backendPid()});
    QCOMPARE(sc->blockedBy, QList<int>{b->backendPid()});
    QCOMPARE(sb->waitEventType, u"Lock"_s);
    QCOMPARE(sb->state, u"active"_s);
    QVERIFY(sb->query.contains(u"FOR UPDATE"_s));

    const auto root = std::find_if(taken->blockingRoots.cbegin(), taken->blockingRoots.cend(),
                                   [&](const BlockingRoot &r) { return r.pid == a->backendPid(); });
    QVERIFY(root != taken->blockingRoots.cend());
    QCOMPARE(root->direct, 1);
    QCOMPARE(root->transitive, 2);
    QCOMPARE(root->state, u"idle in transaction"_s);
    QVERIFY(!root->cycle);
    for (const BlockingRoot &other : taken->blockingRoots)
        QVERIFY(other.pid != b->backendPid() && other.pid != c->backendPid());

    // Letting A go lets the whole chain through.
    QVERIFY(test::run(*a, u"ROLLBACK"_s).ok());
    QTRY_VERIFY(bDone.has_value());
    QVERIFY(test::run(*b, u"ROLLBACK"_s).ok());
    QTRY_VERIFY(cDone.has_value());
    QVERIFY2(cDone->ok(), test::describe(*cDone).constData());
}

void TestServerSampler::leavesItselfOutAndShowsIdleTransactions()
{
    auto idle = openSession(u"idle"_s);
    QVERIFY(idle);
    // A repeatable read snapshot holds back the xmin horizon until the transaction ends.
    QVERIFY(test::run(*idle, u"BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1"_s).ok());

    ServerSampler sampler(test::testParameters());
    const auto first = sample(sampler);
    QVERIFY2(first.ok(), test::describe(first).constData());
    const int monitorPid = first->monitorPid;
    QVERIFY(monitorPid > 0);
    QCOMPARE(sampler.monitorPid(), monitorPid);
    QVERIFY(!first->session(monitorPid));
    // The server does see it, under the monitor's name.
    const auto named = test::run(
        *m_observer,
        u"SELECT application_name FROM pg_stat_activity WHERE pid = %1"_s.arg(monitorPid));
    QVERIFY(named.ok() && named->rowCount() == 1);
    QCOMPARE(named->text(0, 0), u"mizzle-monitor"_s);

    const Session *session = find(first.value(), *idle);
    QVERIFY(session);
    QVERIFY(session->idleInTransaction());
    QCOMPARE(session->applicationName, u"tst-server-sampler-idle"_s);
    QCOMPARE(session->client, u"local"_s);
    QVERIFY(session->xactAgeS && *session->xactAgeS >= 0);
    QVERIFY(!session->backendXmin.isEmpty());
    QVERIFY(session->xminAge);
    QVERIFY(first->xminHorizon);
    QVERIFY(first->xminHorizon->xminAge >= *session->xminAge);
    QVERIFY(first->costMs >= 0);

    // The transaction ages as time passes on the server's clock.
    QVERIFY(test::run(*m_observer, u"SELECT pg_sleep(0.05)"_s).ok());
    const auto second = sample(sampler);
    QVERIFY(second.ok());
    const Session *later = find(second.value(), *idle);
    QVERIFY(later && later->xactAgeS);
    QVERIFY(*later->xactAgeS > *session->xactAgeS);
    QVERIFY(test::run(*idle, u"ROLLBACK"_s).ok());
}

void TestServerSampler::saturationMatchesTheSettings()
{
    auto own = openSession(u"own"_s);
    QVERIFY(own);
    const auto settings =
        test::run(*m_observer, u"SELECT current_setting('max_connections'), "
                               "current_setting('superuser_reserved_connections'), "
                               "coalesce(current_setting('reserved_connections', true), '0')"_s);
    QVERIFY(settings.ok());
    const int max = settings->text(0, 0).toInt();
    const int superuser = settings->text(0, 1).toInt();
    const int reserved = settings->text(0, 2).toInt();

    ServerSampler sampler(test::testParameters());
    sampler.setOwnApplicationNames({u"tst-server-sampler-own"_s});
    const auto taken = sample(sampler);
    QVERIFY2(taken.ok(), test::describe(taken).constData());
    const Saturation &saturation = taken->saturation;
    QCOMPARE(saturation.maxConnections, max);
    QCOMPARE(saturation.superuserReservedConnections, superuser);
    QCOMPARE(saturation.reservedConnections, reserved);
    QCOMPARE(saturation.usableConnections, max - superuser - reserved);
    // This test's observer and own session, and the monitor, at least.
    QVERIFY(saturation.clientBackends >= 3);
    QVERIFY(saturation.clientBackends <= max);
    QVERIFY(saturation.mizzleBackends >= 2);
    QVERIFY(saturation.mizzleBackends < saturation.clientBackends);
    const Session *mine = find(taken.value(), *own);
    QVERIFY(mine && mine->mizzle && mine->isClientBackend());
    const Session *observer = find(taken.value(), *m_observer);
    QVERIFY(observer && !observer->mizzle);
    // The observer is idle outside a transaction: it has no transaction age, rather than 0.
    QCOMPARE(observer->state, u"idle"_s);
    QVERIFY(!observer->xactAgeS);
    QVERIFY(observer->queryAgeS && observer->stateAgeS);
}

void TestServerSampler::ratesUseTheMeasuredTime()
{
    ServerSampler sampler(test::testParameters());
    qint64 now = 0;
    // Each reading of the clock moves it on by 1.5 s: a sample's start and end are two readings.
    sampler.setClock([&now] { return now += 1500; });
    const auto first = sample(sampler);
    QVERIFY2(first.ok(), test::describe(first).constData());
    QVERIFY(!first->rates);
    QCOMPARE(first->costMs, 1500.0);
    QVERIFY(test::run(*m_observer, u"SELECT count(*) FROM %1"_s.arg(m_table)).ok());
    const auto second = sample(sampler);
    QVERIFY2(second.ok(), test::describe(second).constData());
    QVERIFY(second->rates);
    QCOMPARE(second->rates->intervalS, 3.0);
    QCOMPARE(second->clockMs - first->clockMs, 3000);
    // Statistics reach pg_stat_database with some delay, so only what must hold is checked.
    QVERIFY(second->rates->transactionsPerS >= 0);
    QVERIFY(second->counters.xactCommit >= first->counters.xactCommit);
    // A cost of 1.5 s is slow against 2 s, and against the 4 s that followed: doubled twice.
    QCOMPARE(sampler.currentIntervalMs(), 4 * ServerSampler::defaultIntervalMs);
}

void TestServerSampler::cancelAndTerminateABlockedSession()
{
    auto holder = openSession(u"holder"_s), cancelled = openSession(u"cancelled"_s),
         terminated = openSession(u"terminated"_s);
    QVERIFY(holder && cancelled && terminated);
    QVERIFY(test::run(*holder, u"BEGIN; UPDATE %1 SET v = v + 1 WHERE id = 3"_s.arg(m_table)).ok());
    std::optional<Result<QueryResult>> cancelledDone, terminatedDone;
    QVERIFY(test::run(*cancelled, u"BEGIN; SELECT 1"_s).ok());
    startWaiting(*cancelled, u"SELECT * FROM %1 WHERE id = 3 FOR UPDATE"_s.arg(m_table),
                 cancelledDone);
    startWaiting(*terminated, u"DELETE FROM %1 WHERE id = 3"_s.arg(m_table), terminatedDone);
    QTRY_COMPARE(test::waitingLocks(*m_observer, cancelled->backendPid()), 1);
    QTRY_COMPARE(test::waitingLocks(*m_observer, terminated->backendPid()), 1);

    ServerSampler sampler(test::testParameters());
    QVERIFY(sample(sampler).ok());
    // What either would roll back: the transaction, its age and the statement it is in.
    const auto preview = sampler.rollbackPreview(cancelled->backendPid());
    QVERIFY(preview);
    QCOMPARE(preview->pid, cancelled->backendPid());
    QVERIFY(preview->xactAgeS && *preview->xactAgeS >= 0);
    QVERIFY(preview->query.contains(u"FOR UPDATE"_s));
    QVERIFY(!sampler.rollbackPreview(-1));

    const auto cancel = signalBackend(sampler, false, cancelled->backendPid());
    QVERIFY2(cancel.ok(), test::describe(cancel).constData());
    QVERIFY(cancel->delivered);
    QCOMPARE(cancel->pid, cancelled->backendPid());
    QTRY_VERIFY(cancelledDone.has_value());
    QVERIFY(!cancelledDone->ok());
    QCOMPARE(cancelledDone->error().sqlState, u"57014"_s);    // query_canceled
    QVERIFY(cancelled->state() == PgConnection::State::Idle); // the session itself lives on

    const int gone = terminated->backendPid();
    const auto terminate = signalBackend(sampler, true, gone);
    QVERIFY2(terminate.ok(), test::describe(terminate).constData());
    QVERIFY(terminate->delivered);
    QTRY_VERIFY(terminatedDone.has_value());
    QVERIFY(!terminatedDone->ok());
    QTRY_COMPARE(terminated->state(), PgConnection::State::Broken);
    // The backend process ends a moment after its client sees the connection close.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto after = sample(sampler);
            return after.ok() && !after->session(gone);
        }(),
        10'000);

    // Nothing to signal, or the monitor itself: an answer, not a crash.
    const auto nobody = signalBackend(sampler, false, 1);
    QVERIFY2(nobody.ok(), test::describe(nobody).constData());
    QVERIFY(!nobody->delivered);
    QVERIFY(!signalBackend(sampler, true, sampler.monitorPid()).ok());
    QVERIFY(test::run(*holder, u"ROLLBACK"_s).ok());
}

void TestServerSampler::samplesWhileThePoolIsExhausted()
{
    PoolSettings settings;
    settings.max = 1;
    ConnectionPool pool(test::testParameters(), settings);
    const auto lease = test::acquire(pool, this);
    QVERIFY2(lease.ok(), test::describe(lease).constData());
    // The pool has nothing left: a second caller waits.
    bool secondGotOne = false;
    QObject waiting;
    pool.acquire(&waiting, [&secondGotOne](Result<ConnectionPool::Lease>) { secondGotOne = true; });

    ServerSampler sampler(pool.parameters());
    const auto taken = sample(sampler);
    QVERIFY2(taken.ok(), test::describe(taken).constData());
    QVERIFY(!secondGotOne);
    QCOMPARE(pool.stats().waiting, 1);
    const Session *leased = taken->session(lease.value()->backendPid());
    QVERIFY(leased);
    QVERIFY(taken->monitorPid != lease.value()->backendPid());
}

QTEST_GUILESS_MAIN(TestServerSampler)
#include "tst_server_sampler.moc"
