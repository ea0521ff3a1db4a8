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
    void scrollingAMillionRowsJumpsAndStaysBounded();

private:
    TableDetails details(const QString &name);
    // Shows [first, last] and waits until the model reads nothing more for them.
    static bool settle(TableGridModel &model, int first, int last);
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestTableGridModel::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP TABLE IF EXISTS grid_rows, grid_gone, grid_million;
        CREATE TABLE grid_rows (id integer PRIMARY KEY, label text, note varchar(20));
        INSERT INTO grid_rows
        SELECT i, 'row ' || i, CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'n' END
        FROM generate_series(1, 1234) AS i;
        CREATE TABLE grid_gone (id integer PRIMARY KEY);
        CREATE TABLE grid_million (id bigint PRIMARY KEY, payload text);
        INSERT INTO grid_million SELECT i, md5(i::text) FROM generate_series(1, 1000000) i;
        ANALYZE grid_million;)"_s);
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

bool TestTableGridModel::settle(TableGridModel &model, int first, int last)
{
    model.showRows(first, last);
    return QTest::qWaitFor([&model] { return !model.isLoading(); }, 30'000);
}

void TestTableGridModel::pagesInUnderTheModelTester()
{
    TableReader reader(m_pool.get(), details(u"grid_rows"_s));
    reader.setPageSize(500);
    TableGridModel model(&reader);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), 3);
    QSignalSpy pages(&model, &TableGridModel::pageLoaded);
    model.reload();
    QVERIFY(model.isLoading());
    QVERIFY(pages.wait(30'000));
    QVERIFY(settle(model, 0, 30));
    QCOMPARE(model.data(model.index(0, 0)).toString(), u"1"_s);
    // Scrolling down reads on, keyset style, until the table's end shows.
    for (int row = 400; !model.isComplete() && row < 1234; row += 400)
        QVERIFY(settle(model, row, row + 30));
    QVERIFY(settle(model, 1200, 1233));
    QCOMPARE(model.rowCount(), 1234);
    QVERIFY(model.rowNumbersExact());
    QCOMPARE(model.data(model.index(1233, 1)).toString(), u"row 1234"_s);
    // Rows arrive in key order across page boundaries.
    QCOMPARE(model.data(model.index(499, 0)).toString(), u"500"_s);
    QCOMPARE(model.data(model.index(500, 0)).toString(), u"501"_s);
    QCOMPARE(model.headerData(1233, Qt::Vertical).toString(), u"1,234"_s);
}

void TestTableGridModel::nullIsShownApartFromTheEmptyString()
{
    TableReader reader(m_pool.get(), details(u"grid_rows"_s));
    TableGridModel model(&reader);
    QSignalSpy pages(&model, &TableGridModel::pageLoaded);
    model.reload();
    QVERIFY(pages.wait(30'000));
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
    // A sorted column says so, with its place when more than one is sorted.
    reader.setSort({{u"note"_s, true, std::nullopt}, {u"label"_s, false, std::nullopt}});
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"note ▼1\nvarchar(20)"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"label ▲2\ntext"_s);
}

void TestTableGridModel::failureStopsFetchingUntilRetry()
{
    TableReader reader(m_pool.get(), details(u"grid_gone"_s));
    TableGridModel model(&reader);
    QSignalSpy failures(&model, &TableGridModel::failed);
    QVERIFY(test::run(*m_pool, u"DROP TABLE grid_gone"_s).ok());
    model.reload();
    QTRY_COMPARE(failures.count(), 1);
    QVERIFY(failures.first().first().value<Error>().message.contains(u"grid_gone"_s));
    // A failed page is not retried behind the user's back, but Retry asks again.
    model.showRows(0, 10);
    QVERIFY(!model.isLoading());
    QVERIFY(test::run(*m_pool, u"CREATE TABLE grid_gone (id integer PRIMARY KEY)"_s).ok());
    QSignalSpy pages(&model, &TableGridModel::pageLoaded);
    model.retry();
    QTRY_COMPARE(pages.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isComplete());
}

// The scrollbar spans a million rows; dragging it anywhere reads the page about there, and
// dragging it end to end holds a few pages at a time, never with OFFSET.
void TestTableGridModel::scrollingAMillionRowsJumpsAndStaysBounded()
{
    TableReader reader(m_pool.get(), details(u"grid_million"_s));
    reader.setPageSize(200);
    TableGridModel model(&reader);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy estimated(&model, &TableGridModel::estimated);
    model.reload();
    QVERIFY(estimated.wait(30'000));
    QVERIFY(settle(model, 0, 40));
    QVERIFY(std::abs(model.rowCount() - 1'000'000) < 50'000);

    QVERIFY(settle(model, 730'000, 730'040));
    const double id = model.data(model.index(730'000, 0)).toDouble();
    QVERIFY2(std::abs(id - 730'000) < 20'000, qPrintable(QString::number(id)));
    QVERIFY(!model.rowNumbersExact());
    QVERIFY(model.headerData(730'000, Qt::Vertical).toString().startsWith(u"≈"_s));
    // Up from the jumped-to page: read backwards, keyset too.
    QVERIFY(settle(model, 729'950, 730'000));
    QCOMPARE(model.data(model.index(729'999, 0)).toDouble(), id - 1);

    qint64 mostHeld = 0;
    for (int step = 0; step <= 20; ++step) {
        const int first = int(qint64(model.rowCount() - 50) * step / 20);
        QVERIFY(settle(model, first, first + 40));
        QVERIFY(model.data(model.index(first, 0)).toString() != u"…"_s);
        mostHeld = std::max(mostHeld, model.heldRows());
    }
    QVERIFY2(mostHeld <= 8 * 200, qPrintable(QString::number(mostHeld)));
    // The end is the table's end, exactly.
    QVERIFY(settle(model, model.rowCount() - 20, model.rowCount() - 1));
    QCOMPARE(model.data(model.index(model.rowCount() - 1, 0)).toString(), u"1000000"_s);
    for (const QString &sql : reader.statementsSent())
        QVERIFY2(!sql.contains(u"OFFSET"_s, Qt::CaseInsensitive), qPrintable(sql));
}

QTEST_MAIN(TestTableGridModel)
#include "tst_table_grid_model.moc"
