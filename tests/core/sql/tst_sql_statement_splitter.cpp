#include "sql/sql_statement_splitter.h"

#include <QTest>
#include <QThread>
#include <memory>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

QStringList statementTexts(const QString &sql)
{
    QStringList texts;
    for (const SqlStatementSpan &span : splitStatements(sql))
        texts.append(sql.mid(span.start, span.length));
    return texts;
}

// "start+length" per span: a failing comparison shows which offset drifted.
QString describe(const QList<SqlStatementSpan> &spans)
{
    QStringList parts;
    for (const SqlStatementSpan &span : spans)
        parts.append(QString::number(span.start) + u'+' + QString::number(span.length));
    return parts.join(u' ');
}

} // namespace

class TestSqlStatementSplitter : public QObject
{
    Q_OBJECT

private slots:
    void splitStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("two statements")
            << u"SELECT 1; SELECT 2;"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        const QString plpgsql = u"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\n"
                                u"BEGIN\n  PERFORM 1; RETURN 2;\nEND;\n$$"_s;
        QTest::newRow("dollar-quoted body")
            << plpgsql + u";\nSELECT f();"_s << QStringList{plpgsql, u"SELECT f()"_s};
        // Inside $tag$, "$$" and ';' are plain text.
        const QString tagged = u"DO $tag$ BEGIN RAISE NOTICE '$$;'; END $tag$"_s;
        QTest::newRow("tagged dollar quote")
            << tagged + u"; SELECT 1;"_s << QStringList{tagged, u"SELECT 1"_s};
        QTest::newRow("nested comments")
            << u"/* outer /* inner; */ still; */ SELECT 1; SELECT 2"_s
            << QStringList{u"/* outer /* inner; */ still; */ SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("E string with \\' and ;")
            << u"SELECT E'it\\'s; here'; SELECT 2"_s
            << QStringList{u"SELECT E'it\\'s; here'"_s, u"SELECT 2"_s};
        QTest::newRow("semicolons in strings and identifiers")
            << u"SELECT 'a;b' AS \"x;y\", 'it''s;'; SELECT \"semi;colon\" FROM t"_s
            << QStringList{u"SELECT 'a;b' AS \"x;y\", 'it''s;'"_s,
                           u"SELECT \"semi;colon\" FROM t"_s};
        QTest::newRow("empty statements")
            << u"SELECT 1;;; ;SELECT 2;;"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("only semicolons") << u";;"_s << QStringList{};
        QTest::newRow("only a comment") << u"-- nothing to run\n"_s << QStringList{};
        QTest::newRow("only whitespace") << u" \n\t "_s << QStringList{};
        QTest::newRow("empty text") << QString() << QStringList{};
        QTest::newRow("last statement without semicolon")
            << u"SELECT 1;\nSELECT 2  \n"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("comments before and after")
            << u"-- first\nSELECT 1;\n/* second */ SELECT 2; -- trailing\n"_s
            << QStringList{u"-- first\nSELECT 1"_s, u"/* second */ SELECT 2"_s};
        const QString atomic = u"CREATE FUNCTION h() RETURNS int LANGUAGE sql\n"
                               u"BEGIN ATOMIC SELECT 1; SELECT 2; END"_s;
        QTest::newRow("BEGIN ATOMIC body")
            << atomic + u"; SELECT h();"_s << QStringList{atomic, u"SELECT h()"_s};
        // A syntax error makes the parser give up; the scanner still honours quoting.
        QTest::newRow("syntax error elsewhere")
            << u"SELECT * FORM t; DO $$ BEGIN PERFORM 1; END $$; SELECT 2"_s
            << QStringList{u"SELECT * FORM t"_s, u"DO $$ BEGIN PERFORM 1; END $$"_s, u"SELECT 2"_s};
        QTest::newRow("unterminated quote")
            << u"SELECT 1; SELECT 'abc; SELECT 2"_s
            << QStringList{u"SELECT 1"_s, u"SELECT 'abc; SELECT 2"_s};
        QTest::newRow("unterminated quote in the only statement")
            << u"  SELECT 'abc"_s << QStringList{u"SELECT 'abc"_s};
        QTest::newRow("unterminated dollar quote")
            << u"SELECT 1; DO $$ BEGIN"_s << QStringList{u"SELECT 1"_s, u"DO $$ BEGIN"_s};
        QTest::newRow("unterminated comment")
            << u"SELECT 1; /* oops SELECT 2"_s << QStringList{u"SELECT 1"_s, u"/* oops SELECT 2"_s};
        // The error position counts characters: read as bytes it would cut inside the emoji.
        QTest::newRow("unterminated quote after emoji")
            << u"SELECT '😀😀😀'; SELECT 'x"_s << QStringList{u"SELECT '😀😀😀'"_s, u"SELECT 'x"_s};
        // The scanner reports a bad escape inside the string, not at its start.
        QTest::newRow("error inside a token")
            << u"SELECT 1; SELECT E'\\uD800x'; SELECT 2"_s
            << QStringList{u"SELECT 1"_s, u"SELECT E'\\uD800x'; SELECT 2"_s};
    }

