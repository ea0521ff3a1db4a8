#include "values/json_text.h"
#include "values/text_summary.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestTextValues : public QObject
{
    Q_OBJECT
private slots:
    void indentJsonKeepsTextAndNumbers();
    void firstLineMarksWhatIsLeftOut();
    void durationsReadAtEveryScale();
};

void TestTextValues::indentJsonKeepsTextAndNumbers()
{
    // Brackets, commas and colons inside strings, escaped quotes, and the server's spacing.
    QCOMPARE(indentJson(u"[1.00000000000000000001, \"a, [b]: {\\\"c\\\"}\", [], "
                        u"{ }, -0, 1e400]"),
             u"[\n"
             u"    1.00000000000000000001,\n"
             u"    \"a, [b]: {\\\"c\\\"}\",\n"
             u"    [],\n"
             u"    {},\n"
             u"    -0,\n"
             u"    1e400\n"
             u"]"_s);
    QCOMPARE(indentJson(u"\"just a string\""), u"\"just a string\""_s);
}

void TestTextValues::firstLineMarksWhatIsLeftOut()
{
    QCOMPARE(firstLine(u"SELECT 1"_s), u"SELECT 1"_s);
    QCOMPARE(firstLine(u"\n  SELECT *\n  FROM t"_s), u"SELECT * …"_s);
    QCOMPARE(firstLine(u"SELECT   a,\tb"_s), u"SELECT a, b"_s);
    QCOMPARE(firstLine(u"SELECT abcdef"_s, 8), u"SELECT a …"_s);
    QCOMPARE(firstLine(u"SELECT 1"_s, 8), u"SELECT 1"_s);
    QCOMPARE(firstLine(QString()), QString());
}

void TestTextValues::durationsReadAtEveryScale()
{
    QCOMPARE(formatDuration(12), u"12 ms"_s);
    QCOMPARE(formatDuration(1500), u"1.50 s"_s);
    QCOMPARE(formatDuration(187'000), u"3 min 07 s"_s);
}

QTEST_GUILESS_MAIN(TestTextValues)
#include "tst_text_values.moc"
