#include "browse/table_grid_model.h"
#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "test_database.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestTableGridModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pagesInUnderTheModelTester();
    void nullIsShownApartFromTheEmptyString();
    void headerNamesTheColumnAndItsType();
    void failureStopsFetchingUntilRetry();

private:
    TableDetails details(const QString &name);
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestTableGridModel::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP TABLE IF EXISTS grid_rows, grid_gone;
        CREATE TABLE grid_rows (id integer PRIMARY KEY, label text, note varchar(20));
        INSERT INTO grid_rows
        SELECT i, 'row ' || i, CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'n' END
        FROM generate_series(1, 1234) AS i;
        CREATE TABLE grid_gone (id integer PRIMARY KEY);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

TableDetails TestTableGridModel::details(const QString &name)
{
    Catalog catalog(m_pool.get());
    auto table = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(u"public"_s, name, &catalog, done); });
    if (!table)
        qFatal("%s", test::describe(table).constData());
    return table.value();
}

void TestTableGridModel::pagesInUnderTheModelTester()
{
    TableReader reader(m_pool.get(), details(u"grid_rows"_s));
    reader.setPageSize(500);
    TableGridModel model(&reader);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QCOMPARE(model.columnCount(), 3);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore(); // the tester may have asked for the first page already
    QVERIFY(model.isLoading());
    QVERIFY(!model.canFetchMore()); // one page at a time
    while (model.isLoading() || model.canFetchMore()) {
        model.fetchMore();
        QTRY_VERIFY(!model.isLoading());
    }
    QCOMPARE(model.rowCount(), 1234);
    QVERIFY(model.isComplete());
    // The rows arrived as pages of 500, 500 and 234, never as the whole table at once.
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    QCOMPARE(inserted.at(2).at(1).toInt(), 1000);
    QCOMPARE(inserted.at(2).at(2).toInt(), 1233);
    QCOMPARE(model.data(model.index(1233, 1)).toString(), u"row 1234"_s);
    // Rows arrive in key order across page boundaries.
    QCOMPARE(model.data(model.index(499, 0)).toString(), u"500"_s);
    QCOMPARE(model.data(model.index(500, 0)).toString(), u"501"_s);
}

void TestTableGridModel::nullIsShownApartFromTheEmptyString()
{
    TableReader reader(m_pool.get(), details(u"grid_rows"_s));
    TableGridModel model(&reader);
    QSignalSpy pages(&model, &TableGridModel::pageLoaded);
    model.fetchMore();
    QTRY_COMPARE(pages.count(), 1);
    const QModelIndex empty = model.index(0, 2); // id 1: ''
    const QModelIndex null = model.index(2, 2);  // id 3: NULL
    QCOMPARE(model.data(empty).toString(), QString());
    QVERIFY(!model.data(empty, TableGridModel::RawValueRole).isNull());
    QVERIFY(!model.data(empty, Qt::FontRole).isValid());
    QCOMPARE(model.data(null).toString(), u"NULL"_s);
    QVERIFY(model.data(null, TableGridModel::RawValueRole).isNull());
    QVERIFY(model.data(null, Qt::FontRole).value<QFont>().italic());
    QVERIFY(model.data(null, Qt::ForegroundRole).isValid());
}

void TestTableGridModel::headerNamesTheColumnAndItsType()
{
    TableReader reader(m_pool.get(), details(u"grid_rows"_s));
    TableGridModel model(&reader);
    // The short form fits the header; the tooltip spells the type in full.
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"note\nvarchar(20)"_s);
    QVERIFY(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith(u"note: character varying(20)"_s));
    QVERIFY(
        model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(u"primary key"_s));
}

void TestTableGridModel::failureStopsFetchingUntilRetry()
{
    TableReader reader(m_pool.get(), details(u"grid_gone"_s));
    TableGridModel model(&reader);
    QSignalSpy failures(&model, &TableGridModel::failed);
    QVERIFY(test::run(*m_pool, u"DROP TABLE grid_gone"_s).ok());
    model.fetchMore();
    QTRY_COMPARE(failures.count(), 1);
    QVERIFY(failures.first().first().value<Error>().message.contains(u"grid_gone"_s));
    // A failed page is not retried behind the user's back, but Retry asks again.
    QVERIFY(!model.canFetchMore());
    QVERIFY(test::run(*m_pool, u"CREATE TABLE grid_gone (id integer PRIMARY KEY)"_s).ok());
    QSignalSpy pages(&model, &TableGridModel::pageLoaded);
    model.retry();
    QTRY_COMPARE(pages.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isComplete());
}

QTEST_MAIN(TestTableGridModel)
#include "tst_table_grid_model.moc"
