#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<SortKey>)

class TestTableReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pagesByPrimaryKeyAcrossBoundaries();
    void sortedPagesMatchTheServersOrder_data();
    void sortedPagesMatchTheServersOrder();
    void compositeTextKeyPagesInKeyOrder();
    void tableWithoutKeyFallsBackToCtid();
    void viewIsReadThroughACursor();
    void filterAndSortChangeTheGeneration();
    void jumpsLandNearTheirFractionWithoutOffset();
    void estimateSaysWhenTheServerSortsEverything();
    void destroyingTheReaderMidPageNeverCallsBack();

private:
    TableDetails describe(const QString &table);
    template <typename Fetch> Result<TableReader::Page> page(Fetch fetch)
    {
        return test::await<TableReader::Page>([&](auto done) { fetch(this, done); });
    }
    QStringList readForward(TableReader &reader, int column, int *pages);
    QStringList readBackward(TableReader &reader, int column, int *pages);

    std::unique_ptr<ConnectionPool> m_pool;
};

void TestTableReader::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
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
        CREATE VIEW item_labels AS SELECT label FROM items;
        -- A nullable, non-unique sort column: ten rows per grade, one grade in three NULL.
        CREATE TABLE graded (id int PRIMARY KEY, grade int, name text);
        INSERT INTO graded SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE i % 7 END, 'n' || i
            FROM generate_series(1, 200) i;
        CREATE TABLE big (id bigint PRIMARY KEY, at timestamptz NOT NULL, note text);
        INSERT INTO big SELECT i, timestamptz '2020-01-01' + i * interval '1 minute', 'note ' || i
            FROM generate_series(1, 1000000) i;
        CREATE INDEX big_at ON big (at);
        ANALYZE big;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

TableDetails TestTableReader::describe(const QString &table)
{
    Catalog catalog(m_pool.get());
    auto details = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(u"reader"_s, table, this, done); });
    if (!details.ok())
        qFatal("%s", qPrintable(details.error().toString()));
    return details.value();
}

QStringList TestTableReader::readForward(TableReader &reader, int column, int *pages)
{
    QStringList values;
    *pages = 0;
    auto next = page([&](QObject *c, auto done) { reader.fetchFirst(c, done); });
    while (next.ok()) {
        ++*pages;
        for (qsizetype row = 0; row < next->rows.rowCount(); ++row)
            values.append(next->rows.isNull(row, column) ? u"NULL"_s
                                                         : next->rows.text(row, column));
        if (next->atEnd)
            return values;
        const PageKey key = next->lastKey;
        next = page([&](QObject *c, auto done) { reader.fetchAfter(key, c, done); });
    }
    qFatal("%s", qPrintable(next.error().toString()));
}

QStringList TestTableReader::readBackward(TableReader &reader, int column, int *pages)
{
    QStringList values;
    *pages = 0;
    auto next = page([&](QObject *c, auto done) { reader.fetchLast(c, done); });
    while (next.ok()) {
        ++*pages;
        QStringList pageValues;
        for (qsizetype row = 0; row < next->rows.rowCount(); ++row)
            pageValues.append(next->rows.isNull(row, column) ? u"NULL"_s
                                                             : next->rows.text(row, column));
        values = pageValues + values;
        if (next->atStart)
            return values;
        const PageKey key = next->firstKey;
        next = page([&](QObject *c, auto done) { reader.fetchBefore(key, c, done); });
    }
    qFatal("%s", qPrintable(next.error().toString()));
}

void TestTableReader::pagesByPrimaryKeyAcrossBoundaries()
{
    TableReader reader(m_pool.get(), describe(u"items"_s));
    QCOMPARE(reader.order(), TableReader::Order::Keyset);
    reader.setPageSize(4);
    auto first = page([&](QObject *c, auto done) { reader.fetchFirst(c, done); });
    QVERIFY(first.ok());
    QVERIFY(first->atStart);
    QCOMPARE(first->rows.rowCount(), 4);
    int pages = 0;
    const QStringList ids = readForward(reader, 0, &pages);
    QCOMPARE(pages, 7); // 6 full pages of 4, then one of 1
    QCOMPARE(ids.size(), 25);
    for (int row = 0; row < 25; ++row)
        QCOMPARE(ids[row], QString::number(row + 1));
    const QStringList labels = readForward(reader, 1, &pages);
    QCOMPARE(labels[6], u"NULL"_s);
    QCOMPARE(labels[7], QString());
    QCOMPARE(labels[9], u"Zürich — 東京 — 🐘"_s);
    QCOMPARE(readBackward(reader, 0, &pages), ids);
}

