#include "values/bytea_hex.h"
#include "values/json_check.h"
#include "values/json_text.h"
#include "values/number_text.h"
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
    void jsonCheckPointsAtTheFirstError();
    void byteaHexRoundTripsEveryByte();
    void numbersReadAsTheServerReadsThem();
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

void TestTextValues::jsonCheckPointsAtTheFirstError()
{
    QVERIFY(!checkJsonSyntax(u"{\"a\": [1, 2.50, 12345678901234567890]}"));
    // Scalars on their own are JSON to the server, though QJsonDocument takes none at the top.
    QVERIFY(!checkJsonSyntax(u"42"));
    QVERIFY(!checkJsonSyntax(u"  \"x\"\n"));
    QVERIFY(!checkJsonSyntax(u"null"));

    const auto missingValue = checkJsonSyntax(u"{\"a\": 1,\n \"b\": }");
    QVERIFY(missingValue);
    QCOMPARE(missingValue->line, 2);
    // Qt points at the closing brace where a value was due, or just past it.
    QVERIFY2(missingValue->position == 15 || missingValue->position == 16,
             qPrintable(QString::number(missingValue->position)));
    QCOMPARE(missingValue->column, int(missingValue->position) - 8);
    QVERIFY(!missingValue->message.isEmpty());

    // Offsets count characters, not UTF-8 bytes.
    const auto afterUmlauts = checkJsonSyntax(u"[\"äöü\", x]");
    QVERIFY(afterUmlauts);
    QCOMPARE(afterUmlauts->position, 8);

    QVERIFY(checkJsonSyntax(u""));
    QVERIFY(checkJsonSyntax(u"   "));
    const auto twoValues = checkJsonSyntax(u"1, 2");
    QVERIFY(twoValues);
    QCOMPARE(twoValues->position, 1);
    QVERIFY(checkJsonSyntax(u"[1] [2]"));
    QVERIFY(checkJsonSyntax(u"1]"));
}

void TestTextValues::byteaHexRoundTripsEveryByte()
{
    QByteArray every;
    for (int byte = 0; byte < 256; ++byte)
        every.append(char(byte));
    const QString hex = byteaHex(every);
    QVERIFY(hex.startsWith(u"\\x000102"));
    QVERIFY(hex.endsWith(u"fdfeff"));
    QCOMPARE(hex.size(), 2 + 512);
    QCOMPARE(fromByteaHex(hex), every);
    QCOMPARE(byteaHex({}), u"\\x"_s);
    QCOMPARE(fromByteaHex(u"\\x"), QByteArray());
    // The server's input rules: either case, whitespace between pairs.
    QCOMPARE(fromByteaHex(u"\\XDE ad\nBE ef"), QByteArray::fromHex("deadbeef"));
    QVERIFY(!fromByteaHex(u"\\x123")); // half a byte
    QVERIFY(!fromByteaHex(u"\\x1 2")); // a pair split
    QVERIFY(!fromByteaHex(u"\\xzz"));
    QVERIFY(!fromByteaHex(u"abc\\000")); // the escape form
}

void TestTextValues::numbersReadAsTheServerReadsThem()
{
    for (const auto *number :
         {u"0", u"-1.500", u" +12345678901234567890 ", u".5", u"5.", u"1e-7", u"1.5E+300",
          u"1_000_000", u"0x1F", u"0o17", u"0b101", u"NaN", u"-Infinity", u"inf"})
        QVERIFY2(looksLikeNumber(QStringView(number)), qPrintable(QString::fromUtf16(number)));
    for (const auto *other : {u"", u" ", u"abc", u"1,5", u"1.2.3", u"--1", u"1e", u"_1", u"1__0",
                              u"0x", u"12 34", u"١٢"})
        QVERIFY2(!looksLikeNumber(QStringView(other)), qPrintable(QString::fromUtf16(other)));
}
