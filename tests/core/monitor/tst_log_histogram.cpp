#include "monitor/log_histogram.h"

#include <QTest>
#include <cmath>

using mizzle::monitor::LogHistogram;

class TestLogHistogram : public QObject
{
    Q_OBJECT
private slots:
    void emptyReportsZero();
    void bucketsDoubleEverySecondEdge();
    void percentilesStayWithinTheirBound();
    void percentilesNeverExceedTheMax();
    void extremesGoToTheEndBuckets();
    void clearForgetsEverything();
    void sinceKeepsOnlyTheNewValues();
};

void TestLogHistogram::emptyReportsZero()
{
    const LogHistogram histogram;
    QCOMPARE(histogram.count(), 0);
    QCOMPARE(histogram.max(), 0);
    QCOMPARE(histogram.mean(), 0);
    QCOMPARE(histogram.percentile(0.5), 0);
    QCOMPARE(histogram.percentile(0.99), 0);
}

void TestLogHistogram::bucketsDoubleEverySecondEdge()
{
    const LogHistogram histogram(100, 56);
    QCOMPARE(histogram.bucketFor(0), 0);
    QCOMPARE(histogram.bucketFor(99), 0);
    QCOMPARE(histogram.bucketFor(100), 1);
    QCOMPARE(histogram.bucketFor(141), 1); // 100·√2 ≈ 141.42
    QCOMPARE(histogram.bucketFor(142), 2);
    QCOMPARE(histogram.bucketFor(199), 2);
    QCOMPARE(histogram.bucketFor(200), 3);
    QCOMPARE(histogram.bucketFor(400), 5);
    QCOMPARE(histogram.upperEdge(0), 100);
    QCOMPARE(histogram.upperEdge(1), 142);
    QCOMPARE(histogram.upperEdge(2), 200);
    // Every value lies inside the bucket it is counted in.
    for (qint64 value : {1LL, 150LL, 1'000LL, 123'456LL, 9'999'999LL}) {
        const int bucket = histogram.bucketFor(value);
        QVERIFY(value < histogram.upperEdge(bucket));
        QVERIFY(bucket == 0 || value >= histogram.upperEdge(bucket - 1) - 1);
    }
}

void TestLogHistogram::percentilesStayWithinTheirBound()
{
    LogHistogram histogram;
    // 1 ms … 1000 ms, one each: the true p-th value is p·1000 ms.
    for (qint64 ms = 1; ms <= 1000; ++ms)
        histogram.record(ms * 1000);
    QCOMPARE(histogram.count(), 1000);
    QCOMPARE(histogram.max(), 1'000'000);
    QCOMPARE(histogram.mean(), 500'500);
    for (double p : {0.5, 0.95, 0.99}) {
        const qint64 exact = qint64(std::llround(p * 1000)) * 1000;
        const qint64 reported = histogram.percentile(p);
        QVERIFY2(reported >= exact, qPrintable(QString::number(reported)));
        QVERIFY2(double(reported) <= std::sqrt(2.0) * double(exact) + 1,
                 qPrintable(QString::number(reported)));
    }
    QCOMPARE(histogram.percentile(1.0), 1'000'000);
}

void TestLogHistogram::percentilesNeverExceedTheMax()
{
    LogHistogram histogram;
    histogram.record(150);
    QCOMPARE(histogram.percentile(0.5), 150); // its bucket ends at 200; the max caps it
    histogram.record(50);
    QCOMPARE(histogram.percentile(0.5), 100); // below the base: at most the base
    QCOMPARE(histogram.percentile(0.99), 150);
}

void TestLogHistogram::extremesGoToTheEndBuckets()
{
    LogHistogram histogram(100, 8);
    histogram.record(-5);
    QCOMPARE(histogram.bucketAt(0), 1);
    QCOMPARE(histogram.max(), 0);
    const qint64 huge = 3'600'000'000LL;
    histogram.record(huge);
    QCOMPARE(histogram.bucketFor(huge), histogram.bucketCount() - 1);
    QCOMPARE(histogram.bucketAt(histogram.bucketCount() - 1), 1);
    QCOMPARE(histogram.percentile(0.99), huge);
}

void TestLogHistogram::clearForgetsEverything()
{
    LogHistogram histogram;
    histogram.record(5'000);
    histogram.record(7'000);
    histogram.clear();
    QCOMPARE(histogram.count(), 0);
    QCOMPARE(histogram.max(), 0);
    QCOMPARE(histogram.sum(), 0);
    for (int bucket = 0; bucket < histogram.bucketCount(); ++bucket)
        QCOMPARE(histogram.bucketAt(bucket), 0);
}

void TestLogHistogram::sinceKeepsOnlyTheNewValues()
{
    LogHistogram histogram;
    for (int i = 0; i < 1000; ++i)
        histogram.record(50'000);
    const LogHistogram earlier = histogram;
    for (int i = 0; i < 10; ++i)
        histogram.record(1'000);
    const LogHistogram interval = histogram.since(earlier);
    QCOMPARE(interval.count(), 10);
    QCOMPARE(interval.sum(), 10'000);
    QVERIFY(interval.percentile(0.99) >= 1'000);
    QVERIFY(interval.percentile(0.99) < 1'415); // within √2, untouched by the old 50 ms
    QCOMPARE(histogram.since(histogram).count(), 0);
    QCOMPARE(histogram.since(histogram).percentile(0.95), 0);
    // Not an older copy (more values than now): everything counts as new.
    QCOMPARE(earlier.since(histogram).count(), earlier.count());
}

QTEST_GUILESS_MAIN(TestLogHistogram)
#include "tst_log_histogram.moc"