void TestTableReader::sortedPagesMatchTheServersOrder_data()
{
    QTest::addColumn<QList<SortKey>>("sort");
    QTest::addColumn<QString>("orderBy");
    QTest::newRow("asc, nulls last")
        << QList<SortKey>{{u"grade"_s, false, std::nullopt}} << u"grade ASC NULLS LAST, id ASC"_s;
    QTest::newRow("asc, nulls first")
        << QList<SortKey>{{u"grade"_s, false, true}} << u"grade ASC NULLS FIRST, id ASC"_s;
    QTest::newRow("desc, nulls first")
        << QList<SortKey>{{u"grade"_s, true, std::nullopt}} << u"grade DESC NULLS FIRST, id DESC"_s;
    QTest::newRow("desc, nulls last")
        << QList<SortKey>{{u"grade"_s, true, false}} << u"grade DESC NULLS LAST, id DESC"_s;
    QTest::newRow("two columns, mixed")
        << QList<SortKey>{{u"grade"_s, true, false}, {u"name"_s, false, std::nullopt}}
        << u"grade DESC NULLS LAST, name ASC NULLS LAST, id ASC"_s;
}

// A nullable, non-unique sort column, read in pages of 7 (so ties and NULLs straddle every
// boundary), forwards and backwards, gives exactly the server's own ORDER BY.
void TestTableReader::sortedPagesMatchTheServersOrder()
{
    QFETCH(QList<SortKey>, sort);
    QFETCH(QString, orderBy);
    const auto expected = test::run(
        *m_pool, u"SELECT string_agg(id::text, ',' ORDER BY %1) FROM reader.graded"_s.arg(orderBy));
    QVERIFY(expected.ok());
    TableReader reader(m_pool.get(), describe(u"graded"_s));
    reader.setPageSize(7);
    reader.setSort(sort);
    int pages = 0;
    QCOMPARE(readForward(reader, 0, &pages).join(u','), expected->text(0, 0));
    QCOMPARE(pages, 29); // 200 rows: 28 full pages and one of 4
    QCOMPARE(readBackward(reader, 0, &pages).join(u','), expected->text(0, 0));
    for (const QString &sql : reader.statementsSent())
        QVERIFY2(!sql.contains(u"OFFSET"_s, Qt::CaseInsensitive), qPrintable(sql));
}

void TestTableReader::compositeTextKeyPagesInKeyOrder()
{
    TableReader reader(m_pool.get(), describe(u"Mixed Keys"_s));
    reader.setPageSize(3);
    int pages = 0;
    const QStringList regions = readForward(reader, 0, &pages);
    const QStringList numbers = readForward(reader, 1, &pages);
    QCOMPARE(regions.size(), 16);
    QStringList keys;
    for (int row = 0; row < 16; ++row)
        keys.append(regions[row] + u'/' + numbers[row]);
    QCOMPARE(keys.first(), u"a/1"_s);
    QCOMPARE(keys.at(4), u"b/1"_s);
    QCOMPARE(keys.last(), u"ä/4"_s);
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 16);
    QCOMPARE(readBackward(reader, 1, &pages), numbers);
}

void TestTableReader::tableWithoutKeyFallsBackToCtid()
{
    TableReader reader(m_pool.get(), describe(u"heap_only"_s));
    QCOMPARE(reader.order(), TableReader::Order::Keyset);
    QVERIFY(reader.orderDescription().contains(u"ctid"_s));
    reader.setPageSize(5);
    int pages = 0;
    const QStringList rows = readForward(reader, 0, &pages);
    QCOMPARE(pages, 3);
    QCOMPARE(rows.size(), 13);
    QCOMPARE(rows.first(), u"row 1"_s);
    QCOMPARE(rows.last(), u"row 13"_s);
    QCOMPARE(readBackward(reader, 0, &pages), rows);
    // Sorted without a key: ties are broken by location, both ways.
    reader.setSort({{u"v"_s, true, std::nullopt}});
    const QStringList sorted = readForward(reader, 0, &pages);
    QCOMPARE(sorted.first(), u"row 9"_s);
    QCOMPARE(readBackward(reader, 0, &pages), sorted);
}

void TestTableReader::viewIsReadThroughACursor()
{
    TableReader reader(m_pool.get(), describe(u"item_labels"_s));
    QCOMPARE(reader.order(), TableReader::Order::Cursor);
    reader.setPageSize(10);
    int pages = 0;
    QCOMPARE(readForward(reader, 0, &pages).size(), 25);
    QCOMPARE(pages, 3);
    // At the end the cursor's connection went back to the pool, outside any transaction.
    QTRY_COMPARE(m_pool->stats().active, 0);
    const auto jump = page([&](QObject *c, auto done) { reader.fetchLast(c, done); });
    QVERIFY(!jump.ok());
}

