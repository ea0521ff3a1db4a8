#include "browse/filter_bar.h"
#include "browse/record_view.h"
#include "browse/table_grid_model.h"
#include "browse/table_reader.h"
#include "browse/table_tab.h"
#include "catalog/catalog.h"
#include "common/error_banner.h"
#include "session/connection_session.h"
#include "test_database.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// A table tab on a drizzle-kit-like schema, offscreen: filters with the server's verdicts,
// sorting by the header, foreign keys both ways (composite and across schemas), type names and
// widths, and the state that comes back when a table is opened again.
class TestTableTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedValueShowsByItsConditionAndTheGridStays();
    void headerClicksSortOnTheServer();
    void foreignKeysLeadBothWaysAndBack();
    void headersNameTypesAndColumnsFitTheirValues();
    void filterSortAndWidthsComeBackOnReopen();

private:
    // A tab on the table; fresh: without what an earlier test left in its browse state.
    std::unique_ptr<TableTab> open(const QString &schema, const QString &table, bool fresh = true);
    static bool settled(TableTab &tab);
    static QStringList column(TableTab &tab, int column);

    QTemporaryDir m_data;
    std::unique_ptr<ConnectionSession> m_session;
};

void TestTableTab::initTestCase()
{
    ConnectionTarget target;
    target.displayName = u"table tab test"_s;
    target.parameters = test::testParameters();
    m_session = std::make_unique<ConnectionSession>(target, m_data.path());
    const auto created = test::runScript(*m_session->pool(), uR"(
        DROP SCHEMA IF EXISTS tab_test, "tab other" CASCADE;
        CREATE SCHEMA tab_test;
        CREATE SCHEMA "tab other";
        CREATE TABLE tab_test.authors (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO tab_test.authors VALUES (1, 'Ursula'), (2, 'Terry'), (3, 'Iain');
        CREATE TABLE tab_test.books (id bigint PRIMARY KEY, author_id integer
            REFERENCES tab_test.authors, title text, price numeric(8, 2));
        INSERT INTO tab_test.books VALUES (9007199254740993, 1, 'The Dispossessed', 12.50),
            (2, 2, 'Mort', 8), (3, 1, 'Lathe of Heaven', 10), (4, NULL, 'Anonymous', NULL);
        CREATE TABLE "tab other".regions (country text, code integer, label text,
            PRIMARY KEY (country, code));
        INSERT INTO "tab other".regions VALUES ('de', 1, 'Berlin'), ('de', 2, 'Bayern'),
            ('fr', 1, 'Paris');
        CREATE TABLE tab_test.shops (id integer PRIMARY KEY, country text, code integer,
            FOREIGN KEY (country, code) REFERENCES "tab other".regions);
        INSERT INTO tab_test.shops VALUES (1, 'de', 2), (2, 'fr', 1), (3, 'de', 2);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

std::unique_ptr<TableTab> TestTableTab::open(const QString &schema, const QString &table,
                                             bool fresh)
{
    if (fresh && !m_session->browseStates().save(schema, table, BrowseState{}).ok())
        qFatal("cannot clear the browse state");
    const auto details = test::await<TableDetails>(
        [&](auto done) { m_session->catalog()->loadTable(schema, table, this, done); });
    if (!details)
        qFatal("%s", test::describe(details).constData());
    auto tab = std::make_unique<TableTab>(m_session.get(), details.value());
    tab->resize(1200, 700);
    tab->show();
    return tab;
}

bool TestTableTab::settled(TableTab &tab)
{
    return QTest::qWaitFor(
        [&tab] { return !tab.model()->isLoading() && tab.model()->isComplete(); }, 30'000);
}

QStringList TestTableTab::column(TableTab &tab, int column)
{
    QStringList values;
    for (int row = 0; row < tab.model()->rowCount(); ++row)
        values.append(tab.model()->index(row, column).data().toString());
    return values;
}

void TestTableTab::refusedValueShowsByItsConditionAndTheGridStays()
{
    auto tab = open(u"tab_test"_s, u"books"_s);
    QVERIFY(settled(*tab));
    QCOMPARE(tab->model()->rowCount(), 4);

    TableFilter refused;
    refused.conditions = {{u"title"_s, FilterOperator::ILike, {u"%the%"_s}},
                          {u"price"_s, FilterOperator::Greater, {u"abc"_s}}};
    tab->filterBar()->setFilter(refused);
    tab->applyFilter(refused);
    QTRY_VERIFY(!tab->filterBar()->conditionRow(1)->problem().isEmpty());
    QVERIFY2(tab->filterBar()->conditionRow(1)->problem().contains(u"numeric"_s),
             qPrintable(tab->filterBar()->conditionRow(1)->problem()));
    QVERIFY(tab->filterBar()->conditionRow(0)->problem().isEmpty());
    QCOMPARE(tab->model()->rowCount(), 4); // what it showed, unfiltered
    QVERIFY(tab->filter().isEmpty());

    TableFilter good = refused;
    good.conditions[1].values = {u"11"_s};
    tab->applyFilter(good);
    QTRY_COMPARE(tab->filter(), good);
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 2), QStringList{u"The Dispossessed"_s});
    // The bigint past 2^53 reads whole: it is the server's text, never a double.
    QCOMPARE(tab->model()->index(0, 0).data().toString(), u"9007199254740993"_s);

    // A raw WHERE with a syntax error is refused before anything is sent.
    TableFilter raw;
    raw.expression = u"price > )"_s;
    tab->applyFilter(raw);
    QVERIFY(!tab->filterBar()->expressionProblem()->isHidden());
    QCOMPARE(tab->filter(), good);
}

void TestTableTab::headerClicksSortOnTheServer()
{
    auto tab = open(u"tab_test"_s, u"books"_s);
    QVERIFY(settled(*tab));
    tab->sortByColumn(2, false); // title, ascending
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 2),
             (QStringList{u"Anonymous"_s, u"Lathe of Heaven"_s, u"Mort"_s, u"The Dispossessed"_s}));
    tab->sortByColumn(2, false); // descending
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 2).first(), u"The Dispossessed"_s);
    QVERIFY(tab->orderLabel()->text().contains(u"title ↓"_s));
    // Shift+click adds a column; the price, NULLs last, breaks no tie here but is kept.
    tab->sortByColumn(3, true);
    QCOMPARE(tab->sort().size(), 2);
    tab->sortByColumn(2, false); // the third click on title removes it, and alone, all else
    QVERIFY(tab->sort().isEmpty());
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 0).first(), u"2"_s); // by the key again
}

