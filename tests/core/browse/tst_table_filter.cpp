#include "browse/filter_sql.h"
#include "browse/table_filter.h"
#include "catalog/catalog.h"
#include "test_database.h"
#include "values/sql_literal.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

Q_DECLARE_METATYPE(mizzle::FilterOperator)

class TestTableFilter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void catalogTypesGetTheirOperators();
    void arrayLiteralReadsBackExactly();
    void everyOperatorFilters_data();
    void everyOperatorFilters();
    void conditionsJoinWithAndOrOr();
    void emptyFilterGivesEmptySql();
    void parametersNumberFromFirstParameter();
    void badConditionsNameTheConditionAndColumn();
    void rawExpressionIsAccepted();
    void refusedExpressionIsNoSql();
    void valuesAndNamesOnlyEverFilter();

private:
    TableDetails describe(const QString &table);
    Result<QStringList> firstColumn(const TableFilter &filter, const TableDetails &table);
    Result<QList<int>> ids(const TableFilter &filter);

    std::unique_ptr<ConnectionPool> m_pool;
    ConnectionPool::Lease m_lease;
    TableDetails m_items;
};

void TestTableFilter::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS tfilter CASCADE;
        CREATE SCHEMA tfilter;
        CREATE TYPE tfilter.mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE tfilter.items (
            id int PRIMARY KEY, big bigint, price numeric(10,2), label text,
            code varchar(20), flag boolean, day date, at timestamptz, uid uuid, nums int[],
            tags text[], doc jsonb, raw json, mood tfilter.mood, note text, initials char(5),
            bits bit(3));
        INSERT INTO tfilter.items VALUES
          (1, 10, 1.50, 'apple', 'abcdefghijklmnopqrst', true, '2024-01-01',
           '2024-01-01 10:00+00', '00000000-0000-0000-0000-000000000001', '{1,2,3}',
           '{"a b","c\"d"}', '{"a": {"b": [1, 2]}, "k": 1}', '{"a": {"b": [1, 2]}}', 'sad',
           NULL, 'ab', '101'),
          (2, 20, 2.25, 'Apple pie', 'B-2', false, '2024-02-15', '2024-02-15 12:30+00',
           '00000000-0000-0000-0000-000000000002', '{2,3}', '{"x,y","{brace}"}',
           '{"a": {"b": [3]}, "a.b": "dot"}', '{"k": "v"}', 'ok', 'second', 'abcde', '011'),
          (3, 30, 10.00, 'banana', 'C-3', NULL, '2024-03-31', '2024-03-31 23:00+00',
           '00000000-0000-0000-0000-000000000003', '{}', '{"back\\slash"," spaced ","NULL"}',
           '{"k": "v"}', NULL, 'happy', NULL, NULL, NULL),
          (4, 40, 100.00, '100%_done', 'D-4', true, '2025-01-01', '2025-01-01 00:00+00',
           NULL, NULL, NULL, NULL, NULL, NULL, 'fourth', NULL, NULL),
          (5, 50, NULL, '1); DROP TABLE y; --', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL),
          (6, 60, NULL, 'it''s "quoted" \ {x,y} ', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL);
        CREATE TABLE tfilter.y (v int);
        CREATE TABLE tfilter."x""; DROP TABLE y; --" ("x""; DROP TABLE y; --" text);
        INSERT INTO tfilter."x""; DROP TABLE y; --" VALUES ('a'), ('1); DROP TABLE y; --');)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    auto lease = test::acquire(*m_pool, this);
    QVERIFY2(lease.ok(), test::describe(lease).constData());
    m_lease = lease.value();
    m_items = describe(u"items"_s);
}

TableDetails TestTableFilter::describe(const QString &table)
{
    Catalog catalog(m_pool.get());
    auto details = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(u"tfilter"_s, table, this, done); });
    if (!details.ok())
        qFatal("%s", qPrintable(details.error().toString()));
    return details.value();
}

