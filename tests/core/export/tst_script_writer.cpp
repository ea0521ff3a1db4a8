#include "export/script_writer.h"

#include <QBuffer>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The script's guard against psql's meta-commands (the class of CVE-2025-8714): no text of the
// server's may put a backslash where psql would read it as its own.
class TestScriptWriter : public QObject
{
    Q_OBJECT
private slots:
    void backslashesInsideQuotesAreSafe_data();
    void backslashesInsideQuotesAreSafe();
    void backslashesOutsideQuotesAreRefused_data();
    void backslashesOutsideQuotesAreRefused();
    void headingsAreOneLine();
    void copyRowsMustBeOneLine();
    void aRefusedStatementWritesNothing();
};

void TestScriptWriter::backslashesInsideQuotesAreSafe_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("string") << u"COMMENT ON TABLE t IS 'a\n\\! touch x';"_s;
    QTest::newRow("escape string") << u"COMMENT ON TABLE t IS E'a\\n\\\\! x';"_s;
    QTest::newRow("identifier") << u"CREATE TABLE \"a\n\\! touch x\" (v text);"_s;
    QTest::newRow("dollar quote") << u"CREATE FUNCTION f() RETURNS text AS $x$ \\! $x$;"_s;
    QTest::newRow("comment") << u"SELECT 1 -- \\! touch x\n;"_s;
    QTest::newRow("none") << u"SELECT 1;"_s;
}

void TestScriptWriter::backslashesInsideQuotesAreSafe()
{
    QFETCH(QString, sql);
    const Result<void> safe = ScriptWriter::checkPsqlSafe(sql);
    QVERIFY2(safe.ok(), qPrintable(safe.ok() ? QString() : safe.error().message));
}

void TestScriptWriter::backslashesOutsideQuotesAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("after a statement") << u"SELECT 1;\n\\! touch x"_s;
    QTest::newRow("between tokens") << u"SELECT 'a' \\gexec"_s;
    QTest::newRow("after a quote") << u"SELECT \"a\"\\! touch x"_s;
    QTest::newRow("unterminated quote") << u"SELECT 'a \\! touch x"_s;
}

void TestScriptWriter::backslashesOutsideQuotesAreRefused()
{
    QFETCH(QString, sql);
    QVERIFY(!ScriptWriter::checkPsqlSafe(sql).ok());
}

void TestScriptWriter::headingsAreOneLine()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ScriptWriter writer(&buffer);
    writer.writeHeading(u"TABLE"_s, u"s\r\n\\! x"_s, u"t\n\\! touch x\u2028y"_s);
    QVERIFY(writer.flush().ok());
    const QList<QByteArray> lines = buffer.data().split('\n');
    for (const QByteArray &line : lines)
        QVERIFY2(line.isEmpty() || line.startsWith("--"), line.constData());
    QVERIFY(buffer.data().contains("-- Name: t \\! touch x y; Type: TABLE; Schema: s  \\! x\n"));
}

void TestScriptWriter::copyRowsMustBeOneLine()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ScriptWriter writer(&buffer);
    QVERIFY(writer.beginCopy(u"t"_s, u"v"_s).ok());
    QVERIFY(writer.writeCopyRow("a\\n\\\\.\tb\n").ok());
    QVERIFY(!writer.writeCopyRow("\\.\n").ok());
    QVERIFY(!writer.writeCopyRow("a\n\\! touch x\n").ok());
    QVERIFY(!writer.writeCopyRow("no line end").ok());
    QVERIFY(!writer.writeCopyRow("carriage\r\n").ok());
    writer.endCopy();
    QVERIFY(writer.flush().ok());
    QCOMPARE(buffer.data(), QByteArray("COPY t (v) FROM stdin;\na\\n\\\\.\tb\n\\.\n"));
}

void TestScriptWriter::aRefusedStatementWritesNothing()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ScriptWriter writer(&buffer);
    QVERIFY(!writer.writeStatement(u"SELECT 1; \\! touch x"_s).ok());
    QVERIFY(writer.flush().ok());
    QCOMPARE(writer.bytesWritten(), 0);
}

QTEST_GUILESS_MAIN(TestScriptWriter)
#include "tst_script_writer.moc"
