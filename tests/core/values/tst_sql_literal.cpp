#include "test_database.h"
#include "values/sql_literal.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestSqlLiteral : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void literalsAreStandardStrings();
    void castTypesLeaveLengthsToTheColumn_data();
    void castTypesLeaveLengthsToTheColumn();
    void identifiersAreQuotedAsLibpqDoes();
    void everyValueReadsBackExactly();
    void aValueTooLongIsAnErrorNotCutShort();

private:
    PgConnection m_connection;
};

namespace {

// Columns of the types whose text is easiest to spoil, and rows of their hardest values, as
// the server is given them here (E'' and all); the test reads back the server's own text.
const QString sampleTable = uR"(
DROP SCHEMA IF EXISTS lit CASCADE;
CREATE SCHEMA lit;
CREATE TYPE lit.mood AS ENUM ('sad', 'it''s ok');
CREATE TYPE lit.pair AS (a text, b int);
CREATE TABLE lit.sample (
    id int, f8 double precision, f4 real, num numeric, num2 numeric(12,2), ts timestamp,
    tstz timestamptz, day date, span interval, bin bytea, words text[], nums int[][], doc jsonb,
    raw json, txt text, code varchar(8), initials char(5), bits bit(3), vbits varbit(8),
    yes boolean, addr inet, uid uuid, mood lit.mood, pair lit.pair, ints int4range, place point,
    money_ money, x xml);
INSERT INTO lit.sample VALUES
  (1, '-0', '-0', 1234567890123456789012345678901234567890.0123456789, 1.5, 'infinity',
   '-infinity', 'infinity', '-1 days +02:03:04.5', '\x00ff', ARRAY[NULL, 'NULL', 'a"b', 'c\d',
   'e''f', '', ' spaced ', '{x}'], '{{1,NULL},{3,4}}',
   '{"n": 123456789012345678901234567890.1234567890, "s": "a\"b\\c"}',
   '{ "n" : 1e400 ,"dup": 1, "dup": 2 }', E'back\\slash\nnew line\r\n\ttab ''quote'' "dq" ü😀',
   'it''s', 'ab', '101', '1', true, '192.168.0.1/24', '00000000-0000-0000-0000-000000000001',
   'it''s ok', ROW('x, "y"', NULL), '[1,5)', '(1.5,-2)', 12.34, '<a x="1">t &amp; u</a>'),
  (2, 'NaN', 'Infinity', 'NaN', -0.01, '2024-02-29 23:59:59.999999', '2024-05-06 07:08:09.5+02',
   '-infinity', '-177999999 years', '\x', '{}', '{}', '[]', '"just a string"', '', '', '',
   '000', '', false, '::1', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'sad', ROW(NULL, NULL),
   'empty', '(0,0)', -0.5, ''),
  (3, 5e-324, 3.4028235e38, '-Infinity', 0, '-infinity', 'infinity', '2000-01-01',
   '0', '\xdeadbeef', '{"\\","\"","a\\b"}', NULL, 'null', 'null', 'NULL', NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE lit.copy (LIKE lit.sample);)"_s;

} // namespace

void TestSqlLiteral::initTestCase()
{
    const Result<void> opened = test::open(m_connection);
    QVERIFY2(opened.ok(), test::describe(opened));
    const Result<QueryResult> created = test::run(m_connection, sampleTable);
    QVERIFY2(created.ok(), test::describe(created));
}

void TestSqlLiteral::literalsAreStandardStrings()
{
    QCOMPARE(sqlLiteral(std::nullopt, u"integer"_s), u"NULL"_s);
    QCOMPARE(sqlLiteral(u"it's"_s, u"text"_s), u"'it''s'"_s);
    QCOMPARE(sqlLiteral(QString(), u"text"_s), u"''"_s); // the empty string, never NULL
    QCOMPARE(sqlLiteral(u"a\\b\nc"_s, u"character varying(4)"_s), u"'a\\b\nc'"_s);
    QCOMPARE(sqlLiteral(u"\\x00ff"_s, u"bytea"_s), u"'\\x00ff'::bytea"_s);
    QCOMPARE(sqlLiteral(u"-0"_s, u"double precision"_s), u"'-0'::double precision"_s);
    QCOMPARE(sqlLiteral(u"ab"_s, u"character(5)[]"_s), u"'ab'::bpchar[]"_s);
    QCOMPARE(sqlLiteral(u"x"_s, QString()), u"'x'"_s);
    QCOMPARE(sqlString(u"''"_s), u"''''''"_s);
    QByteArray bytes = "x";
    appendSqlString(bytes, "it's ü");
    QCOMPARE(bytes, "x'it''s ü'");
}