// The first column of the rows the filter lets through, in its order, by running the fragment
// on the real table.
Result<QStringList> TestTableFilter::firstColumn(const TableFilter &filter,
                                                 const TableDetails &table)
{
    Result<SqlFragment> fragment = filterSql(filter, table, *m_lease);
    if (!fragment.ok())
        return fragment.error();
    const QString key = m_lease->quoteIdentifier(table.columns.first().name);
    const QString from =
        m_lease->quoteIdentifier(table.schema) + u'.' + m_lease->quoteIdentifier(table.name);
    QString sql = u"SELECT %1 FROM %2"_s.arg(key, from);
    if (!fragment->sql.isEmpty())
        sql += u" WHERE "_s + fragment->sql;
    Result<QueryResult> rows = test::run(*m_pool, sql + u" ORDER BY 1"_s, fragment->parameters);
    if (!rows.ok())
        return rows.error();
    QStringList found;
    for (qsizetype row = 0; row < rows->rowCount(); ++row)
        found.append(rows->text(row, 0));
    return found;
}

Result<QList<int>> TestTableFilter::ids(const TableFilter &filter)
{
    Result<QStringList> found = firstColumn(filter, m_items);
    if (!found.ok())
        return found.error();
    QList<int> numbers;
    for (const QString &id : std::as_const(found.value()))
        numbers.append(id.toInt());
    return numbers;
}

void TestTableFilter::catalogTypesGetTheirOperators()
{
    // The types as the catalog reads them are the texts operatorsFor expects.
    QCOMPARE(m_items.columns.at(2).type, u"numeric(10,2)"_s);
    QCOMPARE(m_items.columns.at(13).type, u"tfilter.mood"_s);
    for (const ColumnInfo &column : std::as_const(m_items.columns))
        QVERIFY2(operatorsFor(column.type).contains(Op::IsNull), qPrintable(column.type));
    QVERIFY(operatorsFor(m_items.columns.at(13).type).contains(Op::Like));
    QVERIFY(operatorsFor(m_items.columns.at(9).type).contains(Op::ArrayContains)); // nums
    QVERIFY(operatorsFor(m_items.columns.at(11).type).contains(Op::JsonHasKey));   // doc
}

void TestTableFilter::arrayLiteralReadsBackExactly()
{
    // The server reads each element back exactly.
    const QStringList elements{u"a b"_s, u"c\"d"_s, u"e\\f"_s, u"{g,h}"_s, u"NULL"_s, u" x "_s};
    const auto read = test::run(*m_pool, u"SELECT unnest($1::text[])"_s, {arrayLiteral(elements)});
    QVERIFY2(read.ok(), test::describe(read).constData());
    QCOMPARE(read->rowCount(), elements.size());
    for (int i = 0; i < elements.size(); ++i) {
        QVERIFY(!read->isNull(i, 0));
        QCOMPARE(read->text(i, 0), elements.at(i));
    }
}

