#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;

class TestTableReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pagesByPrimaryKeyAcrossBoundaries();
    void compositeTextKeyPagesInKeyOrder();
    void tableWithoutKeyFallsBackToCtid();
    void viewIsReadThroughACursor();
    void destroyingTheReaderMidPageNeverCallsBack();

private:
    TableDetails describe(const QString &table);
    QueryResult readAll(TableReader &reader, int *pages);

    std::unique_ptr<ConnectionPool> m_pool;
};

void TestTableReader::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, QStringLiteral(R"(
        DROP SCHEMA IF EXISTS reader CASCADE;
        CREATE SCHEMA reader;
        SET search_path = reader;
        CREATE TABLE items (id int PRIMARY KEY, label text, blob text);
        INSERT INTO items SELECT i, 'item ' || i, NULL FROM generate_series(1, 25) i;
        UPDATE items SET label = NULL WHERE id = 7;
        UPDATE items SET label = '' WHERE id = 8;
        UPDATE items SET label = 'Zürich — 東京 — 🐘' WHERE id = 10;
        UPDATE items SET blob = repeat('x', 1024 * 1024) WHERE id = 11;
        CREATE TABLE "Mixed Keys" ("Region" text, n int, PRIMARY KEY ("Region", n));
        INSERT INTO "Mixed Keys" SELECT r, n FROM unnest(ARRAY['b', 'a', 'c d', 'ä']) r,
            generate_series(1, 4) n;
        CREATE TABLE heap_only (v text);
        INSERT INTO heap_only SELECT 'row ' || i FROM generate_series(1, 13) i;
        CREATE VIEW item_labels AS SELECT label FROM items;)"));
    QVERIFY2(created.ok(), test::describe(created).constData());
}

TableDetails TestTableReader::describe(const QString &table)
{
    Catalog catalog(m_pool.get());
    auto details = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(QStringLiteral("reader"), table, this, done); });
    if (!details.ok())
        qFatal("%s", qPrintable(details.error().toString()));
    return details.value();
}

QueryResult TestTableReader::readAll(TableReader &reader, int *pages)
{
    QueryResult all;
    *pages = 0;
    while (!reader.atEnd()) {
        auto page = test::await<QueryResult>([&](auto done) { reader.fetchNextPage(this, done); });
        if (!page.ok())
            qFatal("%s", qPrintable(page.error().toString()));
        if (*pages == 0)
            all = page.value();
        else
            all.appendRows(page.value());
        ++*pages;
    }
    return all;
}

void TestTableReader::pagesByPrimaryKeyAcrossBoundaries()
{
    TableReader reader(m_pool.get(), describe(QStringLiteral("items")));
    QCOMPARE(reader.order(), TableReader::Order::PrimaryKey);
    reader.setPageSize(4);
    int pages = 0;
    const QueryResult rows = readAll(reader, &pages);
    QCOMPARE(pages, 7); // 6 full pages of 4, then one of 1
    QCOMPARE(rows.rowCount(), 25);
    for (int row = 0; row < 25; ++row)
        QCOMPARE(rows.text(row, 0), QString::number(row + 1));
    QVERIFY(rows.isNull(6, 1));
    QVERIFY(!rows.isNull(7, 1));
    QCOMPARE(rows.text(7, 1), QString());
    QCOMPARE(rows.text(9, 1), QStringLiteral("Zürich — 東京 — 🐘"));
    QCOMPARE(rows.bytes(10, 2).size(), 1024 * 1024);
    QVERIFY(rows.isNull(11, 2));
}

void TestTableReader::compositeTextKeyPagesInKeyOrder()
{
    TableReader reader(m_pool.get(), describe(QStringLiteral("Mixed Keys")));
    reader.setPageSize(3);
    int pages = 0;
    const QueryResult rows = readAll(reader, &pages);
    QCOMPARE(rows.rowCount(), 16);
    QStringList keys;
    for (int row = 0; row < 16; ++row)
        keys.append(rows.text(row, 0) + QLatin1Char('/') + rows.text(row, 1));
    QCOMPARE(keys.first(), QStringLiteral("a/1"));
    QCOMPARE(keys.at(4), QStringLiteral("b/1"));
    QCOMPARE(keys.last(), QStringLiteral("ä/4"));
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 16);
}

void TestTableReader::tableWithoutKeyFallsBackToCtid()
{
    TableReader reader(m_pool.get(), describe(QStringLiteral("heap_only")));
    QCOMPARE(reader.order(), TableReader::Order::PhysicalLocation);
    QVERIFY(reader.orderDescription().contains(QStringLiteral("ctid")));
    reader.setPageSize(5);
    int pages = 0;
    const QueryResult rows = readAll(reader, &pages);
    QCOMPARE(pages, 3);
    QCOMPARE(rows.rowCount(), 13);
    QCOMPARE(rows.text(0, 0), QStringLiteral("row 1"));
    QCOMPARE(rows.text(12, 0), QStringLiteral("row 13"));
}

void TestTableReader::viewIsReadThroughACursor()
{
    TableReader reader(m_pool.get(), describe(QStringLiteral("item_labels")));
    QCOMPARE(reader.order(), TableReader::Order::Cursor);
    reader.setPageSize(10);
    int pages = 0;
    const QueryResult rows = readAll(reader, &pages);
    QCOMPARE(rows.rowCount(), 25);
    QCOMPARE(pages, 3);
    // At the end the cursor's connection went back to the pool, outside any transaction.
    QTRY_COMPARE(m_pool->stats().active, 0);
}

// Closing a table tab while its page loads destroyed the reader under a pending page: the page's
// callback then ran into freed memory (a heap-use-after-free under AddressSanitizer).
void TestTableReader::destroyingTheReaderMidPageNeverCallsBack()
{
    const TableDetails items = describe(QStringLiteral("items"));
    PoolSettings one;
    one.max = 1;
    ConnectionPool pool(test::testParameters(), one);
    int pid = 0;
    {
        auto lease = test::acquire(pool, this);
        QVERIFY(lease.ok());
        pid = lease.value()->backendPid();
    }
    PgConnection holder;
    QVERIFY(test::open(holder).ok());
    QVERIFY(
        test::run(holder, QStringLiteral("BEGIN; LOCK TABLE reader.items IN ACCESS EXCLUSIVE MODE"))
            .ok());

    int calls = 0;
    auto reader = std::make_unique<TableReader>(&pool, items);
    reader->fetchNextPage(this, [&calls](const Result<QueryResult> &) { ++calls; });
    QTRY_COMPARE(test::waitingLocks(holder, pid), 1);
    reader.reset();
    QTRY_COMPARE(test::waitingLocks(holder, pid), 0);
    QVERIFY(test::run(holder, QStringLiteral("ROLLBACK")).ok());
    QTRY_COMPARE(pool.stats().idle, 1);

    auto again = test::acquire(pool, this);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->backendPid(), pid);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestTableReader)
#include "tst_table_reader.moc"
