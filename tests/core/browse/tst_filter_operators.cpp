#include "browse/filter_column_type.h"
#include "browse/filter_sql.h"
#include "browse/table_filter.h"
#include "values/sql_literal.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

// The parts of the table filter that need no server: operators per type, labels, literals and
// the parser's verdict on raw expressions. tst_table_filter runs the SQL on a real table.
class TestFilterOperators : public QObject
{
    Q_OBJECT
private slots:
    void operatorsFollowTheTypeFamily();
    void castTypesDropTheTypeModifier();
    void labelsAndValueCounts();
    void arrayLiteralQuotesEveryElement();
    void expressionsThatParseAreAccepted();
    void rawExpressionIsRefusedWithPosition_data();
    void rawExpressionIsRefusedWithPosition();
};

void TestFilterOperators::operatorsFollowTheTypeFamily()
{
    const QList<Op> ordered{Op::Equal,   Op::NotEqual,       Op::Less,    Op::LessOrEqual,
                            Op::Greater, Op::GreaterOrEqual, Op::Between, Op::In,
                            Op::IsNull,  Op::IsNotNull,      Op::Like,    Op::ILike,
                            Op::NotLike};
    const QList<Op> text{
        Op::Equal,   Op::NotEqual, Op::Like,        Op::ILike,   Op::NotLike,
        Op::In,      Op::Less,     Op::LessOrEqual, Op::Greater, Op::GreaterOrEqual,
        Op::Between, Op::IsNull,   Op::IsNotNull};
    const QList<Op> array{Op::ArrayContains, Op::ArrayContainedBy, Op::IsNull, Op::IsNotNull,
                          Op::Equal,         Op::NotEqual};
    const QList<Op> json{Op::JsonContains, Op::JsonHasKey, Op::JsonPathEquals, Op::IsNull,
                         Op::IsNotNull};
    for (const QString &type : {u"integer"_s, u"bigint"_s, u"numeric(10,2)"_s, u"date"_s,
                                u"timestamp(3) with time zone"_s, u"uuid"_s, u"interval"_s})
        QCOMPARE(operatorsFor(type), ordered);
    for (const QString &type :
         {u"text"_s, u"character varying(40)"_s, u"character(3)"_s, u"name"_s, u"citext"_s,
          u"ext.citext"_s, u"tfilter.mood"_s, u"\"My Domain\""_s})
        QCOMPARE(operatorsFor(type), text);
    for (const QString &type :
         {u"integer[]"_s, u"text[]"_s, u"character varying(20)[]"_s, u"tfilter.mood[]"_s})
        QCOMPARE(operatorsFor(type), array);
    QCOMPARE(operatorsFor(u"jsonb"_s), json);
    QCOMPARE(operatorsFor(u"json"_s), json);
    QCOMPARE(operatorsFor(u"boolean"_s),
             (QList<Op>{Op::Equal, Op::NotEqual, Op::IsNull, Op::IsNotNull}));
    QVERIFY(!operatorsFor(u"bytea"_s).contains(Op::Like));
    QVERIFY(operatorsFor(u"bytea"_s).contains(Op::Between));
    QCOMPARE(operatorsFor(u"point"_s),
             (QList<Op>{Op::IsNull, Op::IsNotNull, Op::Like, Op::ILike, Op::NotLike}));
}

void TestFilterOperators::castTypesDropTheTypeModifier()
{
    const auto cast = [](const QString &type) { return filterColumnType(type).castType; };
    QCOMPARE(cast(u"character varying(20)"_s), u"character varying"_s);
    QCOMPARE(cast(u"character varying(20)[]"_s), u"character varying[]"_s);
    QCOMPARE(cast(u"numeric(10,2)"_s), u"numeric"_s);
    QCOMPARE(cast(u"timestamp(3) with time zone"_s), u"timestamp with time zone"_s);
    QCOMPARE(cast(u"time(0) without time zone[]"_s), u"time without time zone[]"_s);
    QCOMPARE(cast(u"character(5)"_s), u"bpchar"_s);
    QCOMPARE(cast(u"bit(3)"_s), u"bit varying"_s);
    QCOMPARE(cast(u"interval year to month"_s), u"interval"_s);
    QCOMPARE(cast(u"interval(2)[]"_s), u"interval[]"_s);
    QCOMPARE(cast(u"public.geometry(Point,4326)"_s), u"public.geometry"_s);
    QCOMPARE(cast(u"tfilter.\"odd (5) \"\"name\"\"\""_s), u"tfilter.\"odd (5) \"\"name\"\"\""_s);
    QCOMPARE(filterColumnType(u"tfilter.\"odd[]\""_s).family, FilterTypeFamily::Unknown);
    // like on citext keeps citext's own case rules: no cast to text.
    QCOMPARE(filterColumnType(u"ext.citext"_s).family, FilterTypeFamily::Text);
    QCOMPARE(filterColumnType(u"tfilter.mood"_s).family, FilterTypeFamily::Unknown);
}