void TestTableFilter::everyOperatorFilters_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<Op>("op");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QList<int>>("expected");
    const auto row = [](const char *name, const QString &column, Op op, const QStringList &values,
                        const QList<int> &expected) {
        QTest::newRow(name) << column << op << values << expected;
    };
    const QString uuid = u"00000000-0000-0000-0000-00000000000"_s;
    row("int =", u"id"_s, Op::Equal, {u"3"_s}, {3});
    row("int ≠", u"id"_s, Op::NotEqual, {u"3"_s}, {1, 2, 4, 5, 6});
    row("int <", u"id"_s, Op::Less, {u"3"_s}, {1, 2});
    row("int ≤", u"id"_s, Op::LessOrEqual, {u"3"_s}, {1, 2, 3});
    row("int >", u"id"_s, Op::Greater, {u"4"_s}, {5, 6});
    row("int ≥", u"id"_s, Op::GreaterOrEqual, {u"4"_s}, {4, 5, 6});
    row("int between", u"id"_s, Op::Between, {u"2"_s, u"4"_s}, {2, 3, 4});
    row("int in", u"id"_s, Op::In, {u"1"_s, u"5"_s, u" 6"_s}, {1, 5, 6});
    row("int like as text", u"id"_s, Op::Like, {u"%5"_s}, {5});
    row("bigint in", u"big"_s, Op::In, {u"10"_s, u"30"_s}, {1, 3});
    row("numeric >", u"price"_s, Op::Greater, {u"2"_s}, {2, 3, 4});
    row("numeric =", u"price"_s, Op::Equal, {u"1.5"_s}, {1});
    // Cast to numeric(10,2), 1.504 would round to 1.50 and match row 1.
    row("numeric = is not rounded", u"price"_s, Op::Equal, {u"1.504"_s}, {});
    row("numeric between", u"price"_s, Op::Between, {u"2"_s, u"10"_s}, {2, 3});
    row("numeric is null", u"price"_s, Op::IsNull, {}, {5, 6});
    row("text =", u"label"_s, Op::Equal, {u"apple"_s}, {1});
    row("text like", u"label"_s, Op::Like, {u"a%"_s}, {1});
    row("text ilike", u"label"_s, Op::ILike, {u"a%"_s}, {1, 2});
    row("text not like", u"label"_s, Op::NotLike, {u"%a%"_s}, {2, 4, 5, 6});
    row("text like escapes", u"label"_s, Op::Like, {u"100\\%\\_%"_s}, {4});
    row("text in quoted", u"label"_s, Op::In,
        {u"it's \"quoted\" \\ {x,y} "_s, u"1); DROP TABLE y; --"_s, u"NULL"_s, u"a,pple"_s},
        {5, 6});
    row("varchar between", u"code"_s, Op::Between, {u"B"_s, u"D"_s}, {2, 3});
    row("varchar =", u"code"_s, Op::Equal, {u"abcdefghijklmnopqrst"_s}, {1});
    // Cast to varchar(20), the value would be cut to the 20 characters of row 1.
    row("varchar = is not cut", u"code"_s, Op::Equal, {u"abcdefghijklmnopqrstuvwxyz"_s}, {});
    row("varchar in", u"code"_s, Op::In, {u"B-2"_s, u"D-4"_s, u"x,y"_s}, {2, 4});
    row("boolean =", u"flag"_s, Op::Equal, {u"true"_s}, {1, 4});
    row("boolean ≠", u"flag"_s, Op::NotEqual, {u"true"_s}, {2});
    row("boolean is null", u"flag"_s, Op::IsNull, {}, {3, 5, 6});
    row("date <", u"day"_s, Op::Less, {u"2024-03-01"_s}, {1, 2});
    row("date between", u"day"_s, Op::Between, {u"2024-02-01"_s, u"2024-12-31"_s}, {2, 3});
    row("date like as text", u"day"_s, Op::Like, {u"2024-%"_s}, {1, 2, 3});
    row("timestamptz ≥", u"at"_s, Op::GreaterOrEqual, {u"2024-03-31 22:00+00"_s}, {3, 4});
    row("timestamptz between", u"at"_s, Op::Between,
        {u"2024-01-01 09:00+00"_s, u"2024-02-15 12:30+00"_s}, {1, 2});
    row("uuid =", u"uid"_s, Op::Equal, {uuid + u'2'}, {2});
    row("uuid in", u"uid"_s, Op::In, {uuid + u'1', uuid + u'3'}, {1, 3});
    row("uuid like as text", u"uid"_s, Op::Like, {u"%3"_s}, {3});
    row("int[] contains", u"nums"_s, Op::ArrayContains, {u"{2}"_s}, {1, 2});
    row("int[] is contained by", u"nums"_s, Op::ArrayContainedBy, {u"{1,2,3,4}"_s}, {1, 2, 3});
    row("int[] =", u"nums"_s, Op::Equal, {u"{2,3}"_s}, {2});
    row("int[] ≠", u"nums"_s, Op::NotEqual, {u"{2,3}"_s}, {1, 3});
    row("int[] is null", u"nums"_s, Op::IsNull, {}, {4, 5, 6});
    row("int[] is not null", u"nums"_s, Op::IsNotNull, {}, {1, 2, 3});
    row("text[] contains a quote", u"tags"_s, Op::ArrayContains, {u"{\"c\\\"d\"}"_s}, {1});
    row("text[] contains commas and braces", u"tags"_s, Op::ArrayContains,
        {u"{\"x,y\",\"{brace}\"}"_s}, {2});
    row("text[] contains a backslash", u"tags"_s, Op::ArrayContains,
        {u"{\"back\\\\slash\",\" spaced \"}"_s}, {3});
    row("jsonb contains", u"doc"_s, Op::JsonContains, {u"{\"k\": 1}"_s}, {1});
    row("jsonb contains nested", u"doc"_s, Op::JsonContains, {u"{\"a\": {\"b\": [3]}}"_s}, {2});
    row("jsonb has key", u"doc"_s, Op::JsonHasKey, {u"k"_s}, {1, 3});
    row("jsonb path dotted", u"doc"_s, Op::JsonPathEquals, {u"a.b.0"_s, u"1"_s}, {1});
    row("jsonb path as array", u"doc"_s, Op::JsonPathEquals, {u"{a,b,0}"_s, u"3"_s}, {2});
    row("jsonb path key with a dot", u"doc"_s, Op::JsonPathEquals, {u"{a.b}"_s, u"dot"_s}, {2});
    row("jsonb is null", u"doc"_s, Op::IsNull, {}, {4, 5, 6});
    row("json contains", u"raw"_s, Op::JsonContains, {u"{\"k\": \"v\"}"_s}, {2});
    row("json has key", u"raw"_s, Op::JsonHasKey, {u"a"_s}, {1});
    row("json path", u"raw"_s, Op::JsonPathEquals, {u"a.b.1"_s, u"2"_s}, {1});
    row("enum =", u"mood"_s, Op::Equal, {u"ok"_s}, {2});
    row("enum > follows the enum's order", u"mood"_s, Op::Greater, {u"sad"_s}, {2, 3});
    row("enum in", u"mood"_s, Op::In, {u"sad"_s, u"happy"_s}, {1, 3});
    row("enum like as text", u"mood"_s, Op::Like, {u"h%"_s}, {3});
    row("enum is not null", u"mood"_s, Op::IsNotNull, {}, {1, 2, 3});
    row("nullable is null", u"note"_s, Op::IsNull, {}, {1, 3, 5, 6});
    row("nullable is not null", u"note"_s, Op::IsNotNull, {}, {2, 4});
    row("nullable ilike", u"note"_s, Op::ILike, {u"%TH"_s}, {4});
    row("char = ignores padding", u"initials"_s, Op::Equal, {u"ab"_s}, {1});
    // Cast to char(5) or bit(3), the value would be cut and match row 2 or row 1.
    row("char = is not cut", u"initials"_s, Op::Equal, {u"abcdefg"_s}, {});
    row("char like", u"initials"_s, Op::Like, {u"ab%"_s}, {1, 2});
    row("bit =", u"bits"_s, Op::Equal, {u"101"_s}, {1});
    row("bit = is not cut", u"bits"_s, Op::Equal, {u"1011"_s}, {});
    row("bit in", u"bits"_s, Op::In, {u"101"_s, u"011"_s}, {1, 2});
}

