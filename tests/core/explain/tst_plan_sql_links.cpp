#include "connection/connection_pool.h"
#include "explain/plan_json_parser.h"
#include "explain/plan_sql_links.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// Plans from the fixture server, tied back to the SQL they came from.
class TestPlanSqlLinks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void joinTiesTablesAndConditionsToTheirNodes();
    void plainExplainTiesUnqualifiedFilters();
    void cteAndMultibyteTextKeepTheirPlaces();
    void inSubqueryTiesToItsSemiJoin();
    void partitionsTieToTheirTable();
    void positionsLeadBackToNodes();
    void textThatDoesNotParseHasNoLinks();

private:
    struct Linked
    {
        Plan plan;
        std::vector<FlatPlanNode> nodes;
        PlanSqlLinks links;
    };
    void explain(const QString &settings, const QString &options, const QString &sql, Linked &out);
    static int find(const Linked &linked, const QString &type, const QString &alias = {});
    static QStringList textsOf(const Linked &linked, int id, const QString &sql);

    std::unique_ptr<ConnectionPool> m_pool;
};

void TestPlanSqlLinks::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS links_test CASCADE;
        CREATE SCHEMA links_test;
        CREATE TABLE links_test.authors AS
            SELECT i AS id, 'author ' || i AS name FROM generate_series(1, 2000) i;
        CREATE TABLE links_test.posts AS
            SELECT i AS id, i % 2000 + 1 AS author_id, 'post ' || i AS title, i % 50 AS score
            FROM generate_series(1, 20000) i;
        CREATE INDEX ON links_test.posts (author_id);
        CREATE TABLE links_test.events (id int, kind int) PARTITION BY RANGE (id);
        CREATE TABLE links_test.events_low PARTITION OF links_test.events FOR VALUES FROM (0) TO (500);
        CREATE TABLE links_test.events_high PARTITION OF links_test.events FOR VALUES FROM (500) TO (1000);
        INSERT INTO links_test.events SELECT i, i % 10 FROM generate_series(0, 999) i;
        ANALYZE links_test.events;
        ANALYZE links_test.authors, links_test.posts;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestPlanSqlLinks::explain(const QString &settings, const QString &options, const QString &sql,
                               Linked &out)
{
    const auto explained = test::runScript(*m_pool, u"RESET ALL; "_s + settings + u" EXPLAIN ("_s +
                                                        options + u", FORMAT JSON) "_s + sql);
    QVERIFY2(explained.ok(), test::describe(explained).constData());
    Result<Plan> plan = parseJsonPlan(explained->text(0, 0).toUtf8());
    QVERIFY2(plan.ok(), test::describe(plan).constData());
    out.plan = std::move(plan).value();
    out.nodes = flattenPlan(out.plan.root);
    out.links = PlanSqlLinks::link(out.nodes, sql);
}

int TestPlanSqlLinks::find(const Linked &linked, const QString &type, const QString &alias)
{
    for (size_t id = 0; id < linked.nodes.size(); ++id) {
        const PlanNode &node = *linked.nodes[id].node;
        if (node.nodeType == type && (alias.isEmpty() || node.alias == alias))
            return int(id);
    }
    return -1;
}

QStringList TestPlanSqlLinks::textsOf(const Linked &linked, int id, const QString &sql)
{
    QStringList texts;
    for (const SqlRange &range : linked.links.rangesOf(id))
        texts.append(sql.mid(range.start, range.end - range.start));
    return texts;
}

const QString joinSql = uR"(SELECT p.title, a.name
FROM links_test.posts AS p
JOIN links_test.authors a ON (a.id = p.author_id)
WHERE p.score > 10 AND a.name <> 'author 7' -- both filters stay with their scans
ORDER BY p.title)"_s;

void TestPlanSqlLinks::joinTiesTablesAndConditionsToTheirNodes()
{
    Linked linked;
    explain(u"SET enable_nestloop = off; SET enable_mergejoin = off;"_s, u"VERBOSE"_s, joinSql,
            linked);
    if (QTest::currentTestFailed())
        return;
    const int posts = find(linked, u"Seq Scan"_s, u"p"_s);
    const int authors = find(linked, u"Seq Scan"_s, u"a"_s);
    const int join = find(linked, u"Hash Join"_s);
    QVERIFY(posts >= 0 && authors >= 0 && join >= 0);
    QCOMPARE(textsOf(linked, posts, joinSql),
             (QStringList{u"links_test.posts AS p"_s, u"p.score > 10"_s}));
    QCOMPARE(textsOf(linked, authors, joinSql),
             (QStringList{u"links_test.authors a"_s, u"a.name <> 'author 7'"_s}));
    QCOMPARE(textsOf(linked, join, joinSql), QStringList{u"a.id = p.author_id"_s});
    // Sort, Hash: nothing of theirs is in the text.
    QVERIFY(linked.links.rangesOf(find(linked, u"Hash"_s)).isEmpty());
    QVERIFY(linked.links.rangesOf(0).isEmpty());
}