void TestTableReader::filterAndSortChangeTheGeneration()
{
    TableReader reader(m_pool.get(), describe(u"graded"_s));
    const quint64 before = reader.generation();
    reader.setFilter({{{u"grade"_s, FilterOperator::Equal, {u"3"_s}}}, false, {}});
    QVERIFY(reader.generation() > before);
    const auto filtered = page([&](QObject *c, auto done) { reader.fetchFirst(c, done); });
    QVERIFY(filtered.ok());
    QCOMPARE(filtered->generation, reader.generation());
    const auto expected =
        test::run(*m_pool, u"SELECT count(*) FROM reader.graded WHERE grade = 3"_s);
    QCOMPARE(QString::number(filtered->rows.rowCount()), expected->text(0, 0));
    // With a filter, the keyset condition's parameters follow the filter's.
    reader.setPageSize(5);
    int pages = 0;
    QCOMPARE(QString::number(readForward(reader, 0, &pages).size()), expected->text(0, 0));
    const quint64 filteredGeneration = reader.generation();
    reader.setSort({{u"name"_s, false, std::nullopt}});
    QVERIFY(reader.generation() > filteredGeneration);
}

void TestTableReader::jumpsLandNearTheirFractionWithoutOffset()
{
    TableReader reader(m_pool.get(), describe(u"big"_s));
    reader.setPageSize(100);
    for (const double fraction : {0.5, 0.9, 0.0, 1.0}) {
        const auto jumped =
            page([&](QObject *c, auto done) { reader.fetchAtFraction(fraction, c, done); });
        QVERIFY2(jumped.ok(), test::describe(jumped).constData());
        QCOMPARE(jumped->rows.rowCount() > 0, true);
        const double id = jumped->rows.text(0, 0).toDouble();
        // The histogram has a hundred buckets: within two of them.
        QVERIFY2(std::abs(id - fraction * 1'000'000) <= 20'000, qPrintable(QString::number(id)));
    }
    // Sorted on the indexed timestamp, descending: 10 % in is near the end of the ids.
    reader.setSort({{u"at"_s, true, std::nullopt}});
    const auto late = page([&](QObject *c, auto done) { reader.fetchAtFraction(0.1, c, done); });
    QVERIFY(late.ok());
    QVERIFY(std::abs(late->rows.text(0, 0).toDouble() - 900'000) <= 20'000);
    // Backwards from there, keyset as well.
    const PageKey key = late->firstKey;
    const auto before = page([&](QObject *c, auto done) { reader.fetchBefore(key, c, done); });
    QVERIFY(before.ok());
    QCOMPARE(before->rows.rowCount(), 100);
    QCOMPARE(before->rows.text(99, 0).toLongLong(), late->rows.text(0, 0).toLongLong() + 1);
    const auto last = page([&](QObject *c, auto done) { reader.fetchLast(c, done); });
    QCOMPARE(last->rows.text(99, 0), u"1"_s);
    for (const QString &sql : reader.statementsSent())
        QVERIFY2(!sql.contains(u"OFFSET"_s, Qt::CaseInsensitive), qPrintable(sql));
}

void TestTableReader::estimateSaysWhenTheServerSortsEverything()
{
    TableReader reader(m_pool.get(), describe(u"big"_s));
    const auto byKey =
        test::await<TableReader::Estimate>([&](auto done) { reader.estimate(this, done); });
    QVERIFY2(byKey.ok(), test::describe(byKey).constData());
    QVERIFY(std::abs(double(byKey->rows) - 1'000'000) < 50'000);
    QVERIFY(!byKey->sortsWholeTable);
    reader.setSort({{u"note"_s, false, std::nullopt}}); // no index on note
    reader.setFilter({{{u"id"_s, FilterOperator::LessOrEqual, {u"500000"_s}}}, false, {}});
    const auto byNote =
        test::await<TableReader::Estimate>([&](auto done) { reader.estimate(this, done); });
    QVERIFY(byNote.ok());
    QVERIFY2(std::abs(double(byNote->rows) - 500'000) < 50'000,
             qPrintable(QString::number(byNote->rows)));
    QVERIFY(byNote->sortsWholeTable);
}

// Closing a table tab while its page loads destroyed the reader under a pending page: the page's
// callback then ran into freed memory (a heap-use-after-free under AddressSanitizer).
void TestTableReader::destroyingTheReaderMidPageNeverCallsBack()
{
    const TableDetails items = describe(u"items"_s);
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
    QVERIFY(test::run(holder, u"BEGIN; LOCK TABLE reader.items IN ACCESS EXCLUSIVE MODE"_s).ok());

    int calls = 0;
    auto reader = std::make_unique<TableReader>(&pool, items);
    reader->fetchFirst(this, [&calls](const Result<TableReader::Page> &) { ++calls; });
    QTRY_COMPARE(test::waitingLocks(holder, pid), 1);
    reader.reset();
    QTRY_COMPARE(test::waitingLocks(holder, pid), 0);
    QVERIFY(test::run(holder, u"ROLLBACK"_s).ok());
    QTRY_COMPARE(pool.stats().idle, 1);

    auto again = test::acquire(pool, this);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->backendPid(), pid);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestTableReader)
#include "tst_table_reader.moc"
