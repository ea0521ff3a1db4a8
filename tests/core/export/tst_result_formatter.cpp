#include "export/result_formatter.h"
#include "test_database.h"
#include "values/sql_literal.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestResultFormatter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tsv();
    void csv();
    void json();
    void sqlInsert();
    void slicesAddUpToTheWhole();
    void insertStatementsRecreateTheRowsExactly();

private:
    static QList<qsizetype> allRows(const QueryResult &result);

    PgConnection m_connection;
    std::optional<QueryResult> m_sample;
};

namespace {

// One row of the values whose text is easiest to spoil. The session's time zone is fixed so that
// the timestamp's text, offset included, is known.
const QString sampleQuery = uR"(
SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE;
SELECT 9223372036854775807::bigint AS big,
       12345678901234567890.123456789::numeric AS num,
       0.1::float8 AS f,
       'NaN'::float8 AS nan,
       '2024-05-06 07:08:09.123456+02'::timestamptz AS ts,
       '{"s": "x", "n": 123456789012345678901234567890}'::jsonb AS doc,
       E'say "hi", then\nnew line\tand tab' AS t,
       NULL::text AS nothing,
       ''::text AS empty,
       true AS yes)"_s;

const QByteArray sampleTimestamp = "2024-05-06 10:38:09.123456+05:30";

} // namespace

void TestResultFormatter::initTestCase()
{
    const Result<void> opened = test::open(m_connection);
    QVERIFY2(opened.ok(), test::describe(opened));
    Result<QueryResult> sample = test::run(m_connection, sampleQuery);
    QVERIFY2(sample.ok(), test::describe(sample));
    QCOMPARE(sample->rowCount(), 1);
    QCOMPARE(sample->bytes(0, 4), sampleTimestamp);
    m_sample = std::move(sample).value();
}

QList<qsizetype> TestResultFormatter::allRows(const QueryResult &result)
{
    QList<qsizetype> rows;
    for (qsizetype row = 0; row < result.rowCount(); ++row)
        rows.append(row);
    return rows;
}

void TestResultFormatter::tsv()
{
    ResultFormatter numbers(*m_sample, ResultFormat::Tsv, {0, 1, 2, 3, 4});
    QCOMPARE(numbers.format({0}),
             "9223372036854775807\t12345678901234567890.123456789\t0.1\tNaN\t" + sampleTimestamp);
    // Special characters quote a field; NULL is empty and the empty string "".
    ResultFormatter texts(*m_sample, ResultFormat::Tsv, {6, 7, 8, 9});
    QCOMPARE(texts.format({0}), "\"say \"\"hi\"\", then\nnew line\tand tab\"\t\t\"\"\tt");
    // Rows are separated, not terminated, so one row pastes without a trailing line break.
    ResultFormatter twice(*m_sample, ResultFormat::Tsv, {0, 9});
    QCOMPARE(twice.format({0, 0}), "9223372036854775807\tt\n9223372036854775807\tt");
}

void TestResultFormatter::csv()
{
    ResultFormatter formatter(*m_sample, ResultFormat::Csv, {0, 1, 3, 5, 6, 7, 8});
    QCOMPARE(formatter.format({0}),
             "big,num,nan,doc,t,nothing,empty\r\n"
             "9223372036854775807,12345678901234567890.123456789,NaN,"
             "\"{\"\"n\"\": 123456789012345678901234567890, \"\"s\"\": \"\"x\"\"}\","
             "\"say \"\"hi\"\", then\nnew line\tand tab\",,\"\"\r\n");
}

void TestResultFormatter::json()
{
    ResultFormatter formatter(*m_sample, ResultFormat::Json);
    const QByteArray json = formatter.format({0, 0});
    const QByteArray row = "{\"big\": 9223372036854775807, "
                           "\"num\": 12345678901234567890.123456789, "
                           "\"f\": 0.1, "
                           "\"nan\": \"NaN\", "
                           "\"ts\": \"" +
                           sampleTimestamp +
                           "\", "
                           "\"doc\": {\"n\": 123456789012345678901234567890, \"s\": \"x\"}, "
                           "\"t\": \"say \\\"hi\\\", then\\nnew line\\tand tab\", "
                           "\"nothing\": null, "
                           "\"empty\": \"\", "
                           "\"yes\": true}";
    QCOMPARE(json, "[\n  " + row + ",\n  " + row + "\n]\n");
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(ResultFormatter(*m_sample, ResultFormat::Json).format({}), "[]\n");
}

void TestResultFormatter::sqlInsert()
{
    ResultFormatter formatter(*m_sample, ResultFormat::SqlInsert, {0, 3, 4, 6, 7, 8, 9});
    QCOMPARE(formatter.format({0}),
             "INSERT INTO \"table_name\" (\"big\", \"nan\", \"ts\", \"t\", \"nothing\", \"empty\", "
             "\"yes\") VALUES (9223372036854775807, 'NaN', '" +
                 sampleTimestamp + "', 'say \"hi\", then\nnew line\tand tab', NULL, '', 't');\n");
    formatter.setTable(u"my schema"_s, u"it's \"t\""_s);
    QVERIFY(formatter.format({0}).startsWith(
        "INSERT INTO \"my schema\".\"it's \"\"t\"\"\" (\"big\", "));
}