void TestTableFilter::everyOperatorFilters()
{
    QFETCH(QString, column);
    QFETCH(Op, op);
    QFETCH(QStringList, values);
    QFETCH(QList<int>, expected);
    TableFilter filter;
    filter.conditions = {{column, op, values}};
    const Result<QList<int>> found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), expected);
}

void TestTableFilter::conditionsJoinWithAndOrOr()
{
    TableFilter filter;
    filter.conditions = {{u"flag"_s, Op::Equal, {u"true"_s}},
                         {u"price"_s, Op::Between, {u"1"_s, u"50"_s}},
                         {u"note"_s, Op::IsNull, {}}};
    Result<QList<int>> found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), QList<int>{1});
    filter.matchAny = true;
    found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), (QList<int>{1, 2, 3, 4, 5, 6}));
    filter.conditions = {{u"id"_s, Op::Between, {u"1"_s, u"2"_s}},
                         {u"id"_s, Op::Between, {u"5"_s, u"6"_s}}};
    found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), (QList<int>{1, 2, 5, 6}));
}

void TestTableFilter::emptyFilterGivesEmptySql()
{
    TableFilter filter;
    QVERIFY(filter.isEmpty());
    filter.expression = u"  \n "_s;
    QVERIFY(filter.isEmpty());
    const Result<SqlFragment> fragment = filterSql(filter, m_items, *m_lease);
    QVERIFY(fragment.ok());
    QVERIFY(fragment->sql.isEmpty());
    QVERIFY(fragment->parameters.isEmpty());
    filter.conditions = {{u"note"_s, Op::IsNull, {}}};
    QVERIFY(!filter.isEmpty());
}

