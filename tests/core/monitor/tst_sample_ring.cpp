#include "monitor/sample_ring.h"

#include <QTest>

using namespace mizzle::monitor;

class TestSampleRing : public QObject
{
    Q_OBJECT
private slots:
    void keepsOnlyTheSpan();
    void dropsTheOldestWhenFull();
    void dropsForPredictsPush();
    void wrapsManyTimesInFixedMemory();
};

void TestSampleRing::keepsOnlyTheSpan()
{
    SampleRing<int> ring(10'000, 100);
    QCOMPARE(ring.push(0, 0), 0);
    QCOMPARE(ring.push(4'000, 1), 0);
    QCOMPARE(ring.push(10'000, 2), 0); // exactly the span old: still inside
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.push(14'001, 3), 2); // 0 and 4 000 are now older than 10 s
    QCOMPARE(ring.size(), 2);
    QCOMPARE(ring.at(0).atMs, 10'000);
    QCOMPARE(ring.at(0).value, 2);
    QCOMPARE(ring.last().value, 3);
}

void TestSampleRing::dropsTheOldestWhenFull()
{
    SampleRing<int> ring(1'000'000, 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(ring.push(i, i), 0);
    QCOMPARE(ring.push(3, 3), 1);
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.at(0).value, 1);
    QCOMPARE(ring.at(2).value, 3);
}

void TestSampleRing::dropsForPredictsPush()
{
    SampleRing<int> ring(100, 4);
    for (qint64 at : {0, 30, 60, 90, 120, 500, 501, 502, 503, 504}) {
        const int predicted = ring.dropsFor(at);
        QCOMPARE(ring.push(at, int(at)), predicted);
    }
    QCOMPARE(ring.size(), 4);
    QCOMPARE(ring.at(0).atMs, 501);
}

void TestSampleRing::wrapsManyTimesInFixedMemory()
{
    // Fifteen minutes at 2 s is 450 samples; a day of them must leave exactly those.
    SampleRing<int> ring(15 * 60 * 1000, 450);
    for (int i = 0; i < 43'200; ++i)
        ring.push(qint64(i) * 2000, i);
    QCOMPARE(ring.size(), 450); // 451 fit in the span: the capacity bounds it first
    QCOMPARE(ring.last().value, 43'199);
    QCOMPARE(ring.at(0).value, 43'199 - 449);
    for (int i = 1; i < ring.size(); ++i)
        QCOMPARE(ring.at(i).atMs - ring.at(i - 1).atMs, 2000);
    ring.clear();
    QVERIFY(ring.isEmpty());
}

QTEST_GUILESS_MAIN(TestSampleRing)
#include "tst_sample_ring.moc"