void TestFilterOperators::labelsAndValueCounts()
{
    const QList<std::pair<Op, QString>> labels{
        {Op::Equal, u"="_s},
        {Op::NotEqual, u"≠"_s},
        {Op::Less, u"<"_s},
        {Op::LessOrEqual, u"≤"_s},
        {Op::Greater, u">"_s},
        {Op::GreaterOrEqual, u"≥"_s},
        {Op::Between, u"between"_s},
        {Op::In, u"in"_s},
        {Op::IsNull, u"is null"_s},
        {Op::IsNotNull, u"is not null"_s},
        {Op::Like, u"like"_s},
        {Op::ILike, u"ilike"_s},
        {Op::NotLike, u"not like"_s},
        {Op::ArrayContains, u"contains"_s},
        {Op::ArrayContainedBy, u"is contained by"_s},
        {Op::JsonContains, u"contains"_s},
        {Op::JsonHasKey, u"has key"_s},
        {Op::JsonPathEquals, u"path ="_s},
    };
    for (const auto &[op, label] : labels)
        QCOMPARE(operatorLabel(op), label);
    QCOMPARE(valueCount(Op::In), -1);
    QCOMPARE(valueCount(Op::IsNull), 0);
    QCOMPARE(valueCount(Op::IsNotNull), 0);
    QCOMPARE(valueCount(Op::Between), 2);
    QCOMPARE(valueCount(Op::JsonPathEquals), 2);
    QCOMPARE(valueCount(Op::Equal), 1);
    QCOMPARE(valueCount(Op::JsonHasKey), 1);
}

void TestFilterOperators::arrayLiteralQuotesEveryElement()
{
    QCOMPARE(arrayLiteral({u"a b"_s, u"c\"d"_s, u"e\\f"_s, u"{g,h}"_s, u"NULL"_s, u""_s}),
             u"{\"a b\",\"c\\\"d\",\"e\\\\f\",\"{g,h}\",\"NULL\",\"\"}"_s);
    QCOMPARE(jsonPathLiteral(u"a.b.0"_s), u"{\"a\",\"b\",\"0\"}"_s);
    QCOMPARE(jsonPathLiteral(u"{a.b}"_s), u"{a.b}"_s);
    QCOMPARE(jsonPathLiteral(u""_s), u"{}"_s);
}

void TestFilterOperators::expressionsThatParseAreAccepted()
{
    for (const QString &expression :
         {u"true"_s, u"price > 2 AND label ILIKE 'a%'"_s, u"id < 3 -- a comment"_s,
          u"doc @> '{\"k\": 1}' OR doc ? 'k'"_s, u"id IN (SELECT 1) AND x::text = ';'"_s,
          u"\"odd; name\" = 'a'' OR 1=1; --'"_s, u"label = 'é🐘'"_s})
        QVERIFY2(!checkFilterExpression(expression).has_value(), qPrintable(expression));
}

void TestFilterOperators::rawExpressionIsRefusedWithPosition_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("position");
    QTest::newRow("a second statement") << u"1; DROP TABLE tfilter.y"_s << 2;
    QTest::newRow("a trailing semicolon") << u"true; "_s << 5;
    QTest::newRow("out of the parentheses") << u"true) OR (1"_s << 5;
    QTest::newRow("order by") << u"true ORDER BY 1"_s << 6;
    QTest::newRow("union") << u"true UNION SELECT 1"_s << 6;
    QTest::newRow("for update") << u"true FOR UPDATE"_s << 6;
    QTest::newRow("unfinished") << u"price >"_s << 8;
    QTest::newRow("unterminated string") << u"x = 'open"_s << 5;
    QTest::newRow("a parameter") << u"id = $1"_s << 6;
    QTest::newRow("empty") << u"   "_s << 1;
    QTest::newRow("after an accent") << u"label = 'é' AND AND"_s << 17;
    QTest::newRow("after an emoji") << u"label = '🐘' AND AND"_s << 18;
}

void TestFilterOperators::rawExpressionIsRefusedWithPosition()
{
    QFETCH(QString, expression);
    QFETCH(int, position);
    const std::optional<Error> refused = checkFilterExpression(expression);
    QVERIFY(refused.has_value());
    QCOMPARE(refused->where, u"expression"_s);
    QVERIFY(!refused->message.isEmpty());
    QCOMPARE(refused->position, position);
}

QTEST_GUILESS_MAIN(TestFilterOperators)
#include "tst_filter_operators.moc"