void TestTableFilter::parametersNumberFromFirstParameter()
{
    TableFilter filter;
    filter.conditions = {{u"id"_s, Op::Between, {u"1"_s, u"4"_s}},
                         {u"note"_s, Op::IsNotNull, {}},
                         {u"label"_s, Op::In, {u"Apple pie"_s, u"c"_s}},
                         {u"doc"_s, Op::JsonPathEquals, {u"a.b"_s, u"[3]"_s}}};
    const Result<SqlFragment> fragment = filterSql(filter, m_items, *m_lease, 3);
    QVERIFY2(fragment.ok(), test::describe(fragment).constData());
    QCOMPARE(fragment->sql,
             u"(\"id\" BETWEEN $3::integer AND $4::integer AND \"note\" IS NOT NULL AND "
             u"\"label\" = ANY($5::text[]) AND (\"doc\" #>> $6::text[]) = $7::text)"_s);
    QCOMPARE(fragment->parameters,
             (PgConnection::Parameters{u"1"_s, u"4"_s, u"{\"Apple pie\",\"c\"}"_s,
                                       u"{\"a\",\"b\"}"_s, u"[3]"_s}));
    // The lead's page reader puts its own $1, $2 first: the fragment must run after them.
    const auto rows = test::run(
        *m_pool, u"SELECT id FROM tfilter.items WHERE id > $1 AND id < $2 AND "_s + fragment->sql,
        PgConnection::Parameters{u"0"_s, u"9"_s} + fragment->parameters);
    QVERIFY2(rows.ok(), test::describe(rows).constData());
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->text(0, 0), u"2"_s);
}

void TestTableFilter::badConditionsNameTheConditionAndColumn()
{
    const auto problem = [this](const FilterCondition &bad) {
        TableFilter filter;
        filter.conditions = {{u"id"_s, Op::Equal, {u"1"_s}}, bad};
        const Result<SqlFragment> fragment = filterSql(filter, m_items, *m_lease);
        return fragment.ok() ? Error{} : fragment.error();
    };
    Error error = problem({u"nope"_s, Op::Equal, {u"1"_s}});
    QCOMPARE(error.where, u"condition 2"_s);
    QVERIFY2(error.message.contains(u"\"nope\""), qPrintable(error.message));
    error = problem({u"price"_s, Op::Between, {u"1"_s}});
    QCOMPARE(error.where, u"condition 2"_s);
    QVERIFY2(error.message.contains(u"\"price\"") && error.message.contains(u"2 values"),
             qPrintable(error.message));
    error = problem({u"label"_s, Op::In, {}});
    QVERIFY2(error.message.contains(u"\"label\"") && error.message.contains(u"one value or more"),
             qPrintable(error.message));
    error = problem({u"note"_s, Op::IsNull, {u"x"_s}});
    QVERIFY2(error.message.contains(u"no value"), qPrintable(error.message));
    error = problem({u"id"_s, Op::ArrayContains, {u"{1}"_s}});
    QCOMPARE(error.where, u"condition 2"_s);
    QVERIFY2(error.message.contains(u"\"id\"") && error.message.contains(u"integer"),
             qPrintable(error.message));
    error = problem({u"doc"_s, Op::Less, {u"1"_s}});
    QVERIFY2(error.message.contains(u"\"doc\""), qPrintable(error.message));
    error = problem({u"flag"_s, Op::Like, {u"t%"_s}});
    QVERIFY2(error.message.contains(u"\"flag\""), qPrintable(error.message));
}