void TestSqlLiteral::castTypesLeaveLengthsToTheColumn_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("cast");
    QTest::newRow("varchar") << u"character varying(40)"_s << u"character varying"_s;
    QTest::newRow("varchar array") << u"character varying(40)[][]"_s << u"character varying[][]"_s;
    QTest::newRow("char") << u"character(5)"_s << u"bpchar"_s;
    QTest::newRow("bpchar") << u"bpchar"_s << u"bpchar"_s;
    QTest::newRow("bit") << u"bit(3)"_s << u"bit varying"_s;
    QTest::newRow("varbit") << u"bit varying(8)"_s << u"bit varying"_s;
    QTest::newRow("numeric keeps its scale") << u"numeric(12,2)"_s << u"numeric(12,2)"_s;
    QTest::newRow("timestamp keeps its precision")
        << u"timestamp(0) with time zone"_s << u"timestamp(0) with time zone"_s;
    QTest::newRow("user type named like one")
        << u"public.\"character(5)\""_s << u"public.\"character(5)\""_s;
    QTest::newRow("integer") << u"integer"_s << u"integer"_s;
}

void TestSqlLiteral::castTypesLeaveLengthsToTheColumn()
{
    QFETCH(QString, type);
    QFETCH(QString, cast);
    QCOMPARE(sqlCastType(type), cast);
}

void TestSqlLiteral::identifiersAreQuotedAsLibpqDoes()
{
    for (const QString &name :
         {u"plain"_s, u"MixedCase"_s, u"with \"quotes\" and 'apostrophes'"_s, u"ü😀 space.dot"_s,
          u"\"\""_s, QString(), u"x\n\\! echo pwned"_s, u"a\\b"_s}) {
        QCOMPARE(sqlIdentifier(name), m_connection.quoteIdentifier(name));
    }
}

// Every value of the sample, written as a literal, comes back as the very same text: alone, in
// a SELECT where nothing but the cast types it, and stored in a column of its type.
void TestSqlLiteral::everyValueReadsBackExactly()
{
    const Result<QueryResult> types = test::run(
        m_connection, u"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid "
                      u"= 'lit.sample'::regclass AND attnum > 0 ORDER BY attnum"_s);
    QVERIFY2(types.ok(), test::describe(types));
    const Result<QueryResult> original =
        test::run(m_connection, u"SELECT * FROM lit.sample ORDER BY id"_s);
    QVERIFY2(original.ok(), test::describe(original));
    QCOMPARE(original->rowCount(), 3);
    QCOMPARE(types->rowCount(), qsizetype(original->columnCount()));

    for (qsizetype row = 0; row < original->rowCount(); ++row) {
        QStringList literals;
        for (int column = 0; column < original->columnCount(); ++column) {
            const std::optional<QString> value = original->isNull(row, column)
                                                     ? std::nullopt
                                                     : std::optional(original->text(row, column));
            literals.append(sqlLiteral(value, types->text(column, 0)));
        }
        const QString list = literals.join(u", "_s);
        const Result<QueryResult> alone = test::run(m_connection, u"SELECT "_s + list);
        QVERIFY2(alone.ok(), test::describe(alone));
        const Result<QueryResult> stored =
            test::run(m_connection, u"INSERT INTO lit.copy VALUES (%1) RETURNING *"_s.arg(list));
        QVERIFY2(stored.ok(), test::describe(stored));
        for (int column = 0; column < original->columnCount(); ++column) {
            const QByteArray where = original->columns().at(column).name.toUtf8() + " of row " +
                                     QByteArray::number(row + 1) + ": " +
                                     literals.at(column).toUtf8();
            for (const QueryResult *back : {&alone.value(), &stored.value()}) {
                QVERIFY2(back->isNull(0, column) == original->isNull(row, column), where);
                QVERIFY2(back->bytes(0, column) == original->bytes(row, column),
                         where + " came back as " + back->bytes(0, column).toByteArray());
            }
        }
    }
}

void TestSqlLiteral::aValueTooLongIsAnErrorNotCutShort()
{
    const QList<std::pair<QString, QString>> cases = {{u"code"_s, u"character varying(8)"_s},
                                                      {u"initials"_s, u"character(5)"_s},
                                                      {u"bits"_s, u"bit(3)"_s},
                                                      {u"vbits"_s, u"bit varying(8)"_s}};
    for (const auto &[column, type] : cases) {
        const QString value = type.startsWith(u"bit"_s) ? u"101010101"_s : u"abcdefghi"_s;
        const Result<QueryResult> stored =
            test::run(m_connection, u"INSERT INTO lit.copy (%1) VALUES (%2)"_s.arg(
                                        sqlIdentifier(column), sqlLiteral(value, type)));
        QVERIFY2(!stored.ok(), qPrintable(column));
        QVERIFY2(stored.error().sqlState == u"22001"_s || stored.error().sqlState == u"22026"_s,
                 qPrintable(stored.error().toString()));
    }
}

QTEST_GUILESS_MAIN(TestSqlLiteral)
#include "tst_sql_literal.moc"