    void splitStatements()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, expected);
        QCOMPARE(statementTexts(sql), expected);
    }

    void spanOffsets_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");

        // 😀 is two UTF-16 units and four UTF-8 bytes, é and ü one unit and two bytes, ☕ one
        // unit and three bytes.
        QTest::newRow("non-ASCII before statements")
            << u"SELECT '😀é';\n  SELECT 2; -- ☕\nSELECT 'ü' AS \"ß\""_s << u"0+12 16+8 26+22"_s;
        QTest::newRow("emoji in a leading comment")
            << u"/* 😀😀 */ SELECT 1;\nSELECT 2"_s << u"0+19 21+8"_s;
        QTest::newRow("emoji before an unterminated quote")
            << u"SELECT '😀'; SELECT 'x"_s << u"0+11 13+9"_s;
        QTest::newRow("lone surrogate")
            << u"/* "_s + QChar(0xD800) + u" */ SELECT 1; SELECT 2"_s << u"0+16 18+8"_s;
    }

    void spanOffsets()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        QCOMPARE(describe(mizzle::splitStatements(sql)), expected);
    }

    void statementIndexAt_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("cursor");
        QTest::addColumn<int>("expected");

        const QString twoOnOneLine = u"SELECT 1; SELECT 2;"_s;
        QTest::newRow("at the start") << twoOnOneLine << 0 << 0;
        QTest::newRow("inside the first") << twoOnOneLine << 4 << 0;
        QTest::newRow("on the first semicolon") << twoOnOneLine << 8 << 0;
        QTest::newRow("just after the first semicolon") << twoOnOneLine << 9 << 0;
        QTest::newRow("at the start of the second") << twoOnOneLine << 10 << 1;
        QTest::newRow("inside the second") << twoOnOneLine << 15 << 1;
        QTest::newRow("end of text") << twoOnOneLine << 19 << 1;
        QTest::newRow("past the end") << twoOnOneLine << 100 << 1;

        const QString spaced = u"\n\n  SELECT 1;\n\n  SELECT 2"_s;
        QTest::newRow("before the first statement") << spaced << 1 << 0;
        QTest::newRow("whitespace between") << spaced << 15 << 0;
        QTest::newRow("indented start of the second") << spaced << 17 << 1;
        QTest::newRow("end without semicolon") << spaced << static_cast<int>(spaced.size()) << 1;

        const QString three = u"SELECT 1;SELECT 2;SELECT 3"_s;
        QTest::newRow("no space: last char of second") << three << 16 << 1;
        QTest::newRow("no space: start of third") << three << 18 << 2;

        QTest::newRow("no statements") << u";; -- nothing"_s << 1 << -1;
        QTest::newRow("empty text") << QString() << 0 << -1;
    }

    void statementIndexAt()
    {
        QFETCH(QString, sql);
        QFETCH(int, cursor);
        QFETCH(int, expected);
        QCOMPARE(mizzle::statementIndexAt(mizzle::splitStatements(sql), cursor), expected);
    }

    void checkSyntax_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("position");

        QTest::newRow("FORM") << u"SELECT * FORM t"_s << u"syntax error at or near \"FORM\""_s
                              << 10;
        // Position 17 in UTF-16; 16 in code points, 20 in UTF-8 bytes. (After the "*", FORM
        // cannot be a column alias.)
        QTest::newRow("non-ASCII before the error")
            << u"SELECT 'ü😀', * FORM t"_s << u"syntax error at or near \"FORM\""_s << 17;
        QTest::newRow("end of input after non-ASCII comment")
            << u"-- ☕\nSELECT * FROM t WHERE"_s << u"syntax error at end of input"_s << 27;
        QTest::newRow("unterminated quote")
            << u"SELECT 1; SELECT 'é"_s << u"unterminated quoted string at or near \"'é\""_s << 18;
        QTest::newRow("valid") << u"SELECT 1"_s << QString() << -1;
        QTest::newRow("valid script") << u"SELECT 1; SELECT 'ü😀' AS \"ß\";"_s << QString() << -1;
        QTest::newRow("valid function")
            << u"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$"_s
            << QString() << -1;
        QTest::newRow("empty") << QString() << QString() << -1;
    }

    void checkSyntax()
    {
        QFETCH(QString, statement);
        QFETCH(QString, message);
        QFETCH(int, position);

        const std::optional<Error> error = mizzle::checkSyntax(statement);
        if (message.isEmpty()) {
            QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
            return;
        }
        QVERIFY(error);
        QCOMPARE(error->message, message);
        QCOMPARE(error->position, position);
    }

    // Every result is freed: LeakSanitizer, which runs over this test in CI, would otherwise
    // report the thousands of error structs these calls create.
    void repeatedCallsGiveTheSameAnswer()
    {
        for (int i = 0; i < 500; ++i) {
            const std::optional<Error> error = mizzle::checkSyntax(u"SELECT * FORM t"_s);
            QVERIFY(error);
            QCOMPARE(error->position, 10);
            QCOMPARE(statementTexts(u"SELECT 1; SELECT 'abc"_s).size(), 2);
        }
    }

    // libpg_query keeps its memory per thread and redirects stderr around each call.
    void worksFromSeveralThreads()
    {
        const auto work = [](int *failures) {
            for (int i = 0; i < 200; ++i) {
                const std::optional<Error> error = mizzle::checkSyntax(u"SELECT 'ü', * FORM t"_s);
                if (!error || error->position != 15 ||
                    mizzle::splitStatements(u"SELECT 1; SELECT 2"_s).size() != 2)
                    ++*failures;
            }
        };
        int failures[2] = {0, 0};
        std::unique_ptr<QThread> first(QThread::create(work, &failures[0]));
        std::unique_ptr<QThread> second(QThread::create(work, &failures[1]));
        first->start();
        second->start();
        QVERIFY(first->wait(QDeadlineTimer(60'000)));
        QVERIFY(second->wait(QDeadlineTimer(60'000)));
        QCOMPARE(failures[0], 0);
        QCOMPARE(failures[1], 0);
    }
};

QTEST_GUILESS_MAIN(TestSqlStatementSplitter)
#include "tst_sql_statement_splitter.moc"