void TestTableTab::foreignKeysLeadBothWaysAndBack()
{
    auto tab = open(u"tab_test"_s, u"books"_s);
    QVERIFY(settled(*tab));
    QVERIFY(tab->model()->index(0, 1).data(TableGridModel::ForeignKeyRole).isValid());
    QVERIFY(!tab->model()->index(0, 2).data(TableGridModel::ForeignKeyRole).isValid());
    // Out: Mort's author.
    tab->openReferencedRow(tab->model()->index(0, 1));
    QTRY_COMPARE(tab->qualifiedName(), u"tab_test.authors"_s);
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 1), QStringList{u"Terry"_s});
    // In: every book of that author... of Ursula, from her row.
    tab->goBack();
    QCOMPARE(tab->qualifiedName(), u"tab_test.books"_s);
    QVERIFY(settled(*tab));
    QVERIFY(tab->canGoForward());
    tab->openReferencedRow(tab->model()->index(1, 1)); // id 3, by Ursula
    QTRY_COMPARE(tab->qualifiedName(), u"tab_test.authors"_s);
    QVERIFY(settled(*tab));
    QVERIFY(!tab->canGoForward()); // a new jump forgets the old forward
    QCOMPARE(tab->table().referencedBy.size(), 1);
    tab->openReferencingRows(0, 0);
    QTRY_COMPARE(tab->qualifiedName(), u"tab_test.books"_s);
    QVERIFY(settled(*tab));
    QCOMPARE(column(*tab, 2).size(), 2);

    // A composite key into another schema, and back out of it.
    auto shops = open(u"tab_test"_s, u"shops"_s);
    QVERIFY(settled(*shops));
    shops->openReferencedRow(shops->model()->index(0, 1));
    QTRY_COMPARE(shops->qualifiedName(), u"tab other.regions"_s);
    QVERIFY(settled(*shops));
    QCOMPARE(column(*shops, 2), QStringList{u"Bayern"_s});
    shops->openReferencingRows(0, 0);
    QTRY_COMPARE(shops->qualifiedName(), u"tab_test.shops"_s);
    QVERIFY(settled(*shops));
    QCOMPARE(column(*shops, 0), (QStringList{u"1"_s, u"3"_s}));
    shops->goBack();
    shops->goBack();
    QCOMPARE(shops->qualifiedName(), u"tab_test.shops"_s);
    QVERIFY(!shops->canGoBack());
}

void TestTableTab::headersNameTypesAndColumnsFitTheirValues()
{
    auto tab = open(u"tab_test"_s, u"books"_s);
    QVERIFY(settled(*tab));
    QCOMPARE(tab->model()->headerData(0, Qt::Horizontal).toString(), u"id\nbigint"_s);
    QCOMPARE(tab->model()->headerData(3, Qt::Horizontal).toString(), u"price\nnumeric(8,2)"_s);
    QTRY_VERIFY(tab->view()->horizontalHeader()->sectionSize(0) >=
                tab->view()->fontMetrics().horizontalAdvance(u"9007199254740993"_s));
    for (int column = 0; column < tab->model()->columnCount(); ++column)
        QVERIFY(tab->view()->horizontalHeader()->sectionSize(column) <= 420);
    // The record view reads the current row downwards.
    tab->view()->setCurrentIndex(tab->model()->index(3, 0));
    QCOMPARE(tab->recordView()->table()->rowCount(), 4);
    QCOMPARE(tab->recordView()->table()->item(2, 1)->text(), u"The Dispossessed"_s);
}

void TestTableTab::filterSortAndWidthsComeBackOnReopen()
{
    TableFilter filter;
    filter.conditions = {{u"country"_s, FilterOperator::Equal, {u"de"_s}}};
    {
        auto tab = open(u"tab other"_s, u"regions"_s);
        QVERIFY(settled(*tab));
        tab->applyFilter(filter);
        QTRY_COMPARE(tab->filter(), filter);
        tab->sortByColumn(2, false);
        tab->view()->horizontalHeader()->resizeSection(2, 333);
    } // closing the tab keeps its state
    auto again = open(u"tab other"_s, u"regions"_s, false);
    QCOMPARE(again->filter(), filter);
    QCOMPARE(again->sort().size(), 1);
    QCOMPARE(again->sort().first().column, u"label"_s);
    QVERIFY(settled(*again));
    QCOMPARE(column(*again, 2), (QStringList{u"Bayern"_s, u"Berlin"_s}));
    QTRY_COMPARE(again->view()->horizontalHeader()->sectionSize(2), 333);
}

QTEST_MAIN(TestTableTab)
#include "tst_table_tab.moc"
