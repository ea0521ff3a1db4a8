#include "browse/filter_check.h"
#include "catalog/catalog.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Op = FilterOperator;

class TestFilterCheck : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedValuesNameTheirCondition_data();
    void refusedValuesNameTheirCondition();
    void goodConditionsHaveNoProblem();
    void expressionErrorsComeWithTheirPosition_data();
    void expressionErrorsComeWithTheirPosition();
    void expressionIsPlannedNeverExecuted();
    void answersFromTheEventLoop();
    void destroyedContextNeverHearsBack();

private:
    QList<FilterProblem> check(ConnectionPool &pool, const TableFilter &filter);

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<ConnectionPool> m_readOnlyPool;
    TableDetails m_items;
};

void TestFilterCheck::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    PoolSettings readOnly;
    readOnly.readOnly = true;
    m_readOnlyPool = std::make_unique<ConnectionPool>(test::testParameters(), readOnly);
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS tfcheck CASCADE;
        CREATE SCHEMA tfcheck;
        CREATE TYPE tfcheck.mood AS ENUM ('sad', 'ok', 'happy');
        CREATE SEQUENCE tfcheck.s;
        CREATE TABLE tfcheck.items (id int PRIMARY KEY, label text, day date, nums int[],
                                    doc jsonb, uid uuid, mood tfcheck.mood, note text);
        INSERT INTO tfcheck.items VALUES (1, 'apple', '2024-01-01', '{1}', '{}',
                                          gen_random_uuid(), 'ok', NULL);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    Catalog catalog(m_pool.get());
    auto details = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(u"tfcheck"_s, u"items"_s, this, done); });
    QVERIFY2(details.ok(), test::describe(details).constData());
    m_items = details.value();
}

QList<FilterProblem> TestFilterCheck::check(ConnectionPool &pool, const TableFilter &filter)
{
    std::optional<QList<FilterProblem>> problems;
    checkFilterValues(&pool, filter, m_items, this,
                      [&problems](QList<FilterProblem> found) { problems = std::move(found); });
    if (!QTest::qWaitFor([&problems] { return problems.has_value(); }, 30'000))
        qFatal("checkFilterValues never answered");
    return *problems;
}

void TestFilterCheck::refusedValuesNameTheirCondition_data()
{
    QTest::addColumn<bool>("readOnlyProfile");
    QTest::newRow("read-write profile") << false;
    // The pool's sealed read-only transaction: each check behind its own savepoint.
    QTest::newRow("read-only profile") << true;
}

void TestFilterCheck::refusedValuesNameTheirCondition()
{
    QFETCH(bool, readOnlyProfile);
    TableFilter filter;
    filter.conditions = {
        {u"id"_s, Op::Equal, {u"1"_s}},                              // 0 good
        {u"id"_s, Op::Equal, {u"abc"_s}},                            // 1
        {u"label"_s, Op::Like, {u"x%"_s}},                           // 2 good
        {u"day"_s, Op::Between, {u"2024-01-01"_s, u"not a date"_s}}, // 3
        {u"nums"_s, Op::ArrayContains, {u"{1,x}"_s}},                // 4
        {u"id"_s, Op::In, {u"1"_s, u"2x"_s}},                        // 5
        {u"nope"_s, Op::Equal, {u"1"_s}},                            // 6 no such column
        {u"note"_s, Op::IsNull, {}},                                 // 7 good
        {u"doc"_s, Op::JsonContains, {u"{bad json"_s}},              // 8
        {u"doc"_s, Op::JsonPathEquals, {u"{a,b"_s, u"1"_s}},         // 9
        {u"uid"_s, Op::Equal, {u"not-a-uuid"_s}},                    // 10
        {u"mood"_s, Op::In, {u"ok"_s, u"angry"_s}},                  // 11
        {u"day"_s, Op::GreaterOrEqual, {u"2024-02-30"_s}},           // 12
        {u"id"_s, Op::Less, {u"99999999999"_s}},                     // 13
        {u"day"_s, Op::Equal, {u"2024-02-29"_s}},                    // 14 good
    };
    const QList<FilterProblem> problems =
        check(readOnlyProfile ? *m_readOnlyPool : *m_pool, filter);
    const QList<std::pair<int, QString>> expected{
        {1, u"22P02"_s},  {3, u"22007"_s},  {4, u"22P02"_s}, {5, u"22P02"_s},
        {6, QString()},   {8, u"22P02"_s},  {9, u"22P02"_s}, {10, u"22P02"_s},
        {11, u"22P02"_s}, {12, u"22008"_s}, {13, u"22003"_s}};
    QCOMPARE(problems.size(), expected.size());
    for (qsizetype i = 0; i < problems.size(); ++i) {
        const FilterProblem &problem = problems.at(i);
        QCOMPARE(problem.condition, expected.at(i).first);
        QCOMPARE(problem.error.where, u"condition %1"_s.arg(problem.condition + 1));
        QCOMPARE(problem.error.sqlState, expected.at(i).second);
        QVERIFY(!problem.error.message.isEmpty());
        QCOMPARE(problem.error.position, -1);
    }
    // The server's own words.
    QCOMPARE(problems.at(0).error.message, u"invalid input syntax for type integer: \"abc\""_s);
    QVERIFY2(problems.at(1).error.message.contains(u"not a date"),
             qPrintable(problems.at(1).error.message));
    QVERIFY2(problems.at(2).error.message.contains(u"\"x\""),
             qPrintable(problems.at(2).error.message));
    QVERIFY2(problems.at(4).error.message.contains(u"\"nope\""),
             qPrintable(problems.at(4).error.message));
    QVERIFY2(problems.at(5).error.message.contains(u"json"),
             qPrintable(problems.at(5).error.message));
    QVERIFY2(problems.at(8).error.message.contains(u"angry"),
             qPrintable(problems.at(8).error.message));
}

void TestFilterCheck::goodConditionsHaveNoProblem()
{
    TableFilter filter;
    filter.conditions = {{u"id"_s, Op::Between, {u"1"_s, u"10"_s}},
                         {u"label"_s, Op::In, {u"a,b"_s, u"c\"d"_s, u"e\\f"_s}},
                         {u"nums"_s, Op::ArrayContainedBy, {u"{1,2}"_s}},
                         {u"doc"_s, Op::JsonPathEquals, {u"a.b.0"_s, u"x"_s}},
                         {u"mood"_s, Op::Greater, {u"sad"_s}},
                         {u"note"_s, Op::IsNotNull, {}}};
    QCOMPARE(check(*m_pool, filter).size(), 0);
    QCOMPARE(check(*m_readOnlyPool, filter).size(), 0);
    QCOMPARE(check(*m_pool, TableFilter{}).size(), 0);
}

void TestFilterCheck::expressionErrorsComeWithTheirPosition_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<int>("position");
    QTest::newRow("fine") << u"id > 0 AND label ILIKE 'a%'"_s << QString() << 0;
    QTest::newRow("unknown column") << u"nope = 1"_s << u"42703"_s << 1;
    QTest::newRow("unknown column after an accent")
        << u"label = 'é🐘' AND nope = 1"_s << u"42703"_s << 19;
    QTest::newRow("no such operator") << u"id > 0 AND label + 1 > 0"_s << u"42883"_s << 18;
    QTest::newRow("not a boolean") << u"id"_s << u"42804"_s << 1;
    QTest::newRow("a bad literal") << u"day = 'soon'"_s << u"22007"_s << 7;
    // Refused by the parser before the server is asked: no SQLSTATE.
    QTest::newRow("not one expression") << u"true) OR (1"_s << QString() << 5;
}

void TestFilterCheck::expressionErrorsComeWithTheirPosition()
{
    QFETCH(QString, expression);
    QFETCH(QString, sqlState);
    QFETCH(int, position);
    TableFilter filter;
    filter.expression = expression;
    // Conditions are replaced by the expression, so a bad one is not reported.
    filter.conditions = {{u"id"_s, Op::Equal, {u"abc"_s}}};
    for (ConnectionPool *pool : {m_pool.get(), m_readOnlyPool.get()}) {
        const QList<FilterProblem> problems = check(*pool, filter);
        if (position == 0) {
            QCOMPARE(problems.size(), 0);
            continue;
        }
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().condition, -1);
        QCOMPARE(problems.first().error.where, u"expression"_s);
        QCOMPARE(problems.first().error.sqlState, sqlState);
        QCOMPARE(problems.first().error.position, position);
    }
}

