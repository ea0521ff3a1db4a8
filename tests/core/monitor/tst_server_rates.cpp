#include "monitor/server_rates.h"
#include "monitor/server_sampler.h"

#include <QTest>

using namespace mizzle::monitor;

// Rates divide by the time measured between samples, and the sampler's pacing backs off from a
// slow server and comes back: both pure arithmetic, checked without a server.
class TestServerRates : public QObject
{
    Q_OBJECT
private slots:
    void ratesDivideByTheMeasuredTime();
    void noBlockReadsNoCacheRatio();
    void aResetOrNoTimeGivesNoRates();
    void slowSamplesBackOffToACap();
    void fastSamplesComeBackToTheBase();
};

void TestServerRates::ratesDivideByTheMeasuredTime()
{
    DatabaseCounters before;
    before.xactCommit = 100;
    before.xactRollback = 10;
    before.tupReturned = 1000;
    before.tupInserted = 5;
    before.blksHit = 90;
    before.blksRead = 10;
    DatabaseCounters after = before;
    after.xactCommit += 30;
    after.xactRollback += 10;
    after.tupReturned += 800;
    after.tupInserted += 4;
    after.tupUpdated += 2;
    after.tupDeleted += 2;
    after.blksHit += 75;
    after.blksRead += 25;
    // A sample that came 4 s after the last, whatever the nominal interval was.
    const std::optional<DatabaseRates> rates = databaseRates(before, after, 4000);
    QVERIFY(rates);
    QCOMPARE(rates->intervalS, 4.0);
    QCOMPARE(rates->transactionsPerS, 10.0);
    QCOMPARE(rates->tuplesOutPerS, 200.0);
    QCOMPARE(rates->tuplesInPerS, 2.0);
    QVERIFY(rates->cacheHitRatio);
    QCOMPARE(*rates->cacheHitRatio, 0.75);
}

void TestServerRates::noBlockReadsNoCacheRatio()
{
    DatabaseCounters counters;
    counters.blksHit = 50;
    const std::optional<DatabaseRates> rates = databaseRates(counters, counters, 500);
    QVERIFY(rates);
    QCOMPARE(rates->transactionsPerS, 0.0);
    QVERIFY(!rates->cacheHitRatio);
}

void TestServerRates::aResetOrNoTimeGivesNoRates()
{
    DatabaseCounters before;
    before.xactCommit = 500;
    DatabaseCounters reset;
    reset.xactCommit = 3;
    QVERIFY(!databaseRates(before, reset, 1000));
    QVERIFY(!databaseRates(before, before, 0));
    QVERIFY(!databaseRates(before, before, -5));
}

void TestServerRates::slowSamplesBackOffToACap()
{
    const int base = 1000;
    // A sample costing over a quarter of the interval doubles it.
    QCOMPARE(ServerSampler::nextIntervalMs(base, base, 300), 2000);
    QCOMPARE(ServerSampler::nextIntervalMs(base, 2000, 900), 4000);
    // A moderate cost keeps it.
    QCOMPARE(ServerSampler::nextIntervalMs(base, 2000, 300), 2000);
    int interval = base;
    for (int i = 0; i < 20; ++i)
        interval = ServerSampler::nextIntervalMs(base, interval, 1e9);
    QCOMPARE(interval, base * ServerSampler::intervalCapFactor);
}

void TestServerRates::fastSamplesComeBackToTheBase()
{
    const int base = 500;
    QCOMPARE(ServerSampler::nextIntervalMs(base, 4000, 10), 2000);
    QCOMPARE(ServerSampler::nextIntervalMs(base, 600, 10), 500);
    QCOMPARE(ServerSampler::nextIntervalMs(base, base, 1), base);
}

QTEST_APPLESS_MAIN(TestServerRates)
#include "tst_server_rates.moc"
