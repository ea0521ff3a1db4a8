#include "monitor/sample_text.h"
#include "monitor_samples.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

// The terminal view of a sample: the summary first, idle transactions marked.
class TestSampleText : public QObject
{
    Q_OBJECT
private slots:
    void summaryThenSessions();
    void firstSampleSaysRatesComeLater();
};

void TestSampleText::summaryThenSessions()
{
    const QStringList lines = sampleToText(test::busySample()).split(u'\n');
    QVERIFY2(lines[0].contains(u"client backends 3 of 95 usable (max_connections 100, Mizzle's "
                               "own 2)"_s),
             qPrintable(lines[0]));
    QVERIFY(lines[1].contains(u"10.0 tps"_s));
    QVERIFY(lines[1].contains(u"cache hit -"_s));
    QVERIFY(lines[2].startsWith(u"xmin horizon: 731 (age 4) held by pid 10"_s));
    QCOMPARE(lines[3], u"blocking: pid 10 (idle in transaction) holds up 1 session(s), 1 "
                       "directly"_s);
    QVERIFY(lines[4].contains(u"PID"_s) && lines[4].contains(u"QUERY TEXT"_s));
    // The idle transaction is marked, and its query shown on one line.
    QVERIFY(lines[5].startsWith(u"!"_s));
    QVERIFY(lines[5].contains(u"UPDATE accounts SET balance = 0"_s));
    QVERIFY(lines[6].startsWith(u" "_s));
    QVERIFY(lines[6].contains(u"Lock:transactionid"_s));
    QVERIFY(lines[6].contains(u" 10 "_s)); // blocked by
}

void TestSampleText::firstSampleSaysRatesComeLater()
{
    ServerSample sample = test::busySample();
    sample.rates.reset();
    QVERIFY(sampleToText(sample).contains(u"rates: from the next sample on"_s));
}

QTEST_APPLESS_MAIN(TestSampleText)
#include "tst_sample_text.moc"