void TestFilterCheck::expressionIsPlannedNeverExecuted()
{
    TableFilter filter;
    filter.expression = u"nextval('tfcheck.s') > 0 AND id > 0"_s;
    QCOMPARE(check(*m_pool, filter).size(), 0);
    const auto sequence = test::run(*m_pool, u"SELECT is_called FROM tfcheck.s"_s);
    QVERIFY2(sequence.ok(), test::describe(sequence).constData());
    QCOMPARE(sequence->text(0, 0), u"f"_s);
}

void TestFilterCheck::answersFromTheEventLoop()
{
    TableFilter filter;
    filter.conditions = {{u"nope"_s, Op::Equal, {u"1"_s}}}; // answered without the server
    bool answered = false;
    QList<FilterProblem> problems;
    checkFilterValues(m_pool.get(), filter, m_items, this, [&](QList<FilterProblem> found) {
        answered = true;
        problems = std::move(found);
    });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().condition, 0);
    QCOMPARE(problems.first().error.where, u"condition 1"_s);
}

void TestFilterCheck::destroyedContextNeverHearsBack()
{
    TableFilter filter;
    filter.conditions = {{u"id"_s, Op::Equal, {u"abc"_s}}, {u"day"_s, Op::Equal, {u"x"_s}}};
    bool answered = false;
    auto context = std::make_unique<QObject>();
    checkFilterValues(m_pool.get(), filter, m_items, context.get(),
                      [&answered](QList<FilterProblem>) { answered = true; });
    context.reset();
    // A later check on the same pool completes; the first one stays silent, and the pool is
    // left with every connection idle.
    filter.conditions = {{u"id"_s, Op::Equal, {u"abc"_s}}};
    QCOMPARE(check(*m_pool, filter).size(), 1);
    QTRY_COMPARE(m_pool->stats().active, 0);
    QVERIFY(!answered);
}

QTEST_GUILESS_MAIN(TestFilterCheck)
#include "tst_filter_check.moc"
