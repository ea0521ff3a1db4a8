#include "plan/graph/plan_graph_view.h"
#include "plan/plan_sql_view.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"
#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The statement under a plan tab: the selected node is marked in it, and a click on the text
// selects the node. Plans come from the fixture's PostgreSQL 17.
class TestPlanSqlView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void selectingANodeMarksItsTableAndConditions();
    void clickingTheTextSelectsTheNode();
    void openedPlansShowTheirQueryTextOnlyWhenTheyHaveOne();

private:
    std::unique_ptr<PlanTab> capture(const QString &sql);
    static int nodeOf(const PlanTab &tab, const QString &type, const QString &alias = {});
    static QStringList markedTexts(const PlanSqlView *view);

    std::unique_ptr<ConnectionPool> m_pool;
};

const QString joinSql = uR"(SELECT p.title, a.name
FROM tst_plan_sql_view.posts AS p
JOIN tst_plan_sql_view.authors a ON a.id = p.author_id
WHERE p.score > 10 AND a.name <> 'author 7')"_s;

void TestPlanSqlView::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS tst_plan_sql_view CASCADE;
        CREATE SCHEMA tst_plan_sql_view;
        CREATE TABLE tst_plan_sql_view.authors AS
            SELECT i AS id, 'author ' || i AS name FROM generate_series(1, 500) i;
        CREATE TABLE tst_plan_sql_view.posts AS
            SELECT i AS id, i % 500 + 1 AS author_id, 'post ' || i AS title, i % 50 AS score
            FROM generate_series(1, 5000) i;
        ANALYZE tst_plan_sql_view.authors, tst_plan_sql_view.posts;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

std::unique_ptr<PlanTab> TestPlanSqlView::capture(const QString &sql)
{
    auto tab = std::make_unique<PlanTab>(m_pool.get(), sql, false);
    tab->resize(900, 700);
    tab->show();
    QSignalSpy finished(tab.get(), &PlanTab::captureFinished);
    tab->run();
    if (!finished.wait(30'000) || !finished.first().first().toBool())
        return nullptr;
    return tab;
}

int TestPlanSqlView::nodeOf(const PlanTab &tab, const QString &type, const QString &alias)
{
    for (int id = 0; id < tab.model()->nodeCount(); ++id) {
        const explain::PlanNode &node = tab.model()->node(id);
        if (node.nodeType == type && (alias.isEmpty() || node.alias == alias))
            return id;
    }
    return -1;
}

QStringList TestPlanSqlView::markedTexts(const PlanSqlView *view)
{
    QStringList texts;
    const QString text = view->toPlainText();
    for (const explain::SqlRange &range : view->markedRanges())
        texts.append(text.mid(range.start, range.end - range.start));
    return texts;
}

void TestPlanSqlView::selectingANodeMarksItsTableAndConditions()
{
    const auto tab = capture(joinSql);
    QVERIFY(tab);
    PlanSqlView *sql = tab->sqlView();
    QVERIFY(sql->isVisibleTo(tab.get()));
    QVERIFY(sql->isReadOnly());
    QCOMPARE(sql->toPlainText(), joinSql);

    const int posts = nodeOf(*tab, u"Seq Scan"_s, u"p"_s);
    QVERIFY(posts >= 0);
    tab->view()->setCurrentIndex(tab->model()->indexOfNode(posts));
    QCOMPARE(markedTexts(sql), (QStringList{u"tst_plan_sql_view.posts AS p"_s, u"p.score > 10"_s}));
    // The cursor went to the first mark, so a long statement scrolls to it.
    QCOMPARE(sql->textCursor().position(), int(joinSql.indexOf(u"tst_plan_sql_view.posts"_s)));

    tab->view()->setCurrentIndex(tab->model()->indexOfNode(nodeOf(*tab, u"Hash Join"_s)));
    QCOMPARE(markedTexts(sql), QStringList{u"a.id = p.author_id"_s});
    tab->view()->setCurrentIndex(tab->model()->indexOfNode(nodeOf(*tab, u"Hash"_s)));
    QVERIFY(sql->markedRanges().isEmpty());
}

void TestPlanSqlView::clickingTheTextSelectsTheNode()
{
    const auto tab = capture(joinSql);
    QVERIFY(tab);
    PlanSqlView *sql = tab->sqlView();
    const auto clickAt = [sql](const QString &text) {
        QTextCursor cursor(sql->document());
        cursor.setPosition(int(joinSql.indexOf(text)) + 2);
        QTest::mouseClick(sql->viewport(), Qt::LeftButton, {}, sql->cursorRect(cursor).center());
    };
    clickAt(u"a.name <>"_s);
    const int authors = nodeOf(*tab, u"Seq Scan"_s, u"a"_s);
    QCOMPARE(tab->model()->nodeId(tab->view()->currentIndex()), authors);
    QCOMPARE(tab->graph()->selectedNode(), authors);
    QCOMPARE(markedTexts(sql),
             (QStringList{u"tst_plan_sql_view.authors a"_s, u"a.name <> 'author 7'"_s}));
    // The click stays where it was: the node's first mark is elsewhere.
    QCOMPARE(sql->textCursor().position(), int(joinSql.indexOf(u"a.name <>"_s)) + 2);

    clickAt(u"p.author_id"_s);
    QCOMPARE(tab->model()->nodeId(tab->view()->currentIndex()), nodeOf(*tab, u"Hash Join"_s));
    // Text that belongs to no node leaves the selection alone.
    clickAt(u"SELECT"_s);
    QCOMPARE(tab->model()->nodeId(tab->view()->currentIndex()), nodeOf(*tab, u"Hash Join"_s));
}

void TestPlanSqlView::openedPlansShowTheirQueryTextOnlyWhenTheyHaveOne()
{
    const auto explained = test::run(*m_pool, u"EXPLAIN (FORMAT JSON) "_s + joinSql);
    QVERIFY2(explained.ok(), test::describe(explained).constData());
    const QByteArray plain = explained->text(0, 0).toUtf8();

    PlanTab bare(m_pool.get(), {}, false);
    bare.show();
    bare.showPlanText(plain, u"plan.json"_s);
    QVERIFY(bare.model()->nodeCount() > 0);
    QVERIFY(!bare.sqlView()->isVisibleTo(&bare));

    // auto_explain's JSON carries the statement as "Query Text".
    QJsonObject logged = QJsonDocument::fromJson(plain).array().first().toObject();
    logged.insert(u"Query Text"_s, joinSql);
    PlanTab withText(m_pool.get(), {}, false);
    withText.show();
    withText.showPlanText(QJsonDocument(logged).toJson(), u"auto_explain"_s);
    QVERIFY(withText.sqlView()->isVisibleTo(&withText));
    const int posts = nodeOf(withText, u"Seq Scan"_s, u"p"_s);
    withText.view()->setCurrentIndex(withText.model()->indexOfNode(posts));
    QCOMPARE(markedTexts(withText.sqlView()),
             (QStringList{u"tst_plan_sql_view.posts AS p"_s, u"p.score > 10"_s}));
}

QTEST_MAIN(TestPlanSqlView)
#include "tst_plan_sql_view.moc"
