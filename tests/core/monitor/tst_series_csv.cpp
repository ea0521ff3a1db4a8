#include "monitor/series_csv.h"

#include <QFile>
#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;

namespace {

MonitorPoint point(double utilization, int waiting, bool withServer)
{
    MonitorPoint p;
    p.utilization = utilization;
    p.waiting = waiting;
    p.acquireP95Ms = 0.1 + waiting;
    if (withServer) {
        p.sessions = SessionCounts{3, 7, 1, 2};
        p.transactionsPerS = 1234.5678901234567;
    }
    return p;
}

} // namespace

class TestSeriesCsv : public QObject
{
    Q_OBJECT
private slots:
    void roundTripsExactlyWithGaps();
    void readsColumnsByNameAndIgnoresUnknown();
    void badInputSaysWhere();
    void recordedSeriesReads();
    void poolPointScopesP95ToTheInterval();
    void sessionCountsByState();
};

void TestSeriesCsv::roundTripsExactlyWithGaps()
{
    MonitorRing ring(15 * 60 * 1000, 450);
    const qint64 start = 1'795'000'000'000; // an epoch time in 2026
    ring.push(start, point(0.25, 0, true));
    ring.push(start + 2000, point(1.0, 3, false)); // the server did not answer this tick
    ring.push(start + 4000, point(0.1 + 0.2, 1, true));
    const QByteArray csv = seriesCsv(ring);
    QVERIFY(csv.startsWith("time,utilization,waiting,acquire_p95_ms,sessions_active,"));
    QVERIFY(csv.contains(",,,,,")); // the gap stays a gap
    const auto read = readSeriesCsv(csv, QStringLiteral("series.csv"));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QCOMPARE(read->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(read->at(i).atMs, ring.at(i).atMs);
        for (int s = 0; s < seriesCount; ++s)
            QCOMPARE(seriesValue(read->at(i).value, Series(s)),
                     seriesValue(ring.at(i).value, Series(s)));
    }
    QCOMPARE(read->at(2).value.utilization, 0.1 + 0.2); // 17 digits: the same double
    QVERIFY(!read->at(1).value.sessions);
}

void TestSeriesCsv::readsColumnsByNameAndIgnoresUnknown()
{
    const QByteArray csv = "time,tps,extra,waiting\n2026-12-02T07:00:00.000Z,12.5,x,4\n";
    const auto read = readSeriesCsv(csv, QStringLiteral("f"));
    QVERIFY(read.ok());
    QCOMPARE(read->size(), 1);
    QCOMPARE(read->first().value.transactionsPerS, std::optional<double>(12.5));
    QCOMPARE(read->first().value.waiting, 4);
    QCOMPARE(read->first().atMs,
             QDateTime(QDate(2026, 12, 2), QTime(7, 0), QTimeZone::UTC).toMSecsSinceEpoch());
}

void TestSeriesCsv::badInputSaysWhere()
{
    auto failed = readSeriesCsv("utilization\n1\n", QStringLiteral("a.csv"));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().where, QStringLiteral("a.csv:1"));
    failed = readSeriesCsv("time,waiting\n2026-12-02T07:00:00Z,1\nyesterday,2\n",
                           QStringLiteral("b.csv"));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().where, QStringLiteral("b.csv:3"));
    QVERIFY(failed.error().message.contains(QStringLiteral("yesterday")));
    failed = readSeriesCsv("time,waiting\n2026-12-02T07:00:00Z,many\n", QStringLiteral("c.csv"));
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message.contains(QStringLiteral("waiting")));
    QVERIFY(!readSeriesCsv("", QStringLiteral("d.csv")).ok());
}

void TestSeriesCsv::recordedSeriesReads()
{
    QFile file(QStringLiteral(MIZZLE_TEST_DATA_DIR "/monitor/recorded_series.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto read = readSeriesCsv(file.readAll(), file.fileName());
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QVERIFY(read->size() > 100);
    for (int i = 1; i < read->size(); ++i)
        QVERIFY(read->at(i).atMs > read->at(i - 1).atMs);
}

void TestSeriesCsv::poolPointScopesP95ToTheInterval()
{
    PoolMetricsSnapshot before;
    for (int i = 0; i < 100; ++i)
        before.acquireWait.record(100'000); // 100 ms each, long ago
    PoolMetricsSnapshot now = before;
    for (int i = 0; i < 20; ++i)
        now.acquireWait.record(200); // 0.2 ms each, since
    now.utilization = 0.5;
    now.waiting = 2;
    const MonitorPoint recent = poolPoint(now, &before);
    QVERIFY2(recent.acquireP95Ms < 0.3, qPrintable(QString::number(recent.acquireP95Ms)));
    QVERIFY(recent.acquireP95Ms >= 0.2);
    QCOMPARE(recent.utilization, 0.5);
    QCOMPARE(recent.waiting, 2);
    QVERIFY(poolPoint(now, nullptr).acquireP95Ms >= 100); // the whole life: the old waits win
    QCOMPARE(poolPoint(before, &before).acquireP95Ms, 0.0);
}

void TestSeriesCsv::sessionCountsByState()
{
    ServerSample sample;
    auto add = [&sample](const char *state, const char *waitType, const char *type) {
        Session session;
        session.pid = int(sample.sessions.size()) + 1;
        session.state = QString::fromLatin1(state);
        session.waitEventType = QString::fromLatin1(waitType);
        session.backendType = QString::fromLatin1(type);
        sample.sessions.append(session);
    };
    add("active", "", "client backend");
    add("active", "Lock", "client backend");
    add("idle", "Client", "client backend");
    add("idle in transaction", "Client", "client backend");
    add("idle in transaction (aborted)", "Client", "client backend");
    add("", "Activity", "autovacuum launcher");
    const SessionCounts counts = sessionCounts(sample);
    QCOMPARE(counts.active, 2);
    QCOMPARE(counts.lockWaits, 1);
    QCOMPARE(counts.idle, 1);
    QCOMPARE(counts.idleInTransaction, 2);
}

QTEST_GUILESS_MAIN(TestSeriesCsv)
#include "tst_series_csv.moc"