void TestResultFormatter::slicesAddUpToTheWhole()
{
    const Result<QueryResult> rows = test::run(
        m_connection, u"SELECT g AS n, repeat('x,', g % 3) AS s FROM generate_series(1, 10) g"_s);
    QVERIFY2(rows.ok(), test::describe(rows));
    for (const ResultFormat format :
         {ResultFormat::Tsv, ResultFormat::Csv, ResultFormat::Json, ResultFormat::SqlInsert}) {
        ResultFormatter formatter(rows.value(), format);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(formatter.writeHeader(buffer));
        QVERIFY(formatter.writeRows(buffer, 0, 3));
        QVERIFY(formatter.writeRows(buffer, 3, 3));
        QVERIFY(formatter.writeRows(buffer, 3, 10));
        QVERIFY(formatter.writeFooter(buffer));
        QCOMPARE(buffer.data(),
                 ResultFormatter(rows.value(), format).format(allRows(rows.value())));
    }
}

// The strongest proof that nothing was lost: the server reads the INSERT statements back into a
// table of the same columns, and sends back the very same text.
void TestResultFormatter::insertStatementsRecreateTheRowsExactly()
{
    const QString query = uR"(
SELECT * FROM (VALUES
  (1, 9223372036854775807::bigint, (-32768)::smallint, 12345678901234567890.123456789::numeric,
   0.1::float8, 1.5::real, '2024-05-06 07:08:09.123456+02'::timestamptz,
   '{"n": 123456789012345678901234567890, "f": 1.0000000000000000000001}'::jsonb,
   E'it''s a "test", with\ttab\nand \\backslash ü😀'::text, '\xdeadbeef'::bytea, true,
   ARRAY[1, NULL, 3]::int[], '1 day 02:03:04.5'::interval),
  (2, (-9223372036854775807 - 1)::bigint, 32767::smallint, 'NaN'::numeric,
   '-Infinity'::float8, 'NaN'::real, NULL::timestamptz, 'null'::jsonb, ''::text, '\x'::bytea,
   false, '{}'::int[], NULL::interval),
  (3, NULL::bigint, NULL::smallint, (-0.000000000000000000001)::numeric, 1e300::float8,
   3.4028235e38::real, 'infinity'::timestamptz, '[1e400, "x"]'::jsonb, NULL::text,
   NULL::bytea, NULL::boolean, NULL::int[], '-177999999 years'::interval),
  (4, 0::bigint, 0::smallint, 'Infinity'::numeric, 5e-324::float8, '-0'::real,
   '-infinity'::timestamptz, '{}'::jsonb, 'NULL'::text, '\x00'::bytea, NULL::boolean,
   NULL::int[], '0'::interval)
) AS v(id, "Odd ""name""", small, num, f8, f4, ts, doc, txt, bin, flag, arr, span))"_s;
    const Result<QueryResult> original = test::run(m_connection, query + u" ORDER BY id"_s);
    QVERIFY2(original.ok(), test::describe(original));
    QCOMPARE(original->rowCount(), 4);

    const QString table = u"Round \"trip\", table"_s;
    const Result<QueryResult> created =
        test::run(m_connection,
                  u"CREATE TEMP TABLE %1 AS %2 WITH NO DATA"_s.arg(sqlIdentifier(table), query));
    QVERIFY2(created.ok(), test::describe(created));
    ResultFormatter formatter(original.value(), ResultFormat::SqlInsert);
    formatter.setTable(u"pg_temp"_s, table);
    const QByteArray inserts = formatter.format(allRows(original.value()));
    QCOMPARE(inserts.count("INSERT INTO"), 4);
    const Result<QueryResult> inserted = test::run(m_connection, QString::fromUtf8(inserts));
    QVERIFY2(inserted.ok(), test::describe(inserted));

    const Result<QueryResult> copy = test::run(
        m_connection, u"SELECT * FROM pg_temp.%1 ORDER BY id"_s.arg(sqlIdentifier(table)));
    QVERIFY2(copy.ok(), test::describe(copy));
    QCOMPARE(copy->rowCount(), original->rowCount());
    QCOMPARE(copy->columnCount(), original->columnCount());
    for (qsizetype row = 0; row < original->rowCount(); ++row) {
        for (int column = 0; column < original->columnCount(); ++column) {
            const QByteArray where =
                QByteArray::number(row) + "/" + original->columns()[column].name.toUtf8();
            QVERIFY2(copy->isNull(row, column) == original->isNull(row, column), where);
            QVERIFY2(copy->bytes(row, column) == original->bytes(row, column),
                     where + ": " + copy->bytes(row, column).toByteArray() +
                         " != " + original->bytes(row, column).toByteArray());
        }
    }
}

QTEST_GUILESS_MAIN(TestResultFormatter)
#include "tst_result_formatter.moc"