void TestTableFilter::rawExpressionIsAccepted()
{
    TableFilter filter;
    filter.expression = u"price > 2 AND label ILIKE 'a%'"_s;
    QCOMPARE(checkFilterExpression(filter.expression), std::nullopt);
    Result<QList<int>> found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), QList<int>{2});

    // A trailing comment cannot swallow the closing parenthesis.
    filter.expression = u"id < 3 -- the first two"_s;
    QCOMPARE(checkFilterExpression(filter.expression), std::nullopt);
    found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), (QList<int>{1, 2}));

    // The expression replaces the conditions.
    filter.expression = u"id = 1 OR mood = 'happy'"_s;
    filter.conditions = {{u"id"_s, Op::Equal, {u"6"_s}}};
    found = ids(filter);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), (QList<int>{1, 3}));
    const Result<SqlFragment> fragment = filterSql(filter, m_items, *m_lease, 4);
    QVERIFY(fragment.ok());
    QCOMPARE(fragment->sql, u"(id = 1 OR mood = 'happy'\n)"_s);
    QVERIFY(fragment->parameters.isEmpty());
}

void TestTableFilter::refusedExpressionIsNoSql()
{
    for (const QString &expression :
         {u"1; DROP TABLE tfilter.y"_s, u"true) OR (1"_s, u"true ORDER BY 1"_s, u"id = $1"_s}) {
        TableFilter filter;
        filter.expression = expression;
        const Result<SqlFragment> fragment = filterSql(filter, m_items, *m_lease);
        QVERIFY2(!fragment.ok(), qPrintable(expression));
        QCOMPARE(fragment.error().where, u"expression"_s);
        QCOMPARE(fragment.error().position, checkFilterExpression(expression)->position);
    }
}

void TestTableFilter::valuesAndNamesOnlyEverFilter()
{
    const QString attack = u"1); DROP TABLE y; --"_s;
    for (const Op op : {Op::Equal, Op::Like, Op::ILike, Op::In, Op::GreaterOrEqual}) {
        TableFilter filter;
        filter.conditions = {{u"label"_s, op, {attack}}};
        const Result<QList<int>> found = ids(filter);
        QVERIFY2(found.ok(), test::describe(found).constData());
        QCOMPARE(found->contains(5), true);
        QVERIFY(op == Op::GreaterOrEqual || found.value() == QList<int>{5});
    }
    TableFilter quoteAttack;
    quoteAttack.conditions = {{u"label"_s, Op::Equal, {u"' OR '1'='1"_s}},
                              {u"doc"_s, Op::JsonHasKey, {u"k' OR true --"_s}}};
    quoteAttack.matchAny = true;
    Result<QList<int>> found = ids(quoteAttack);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found.value(), QList<int>{});

    const QString name = u"x\"; DROP TABLE y; --"_s;
    const TableDetails weird = describe(name);
    QCOMPARE(weird.columns.size(), 1);
    QCOMPARE(weird.columns.first().name, name);
    TableFilter filter;
    filter.conditions = {{name, Op::Equal, {attack}}};
    Result<QStringList> rows = firstColumn(filter, weird);
    QVERIFY2(rows.ok(), test::describe(rows).constData());
    QCOMPARE(rows.value(), QStringList{attack});
    filter.conditions = {{name, Op::Like, {u"%"_s}}, {name, Op::In, {u"a"_s, attack}}};
    rows = firstColumn(filter, weird);
    QVERIFY2(rows.ok(), test::describe(rows).constData());
    QCOMPARE(rows->size(), 2);

    const auto survived = test::run(
        *m_pool,
        u"SELECT to_regclass('tfilter.y') IS NOT NULL, (SELECT count(*) FROM "
        u"tfilter.items), to_regclass('tfilter.\"x\"\"; DROP TABLE y; --\"') IS NOT NULL"_s);
    QVERIFY2(survived.ok(), test::describe(survived).constData());
    QCOMPARE(survived->text(0, 0), u"t"_s);
    QCOMPARE(survived->text(0, 1), u"6"_s);
    QCOMPARE(survived->text(0, 2), u"t"_s);
}

QTEST_GUILESS_MAIN(TestTableFilter)
#include "tst_table_filter.moc"
