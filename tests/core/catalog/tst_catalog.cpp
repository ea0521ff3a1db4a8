#include "catalog/catalog.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;

class TestCatalog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsSchemasAndRelations();
    void describesColumnsKeysAndIndexes();
    void missingTableIsAClearError();

private:
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestCatalog::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, QStringLiteral(R"(
        DROP SCHEMA IF EXISTS "Catalog Test" CASCADE;
        CREATE SCHEMA "Catalog Test";
        SET search_path = "Catalog Test";
        CREATE TABLE accounts (
            tenant int NOT NULL,
            id bigint GENERATED ALWAYS AS IDENTITY,
            email varchar(80) NOT NULL,
            nickname text DEFAULT 'anon',
            email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
            PRIMARY KEY (tenant, id));
        CREATE UNIQUE INDEX accounts_email ON accounts (email);
        INSERT INTO accounts (tenant, email) SELECT i % 3, 'a' || i || '@x' FROM generate_series(1, 500) i;
        ANALYZE accounts;
        CREATE VIEW account_emails AS SELECT email FROM accounts;
        CREATE MATERIALIZED VIEW tenant_counts AS SELECT tenant, count(*) FROM accounts GROUP BY 1;
        CREATE TABLE events (at date NOT NULL, what text) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        INSERT INTO events SELECT date '2024-01-01' + i, 'e' FROM generate_series(0, 99) i;
        ANALYZE events;)"));
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestCatalog::listsSchemasAndRelations()
{
    Catalog catalog(m_pool.get());
    auto snapshot =
        test::await<CatalogSnapshot>([&](auto done) { catalog.loadSnapshot(this, done); });
    QVERIFY2(snapshot.ok(), test::describe(snapshot).constData());
    QVERIFY(snapshot->schemas.contains(QStringLiteral("Catalog Test")));
    QVERIFY(!snapshot->schemas.contains(QStringLiteral("pg_catalog")));

    QHash<QString, RelationInfo> relations;
    for (const RelationInfo &relation : std::as_const(snapshot->relations)) {
        if (relation.schema == QStringLiteral("Catalog Test"))
            relations.insert(relation.name, relation);
    }
    QCOMPARE(relations.size(), 5);
    QCOMPARE(relations[QStringLiteral("accounts")].kind, RelationInfo::Kind::Table);
    QCOMPARE(relations[QStringLiteral("accounts")].estimatedRows, 500.0);
    QVERIFY(relations[QStringLiteral("accounts")].totalBytes > 0);
    QCOMPARE(relations[QStringLiteral("account_emails")].kind, RelationInfo::Kind::View);
    QCOMPARE(relations[QStringLiteral("tenant_counts")].kind, RelationInfo::Kind::MaterializedView);
    const RelationInfo events = relations[QStringLiteral("events")];
    QCOMPARE(events.kind, RelationInfo::Kind::PartitionedTable);
    QCOMPARE(events.estimatedRows, 100.0); // summed over its partitions
    QCOMPARE(relations[QStringLiteral("events_2024")].parentOid, events.oid);
}

void TestCatalog::describesColumnsKeysAndIndexes()
{
    Catalog catalog(m_pool.get());
    auto table = test::await<TableDetails>([&](auto done) {
        catalog.loadTable(QStringLiteral("Catalog Test"), QStringLiteral("accounts"), this, done);
    });
    QVERIFY2(table.ok(), test::describe(table).constData());
    QCOMPARE(table->columns.size(), 5);
    const ColumnInfo &id = table->columns[1];
    QCOMPARE(id.name, QStringLiteral("id"));
    QCOMPARE(id.type, QStringLiteral("bigint"));
    QVERIFY(id.notNull);
    QCOMPARE(id.identity, QStringLiteral("always"));
    QCOMPARE(table->columns[2].type, QStringLiteral("character varying(80)"));
    QCOMPARE(table->columns[3].defaultExpression, QStringLiteral("'anon'::text"));
    QVERIFY(!table->columns[3].notNull);
    QCOMPARE(table->columns[4].generated, QStringLiteral("lower((email)::text)"));
    QCOMPARE(table->columns[4].defaultExpression, QString());
    QCOMPARE(table->primaryKey, (QStringList{QStringLiteral("tenant"), QStringLiteral("id")}));
    QCOMPARE(table->indexes.size(), 2);
    QCOMPARE(table->indexes[0].name, QStringLiteral("accounts_email"));
    QVERIFY(table->indexes[0].unique && !table->indexes[0].primary);
    QVERIFY(table->indexes[1].primary);
    QVERIFY(table->indexes[0].definition.startsWith(QStringLiteral("CREATE UNIQUE INDEX")));
}

void TestCatalog::missingTableIsAClearError()
{
    Catalog catalog(m_pool.get());
    auto table = test::await<TableDetails>([&](auto done) {
        catalog.loadTable(QStringLiteral("Catalog Test"), QStringLiteral("nope"), this, done);
    });
    QVERIFY(!table.ok());
    QCOMPARE(table.error().where, QStringLiteral("Catalog Test.nope"));
    QCOMPARE(table.error().message, QStringLiteral("no such table or view"));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
