#include "completion/completion_catalog.h"
#include "completion/sql_completion.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestCompletionCatalog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsSchemasTablesColumnsAndFunctions();
    void loadReplacesTheContents();
    void failureIsReportedAndKeepsTheContents();
    void cleanupTestCase();

private:
    void loadOrFail(CompletionCatalog &catalog);

    std::unique_ptr<ConnectionPool> m_pool;
};

void TestCompletionCatalog::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS "Completion Test" CASCADE;
        CREATE SCHEMA "Completion Test";
        CREATE TABLE "Completion Test".customers (
            id bigint PRIMARY KEY, "Full Name" varchar(80), dropped int, email text);
        ALTER TABLE "Completion Test".customers DROP COLUMN dropped;
        CREATE VIEW "Completion Test".customer_emails AS SELECT id, email FROM "Completion Test".customers;
        CREATE FUNCTION "Completion Test".customer_count() RETURNS bigint
            LANGUAGE sql AS 'SELECT count(*) FROM "Completion Test".customers';
        CREATE FUNCTION "Completion Test".customer_count(int) RETURNS bigint
            LANGUAGE sql AS 'SELECT $1::bigint';
        CREATE FUNCTION "Completion Test".audit() RETURNS trigger
            LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestCompletionCatalog::cleanupTestCase()
{
    const auto dropped = test::run(*m_pool, u"DROP SCHEMA IF EXISTS \"Completion Test\" CASCADE"_s);
    QVERIFY2(dropped.ok(), test::describe(dropped).constData());
}

void TestCompletionCatalog::loadOrFail(CompletionCatalog &catalog)
{
    QSignalSpy loaded(&catalog, &CompletionCatalog::loaded);
    QSignalSpy failed(&catalog, &CompletionCatalog::failed);
    catalog.load();
    QVERIFY(catalog.isLoading());
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!catalog.isLoading());
    QVERIFY(catalog.isLoaded());
}

void TestCompletionCatalog::loadsSchemasTablesColumnsAndFunctions()
{
    CompletionCatalog catalog(m_pool.get());
    QVERIFY(!catalog.isLoaded());
    loadOrFail(catalog);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(catalog.schemasWithPrefix(u"completion"), QStringList{u"Completion Test"_s});
    QVERIFY(catalog.schemasWithPrefix(u"pg_").contains(u"pg_catalog"_s));
    QVERIFY(!catalog.schemasWithPrefix(u"pg_").contains(u"pg_toast"_s));
    QCOMPARE(catalog.searchPath().value(0), u"pg_catalog"_s);
    QVERIFY(catalog.searchPath().contains(u"public"_s));

    const CompletionTable *customers = catalog.findTable(u"Completion Test"_s, u"customers"_s);
    QVERIFY(customers);
    QCOMPARE(customers->columns, (QStringList{u"id"_s, u"Full Name"_s, u"email"_s}));
    QCOMPARE(customers->columnTypes,
             (QStringList{u"bigint"_s, u"character varying(80)"_s, u"text"_s}));
    QCOMPARE(customers->kind, RelationInfo::Kind::Table);
    const auto tables = catalog.tablesWithPrefix(u"CUSTOMER", u"Completion Test"_s);
    QCOMPARE(tables.size(), 2);
    QCOMPARE(tables.at(0)->name, u"customer_emails"_s);
    QCOMPARE(tables.at(0)->kind, RelationInfo::Kind::View);
    QCOMPARE(tables.at(0)->columns, (QStringList{u"id"_s, u"email"_s}));
    QVERIFY(catalog.tablesWithPrefix(u"pg_cla", u"pg_catalog"_s).size() == 1);

    // One entry per name, overloads or not; trigger functions are left out.
    const auto functions = catalog.functionsWithPrefix({}, u"Completion Test"_s);
    QCOMPARE(functions.size(), 1);
    QCOMPARE(functions.at(0)->name, u"customer_count"_s);
    QVERIFY(!catalog.functionsWithPrefix(u"lower", u"pg_catalog"_s).isEmpty());
    QVERIFY(catalog.functionsWithPrefix(u"tsvector_update_trigger", {}).isEmpty());
    QVERIFY(catalog.functionsWithPrefix(u"array_agg_transfn", {}).isEmpty()); // internal
    // The engine reads the loaded catalog.
    const QString sql = u"SELECT c. FROM \"Completion Test\".customers c"_s;
    const Completions found = complete(catalog, sql, 9);
    QCOMPARE(found.items.size(), 3);
    QCOMPARE(found.items.at(1).text, u"\"Full Name\""_s);
    QCOMPARE(found.items.at(1).detail, u"character varying(80) · customers"_s);
}

void TestCompletionCatalog::loadReplacesTheContents()
{
    CompletionCatalog catalog(m_pool.get());
    catalog.setContents({u"stale"_s}, {{u"stale"_s, u"old"_s, {}}}, {});
    QVERIFY(catalog.findTable(u"stale"_s, u"old"_s));
    loadOrFail(catalog);
    QVERIFY(!catalog.findTable(u"stale"_s, u"old"_s));
    QVERIFY(catalog.findTable(u"Completion Test"_s, u"customers"_s));
}

void TestCompletionCatalog::failureIsReportedAndKeepsTheContents()
{
    ConnectionPool unreachable(test::testParameters(u"mizzle_no_such_database"_s), PoolSettings{});
    CompletionCatalog catalog(&unreachable);
    catalog.setContents({u"kept"_s}, {{u"kept"_s, u"t"_s, {u"c"_s}}}, {});
    QSignalSpy loaded(&catalog, &CompletionCatalog::loaded);
    QSignalSpy failed(&catalog, &CompletionCatalog::failed);
    catalog.load();
    QVERIFY(failed.wait(30'000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(loaded.count(), 0);
    QVERIFY(!failed.at(0).at(0).value<Error>().message.isEmpty());
    QVERIFY(!catalog.isLoading());
    QVERIFY(catalog.findTable(u"kept"_s, u"t"_s));
}

QTEST_GUILESS_MAIN(TestCompletionCatalog)
#include "tst_completion_catalog.moc"
