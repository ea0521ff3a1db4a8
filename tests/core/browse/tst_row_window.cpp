#include "browse/row_window.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Kind = RowWindow::Need::Kind;

// The window's bookkeeping, fed with pages of real rows (ids from the server) as the reader
// would deliver them.
class TestRowWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void readsDownToAnExactEnd();
    void jumpIsPlacedAndRenumberedAtTheTop();
    void needsPickTheCheapestRead();
    void trimKeepsMemoryBoundedAroundTheScreen();

private:
    // Rows first..last (inclusive) as a page, with their ids as keys.
    TableReader::Page page(int first, int last, bool atStart = false, bool atEnd = false);
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestRowWindow::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
}

TableReader::Page TestRowWindow::page(int first, int last, bool atStart, bool atEnd)
{
    const auto rows = test::run(*m_pool, u"SELECT generate_series($1::int, $2::int)"_s,
                                {QString::number(first), QString::number(last)});
    if (!rows)
        qFatal("%s", test::describe(rows).constData());
    TableReader::Page page;
    page.rows = rows.value();
    page.firstKey.values = {QString::number(first)};
    page.lastKey.values = {QString::number(last)};
    page.atStart = atStart;
    page.atEnd = atEnd;
    return page;
}

void TestRowWindow::readsDownToAnExactEnd()
{
    RowWindow window(100, 8);
    QCOMPARE(window.need(0, 20).kind, Kind::First);
    window.accept({Kind::First}, page(1, 100, true));
    window.setEstimate(250); // the planner's guess arrives
    QCOMPARE(window.total(), 250);
    QVERIFY(window.rowNumbersExact());
    qsizetype inPage = 0;
    QCOMPARE(window.row(41, &inPage)->text(inPage, 0), u"42"_s);

    const RowWindow::Need next = window.need(60, 80); // near the end of what is held: read ahead
    QCOMPARE(next.kind, Kind::After);
    QCOMPARE(next.key.values.first(), u"100"_s);
    window.accept(next, page(101, 200));
    const RowWindow::Change last =
        window.accept(window.need(150, 199), page(201, 230, false, true));
    // The table has 230 rows, not the 250 guessed: the count follows what was read.
    QCOMPARE(last.totalAfter, 230);
    QVERIFY(window.totalExact());
    QCOMPARE(window.need(200, 229).kind, Kind::Nothing);
    QCOMPARE(window.row(229, &inPage)->text(inPage, 0), u"230"_s);
}

void TestRowWindow::jumpIsPlacedAndRenumberedAtTheTop()
{
    RowWindow window(100, 8);
    window.setEstimate(1'000'000);
    const RowWindow::Need jump = window.need(730'000, 730'030);
    QCOMPARE(jump.kind, Kind::Jump);
    QCOMPARE(jump.anchor, 730'000);
    QVERIFY(std::abs(jump.fraction - 0.73) < 1e-9);
    window.accept(jump, page(729'001, 729'100)); // the histogram put it a little early
    QCOMPARE(window.start(), 730'000);
    QVERIFY(!window.rowNumbersExact());

    // Scrolling up reads backwards from the first row held.
    const RowWindow::Need up = window.need(729'950, 730'010);
    QCOMPARE(up.kind, Kind::Before);
    QCOMPARE(up.key.values.first(), u"729001"_s);

    // Near the top: a jump placed at row 150 meets the table's start after 100 rows, so the
    // rows numbered 50 and up were 50 too low; they move up and the numbers become exact.
    RowWindow top(100, 8);
    top.setEstimate(10'000);
    top.accept({Kind::Jump, {}, 0.015, 150}, page(101, 200));
    const RowWindow::Change change = top.accept({Kind::Before, {}, 0, 0}, page(1, 100, true));
    QCOMPARE(change.removedAtTop, 50);
    QCOMPARE(top.start(), 0);
    QVERIFY(top.rowNumbersExact());
    qsizetype inPage = 0;
    QCOMPARE(top.row(100, &inPage)->text(inPage, 0), u"101"_s);
}

void TestRowWindow::needsPickTheCheapestRead()
{
    RowWindow window(100, 8);
    window.setEstimate(5000);
    QCOMPARE(window.need(0, 30).kind, Kind::First);
    QCOMPARE(window.need(4980, 4999).kind, Kind::Last);
    QCOMPARE(window.need(2500, 2530).kind, Kind::Jump);
    window.accept({Kind::Last}, page(4901, 5000, false, true));
    QCOMPARE(window.start(), 4900);
    QCOMPARE(window.need(4950, 4980).kind, Kind::Nothing);
    QCOMPARE(window.need(4850, 4880).kind, Kind::Before); // just above: extend, no jump
    QCOMPARE(window.need(100, 130).kind, Kind::Jump);     // far above: jump
}

void TestRowWindow::trimKeepsMemoryBoundedAroundTheScreen()
{
    RowWindow window(100, 4);
    window.accept({Kind::First}, page(1, 100, true));
    for (int first = 101; first <= 701; first += 100) {
        window.accept(window.need(first, first + 50), page(first, first + 99));
        const auto dropped = window.trim(first, first + 50);
        QVERIFY(window.held() <= 400);
        for (const auto &[from, to] : dropped)
            QVERIFY(to <= first); // only rows above the screen were let go
    }
    QCOMPARE(window.start(), 400);
    QVERIFY(!window.reachesStart());
    QCOMPARE(window.need(390, 420).kind, Kind::Before); // what was let go is read again
}

QTEST_GUILESS_MAIN(TestRowWindow)
#include "tst_row_window.moc"
