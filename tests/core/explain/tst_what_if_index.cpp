#include "connection/connection_pool.h"
#include "explain/what_if_index.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// HypoPG round trips on the fixture: the index is tried, never built, and nothing is left.
class TestWhatIfIndex : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void hypotheticalIndexChangesThePlanAndLeavesNothing();
    void badIndexIsReportedAndLeavesNothing();

private:
    static Result<WhatIfOutcome> tryIndex(ConnectionPool &pool, const QString &statement,
                                          const QString &createIndex);
    void verifySchemaUntouched();
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestWhatIfIndex::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS whatif_test CASCADE;
        DROP EXTENSION IF EXISTS hypopg;
        CREATE SCHEMA whatif_test;
        CREATE TABLE whatif_test.orders AS
            SELECT i AS id, i % 5000 AS customer_id, repeat('x', 50) AS note
            FROM generate_series(1, 100000) i;
        ANALYZE whatif_test.orders;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

Result<WhatIfOutcome> TestWhatIfIndex::tryIndex(ConnectionPool &pool, const QString &statement,
                                                const QString &createIndex)
{
    WhatIfIndex trial(&pool);
    return test::await<WhatIfOutcome>([&](auto done) {
        QObject::connect(&trial, &WhatIfIndex::finished, &trial,
                         [done](const Result<WhatIfOutcome> &outcome) { done(outcome); });
        trial.start(statement, createIndex);
    });
}

void TestWhatIfIndex::verifySchemaUntouched()
{
    const auto left = test::run(*m_pool, uR"(
        SELECT (SELECT count(*) FROM pg_extension WHERE extname = 'hypopg'),
               (SELECT count(*) FROM pg_indexes WHERE schemaname = 'whatif_test'))"_s);
    QVERIFY2(left.ok(), test::describe(left).constData());
    QCOMPARE(left->text(0, 0), u"0"_s);
    QCOMPARE(left->text(0, 1), u"0"_s);
}

void TestWhatIfIndex::hypotheticalIndexChangesThePlanAndLeavesNothing()
{
    const auto outcome =
        tryIndex(*m_pool, u"SELECT * FROM whatif_test.orders WHERE customer_id = 42;"_s,
                 u"CREATE INDEX CONCURRENTLY ON whatif_test.orders (customer_id);"_s);
    QVERIFY2(outcome.ok(), test::describe(outcome).constData());
    QCOMPARE(outcome->createIndex, u"CREATE INDEX ON whatif_test.orders (customer_id)"_s);
    QVERIFY2(outcome->hypotheticalIndex.contains(u"customer_id"_s),
             qPrintable(outcome->hypotheticalIndex));
    QVERIFY(outcome->indexUsed);
    QVERIFY2(outcome->costAfter < outcome->costBefore / 10,
             qPrintable(u"%1 -> %2"_s.arg(outcome->costBefore).arg(outcome->costAfter)));
    QCOMPARE(outcome->before.root.nodeType, u"Seq Scan"_s);
    // The scan of orders, the root, changed its method; the index scan is new.
    QVERIFY(!outcome->diff.empty());
    QCOMPARE(outcome->diff.front().change, PlanDiffEntry::Change::Changed);
    QCOMPARE(outcome->diff.front().labelBefore, u"Seq Scan on orders"_s);
    QVERIFY(*outcome->diff.front().totalCostDelta < 0);
    bool indexScanShown = false;
    for (const PlanDiffEntry &entry : outcome->diff)
        indexScanShown = indexScanShown || entry.labelAfter.contains(outcome->hypotheticalIndex);
    QVERIFY(indexScanShown);
    verifySchemaUntouched();

    // The trial's connection was not handed back: the next EXPLAIN sees no phantom index.
    const auto later = test::run(
        *m_pool,
        u"EXPLAIN (FORMAT JSON) SELECT * FROM whatif_test.orders WHERE customer_id = 42"_s);
    QVERIFY2(later.ok(), test::describe(later).constData());
    QVERIFY(!later->text(0, 0).contains(outcome->hypotheticalIndex));
}

void TestWhatIfIndex::badIndexIsReportedAndLeavesNothing()
{
    const auto outcome = tryIndex(*m_pool, u"SELECT * FROM whatif_test.orders WHERE id = 1"_s,
                                  u"CREATE INDEX ON whatif_test.orders (no_such_column)"_s);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.error().message.contains(u"no_such_column"_s),
             qPrintable(outcome.error().message));
    verifySchemaUntouched();
    QCOMPARE(m_pool->stats().active, 0);
}

QTEST_GUILESS_MAIN(TestWhatIfIndex)
#include "tst_what_if_index.moc"