void TestPlanSqlLinks::plainExplainTiesUnqualifiedFilters()
{
    // Without VERBOSE an index scan prints "author_id = 3" and "title ~~ 'post 1%'" unqualified.
    const QString sql = u"select * from links_test.posts\n"
                        "where author_id = 3 and title like 'post 1%' and score between 1 and 40"_s;
    Linked linked;
    explain(u"SET enable_seqscan = off; SET enable_bitmapscan = off;"_s, u"COSTS true"_s, sql,
            linked);
    if (QTest::currentTestFailed())
        return;
    const int scan = find(linked, u"Index Scan"_s);
    QVERIFY(scan >= 0);
    QCOMPARE(textsOf(linked, scan, sql),
             (QStringList{u"links_test.posts"_s, u"author_id = 3"_s, u"title like 'post 1%'"_s,
                          u"score between 1 and 40"_s}));
}

const QString cteSql = u"/* naïve café ✓ 𝄞 */ WITH recent AS MATERIALIZED (\n"
                       "  SELECT * FROM links_test.posts WHERE title <> 'Zoë 𝄞' AND score >= 45)\n"
                       "SELECT r.title FROM recent r WHERE r.author_id = 2"_s;

void TestPlanSqlLinks::cteAndMultibyteTextKeepTheirPlaces()
{
    Linked linked;
    explain(u"SET enable_indexscan = off; SET enable_bitmapscan = off;"_s, u"VERBOSE"_s, cteSql,
            linked);
    if (QTest::currentTestFailed())
        return;
    const int cteScan = find(linked, u"CTE Scan"_s, u"r"_s);
    const int inner = find(linked, u"Seq Scan"_s, u"posts"_s);
    QVERIFY(cteScan >= 0 && inner >= 0);
    QCOMPARE(linked.nodes[size_t(inner)].node->subplanName, u"CTE recent"_s);
    QCOMPARE(textsOf(linked, cteScan, cteSql), (QStringList{u"recent r"_s, u"r.author_id = 2"_s}));
    QCOMPARE(
        textsOf(linked, inner, cteSql),
        (QStringList{u"recent"_s, u"links_test.posts"_s, u"title <> 'Zoë 𝄞'"_s, u"score >= 45"_s}));
}

void TestPlanSqlLinks::inSubqueryTiesToItsSemiJoin()
{
    // The IN becomes a join whose condition is the IN's column against the subquery's output.
    const QString sql = u"SELECT p.title FROM links_test.posts p\n"
                        "WHERE p.author_id IN (SELECT id FROM links_test.authors\n"
                        "                      WHERE name LIKE 'author 1%')"_s;
    Linked linked;
    explain(u"SET enable_nestloop = off; SET enable_mergejoin = off;"_s, u"VERBOSE"_s, sql, linked);
    if (QTest::currentTestFailed())
        return;
    int join = -1;
    for (size_t id = 0; id < linked.nodes.size() && join < 0; ++id)
        if (!linked.nodes[id].node->hashCond.isEmpty())
            join = int(id);
    QVERIFY(join >= 0);
    QCOMPARE(textsOf(linked, join, sql), QStringList{sql.mid(sql.indexOf(u"p.author_id"_s))});
    const int authors = find(linked, u"Seq Scan"_s, u"authors"_s);
    QVERIFY(authors >= 0);
    QCOMPARE(textsOf(linked, authors, sql),
             (QStringList{u"links_test.authors"_s, u"name LIKE 'author 1%'"_s}));
}

void TestPlanSqlLinks::partitionsTieToTheirTable()
{
    // The scans of the partitions are e_1 and e_2 in the plan, e in the text.
    const QString sql = u"SELECT * FROM links_test.events e WHERE e.kind = 3"_s;
    Linked linked;
    explain({}, u"VERBOSE"_s, sql, linked);
    if (QTest::currentTestFailed())
        return;
    QStringList aliases;
    for (const FlatPlanNode &node : linked.nodes) {
        if (node.node->nodeType != u"Seq Scan"_s)
            continue;
        aliases << node.node->alias;
        QCOMPARE(textsOf(linked, int(&node - linked.nodes.data()), sql),
                 (QStringList{u"links_test.events e"_s, u"e.kind = 3"_s}));
    }
    QCOMPARE(aliases, (QStringList{u"e_1"_s, u"e_2"_s}));
}

void TestPlanSqlLinks::positionsLeadBackToNodes()
{
    Linked linked;
    explain(u"SET enable_nestloop = off; SET enable_mergejoin = off;"_s, u"VERBOSE"_s, joinSql,
            linked);
    if (QTest::currentTestFailed())
        return;
    const auto at = [&](const QString &text, int offset = 0) {
        const int position = int(joinSql.indexOf(text));
        return position < 0 ? -2 : linked.links.nodeAt(position + offset);
    };
    QCOMPARE(at(u"p.score"_s, 3), find(linked, u"Seq Scan"_s, u"p"_s));
    QCOMPARE(at(u"authors a"_s), find(linked, u"Seq Scan"_s, u"a"_s));
    QCOMPARE(at(u"p.author_id"_s, 2), find(linked, u"Hash Join"_s));
    QCOMPARE(at(u"SELECT"_s), -1);
    QCOMPARE(at(u"ORDER BY"_s), -1);
}

void TestPlanSqlLinks::textThatDoesNotParseHasNoLinks()
{
    Linked linked;
    explain({}, u"VERBOSE"_s, joinSql, linked);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!linked.links.isEmpty());
    QVERIFY(PlanSqlLinks::link(linked.nodes, u"SELEC p.title FROM links_test.posts p"_s).isEmpty());
    QVERIFY(PlanSqlLinks::link(linked.nodes, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestPlanSqlLinks)
#include "tst_plan_sql_links.moc"
