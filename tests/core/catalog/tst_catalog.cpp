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
    void listsSequencesAndTypes();
    void sizesCanFollowTheSnapshot();
    void sumsPartitionsThroughEveryLevel();
    void describesColumnsKeysAndIndexes();
    void missingTableIsAClearError();
    void readsCompositeKeysAcrossSchemas();
    void readsSelfReferencesAndTwoKeysToOneTable();
    void listsKeysOfPartitionedTablesOnce();

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
        ANALYZE events;
        CREATE SEQUENCE ticket_numbers AS integer;
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);
        CREATE TYPE pair AS (x integer, "Y" text);
        CREATE TYPE floatrange AS RANGE (subtype = float8);)"));
    QVERIFY2(created.ok(), test::describe(created).constData());

    // Foreign keys in a second schema, pointing back into the first: a composite key whose
    // column order differs from the referenced key's, a self-reference, two keys to one table,
    // and a partitioned table referencing both a plain and a partitioned one.
    const auto keys = test::runScript(*m_pool, QStringLiteral(R"(
        DROP SCHEMA IF EXISTS "FK ""Other"" side" CASCADE;
        CREATE SCHEMA "FK ""Other"" side";
        SET search_path = "FK ""Other"" side";
        CREATE TABLE "staff ""members""" (
            id int PRIMARY KEY,
            "boss id" int CONSTRAINT "reports to" REFERENCES "staff ""members""");
        CREATE TABLE "order lines" (
            tenant int, "account id" bigint, made_by int, checked_by int,
            CONSTRAINT "line's ""account""" FOREIGN KEY ("account id", tenant)
                REFERENCES "Catalog Test".accounts (id, tenant),
            CONSTRAINT made_by_fk FOREIGN KEY (made_by) REFERENCES "staff ""members""",
            CONSTRAINT checked_by_fk FOREIGN KEY (checked_by) REFERENCES "staff ""members""");
        CREATE TABLE shifts (day date PRIMARY KEY) PARTITION BY RANGE (day);
        CREATE TABLE shifts_2024 PARTITION OF shifts FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE shifts_2025 PARTITION OF shifts FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE audit (
            at date NOT NULL, "shift day" date, staff int,
            CONSTRAINT audit_shift FOREIGN KEY ("shift day") REFERENCES shifts,
            CONSTRAINT audit_staff FOREIGN KEY (staff) REFERENCES "staff ""members""")
            PARTITION BY RANGE (at);
        CREATE TABLE audit_2024 PARTITION OF audit FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE audit_2025 PARTITION OF audit FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');)"));
    QVERIFY2(keys.ok(), test::describe(keys).constData());
}

namespace {

const QString kOther = QStringLiteral("FK \"Other\" side");

// One key as a line, for comparisons that show what differs: name: s.t(a, b) -> s.t(c, d).
QString describeKey(const ForeignKey &key)
{
    return QStringLiteral("%1: %2.%3(%4) -> %5.%6(%7)")
        .arg(key.name, key.schema, key.table, key.columns.join(QStringLiteral(", ")),
             key.referencedSchema, key.referencedTable,
             key.referencedColumns.join(QStringLiteral(", ")));
}

QStringList describeKeys(const QList<ForeignKey> &keys)
{
    QStringList lines;
    for (const ForeignKey &key : keys)
        lines.append(describeKey(key));
    return lines;
}

} // namespace

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

void TestCatalog::listsSequencesAndTypes()
{
    Catalog catalog(m_pool.get());
    auto snapshot =
        test::await<CatalogSnapshot>([&](auto done) { catalog.loadSnapshot(this, done); });
    QVERIFY2(snapshot.ok(), test::describe(snapshot).constData());

    QList<SequenceInfo> sequences;
    for (const SequenceInfo &sequence : std::as_const(snapshot->sequences)) {
        if (sequence.schema == QStringLiteral("Catalog Test"))
            sequences.append(sequence);
    }
    // The identity column's own sequence, and one standing alone; ordered by name.
    QCOMPARE(sequences.size(), 2);
    QCOMPARE(sequences[0].name, QStringLiteral("accounts_id_seq"));
    QCOMPARE(sequences[0].dataType, QStringLiteral("bigint"));
    QCOMPARE(sequences[0].ownedBy, QStringLiteral("accounts.id"));
    QVERIFY(sequences[0].oid != 0);
    QCOMPARE(sequences[1].name, QStringLiteral("ticket_numbers"));
    QCOMPARE(sequences[1].dataType, QStringLiteral("integer"));
    QCOMPARE(sequences[1].ownedBy, QString());

    // No tables' row types, no arrays, and no multirange beside the range.
    QList<TypeInfo> types;
    for (const TypeInfo &type : std::as_const(snapshot->types)) {
        if (type.schema == QStringLiteral("Catalog Test"))
            types.append(type);
    }
    QCOMPARE(types.size(), 4);
    QCOMPARE(types[0].name, QStringLiteral("amount"));
    QCOMPARE(types[0].kind, TypeInfo::Kind::Domain);
    QCOMPARE(types[0].detail, QStringLiteral("numeric(12,2)"));
    QCOMPARE(types[1].name, QStringLiteral("floatrange"));
    QCOMPARE(types[1].kind, TypeInfo::Kind::Range);
    QCOMPARE(types[1].detail, QStringLiteral("double precision"));
    QCOMPARE(types[2].name, QStringLiteral("mood"));
    QCOMPARE(types[2].kind, TypeInfo::Kind::Enum);
    QCOMPARE(types[2].detail, QStringLiteral("'sad', 'ok'"));
    QCOMPARE(types[3].name, QStringLiteral("pair"));
    QCOMPARE(types[3].kind, TypeInfo::Kind::Composite);
    QCOMPARE(types[3].detail, QStringLiteral("x integer, \"Y\" text"));
    QVERIFY(types[3].oid != 0);
}

void TestCatalog::sizesCanFollowTheSnapshot()
{
    Catalog catalog(m_pool.get());
    auto full = test::await<CatalogSnapshot>([&](auto done) { catalog.loadSnapshot(this, done); });
    QVERIFY2(full.ok(), test::describe(full).constData());
    QVERIFY(full->hasSizes);
    auto quick = test::await<CatalogSnapshot>(
        [&](auto done) { catalog.loadSnapshot(this, SnapshotSizes::Later, done); });
    QVERIFY2(quick.ok(), test::describe(quick).constData());
    QVERIFY(!quick->hasSizes);
    auto sizes =
        test::await<RelationSizes>([&](auto done) { catalog.loadRelationSizes(this, done); });
    QVERIFY2(sizes.ok(), test::describe(sizes).constData());
    // Other tests make tables in this database at the same time: compare this test's own.
    const auto ours = [](const CatalogSnapshot &snapshot) {
        QList<RelationInfo> relations;
        for (const RelationInfo &relation : snapshot.relations) {
            if (relation.schema == u"Catalog Test")
                relations.append(relation);
        }
        return relations;
    };
    const QList<RelationInfo> quickOnes = ours(quick.value());
    const QList<RelationInfo> fullOnes = ours(full.value());
    QCOMPARE(quickOnes.size(), fullOnes.size());
    QVERIFY(!quickOnes.isEmpty());
    // The same figures as a snapshot with its sizes, partitioned tables summed alike.
    for (qsizetype i = 0; i < quickOnes.size(); ++i) {
        const RelationInfo &relation = quickOnes.at(i);
        QCOMPARE(relation.name, fullOnes.at(i).name);
        QCOMPARE(relation.totalBytes, qint64(0));
        QVERIFY2(sizes->contains(relation.oid), qPrintable(relation.name));
        QCOMPARE(sizes->value(relation.oid), fullOnes.at(i).totalBytes);
        QCOMPARE(relation.estimatedRows, fullOnes.at(i).estimatedRows);
    }
}

void TestCatalog::sumsPartitionsThroughEveryLevel()
{
    const auto created = test::runScript(*m_pool, QStringLiteral(R"(
        DROP SCHEMA IF EXISTS catalog_levels CASCADE;
        CREATE SCHEMA catalog_levels;
        SET search_path = catalog_levels;
        CREATE TABLE readings (at date NOT NULL, site int NOT NULL, v float8)
            PARTITION BY RANGE (at);
        CREATE TABLE readings_2024 PARTITION OF readings
            FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE readings_2025 PARTITION OF readings
            FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (site);
        CREATE TABLE readings_2025_a PARTITION OF readings_2025 FOR VALUES IN (1);
        CREATE TABLE readings_2025_b PARTITION OF readings_2025 FOR VALUES IN (2);
        INSERT INTO readings SELECT date '2024-06-01', 1, i FROM generate_series(1, 30) i;
        INSERT INTO readings SELECT date '2025-06-01', 1 + i % 2, i FROM generate_series(1, 50) i;
        ANALYZE readings;)"));
    QVERIFY2(created.ok(), test::describe(created).constData());
    Catalog catalog(m_pool.get());
    auto snapshot =
        test::await<CatalogSnapshot>([&](auto done) { catalog.loadSnapshot(this, done); });
    QVERIFY2(snapshot.ok(), test::describe(snapshot).constData());
    QHash<QString, RelationInfo> relations;
    for (const RelationInfo &relation : std::as_const(snapshot->relations)) {
        if (relation.schema == QStringLiteral("catalog_levels"))
            relations.insert(relation.name, relation);
    }
    QCOMPARE(relations.size(), 5);
    const RelationInfo &root = relations[QStringLiteral("readings")];
    const RelationInfo &middle = relations[QStringLiteral("readings_2025")];
    QCOMPARE(middle.parentOid, root.oid);
    QCOMPARE(relations[QStringLiteral("readings_2025_b")].parentOid, middle.oid);
    QCOMPARE(middle.estimatedRows, 50.0);
    QCOMPARE(root.estimatedRows, 80.0);
    const qint64 leaves = relations[QStringLiteral("readings_2024")].totalBytes +
                          relations[QStringLiteral("readings_2025_a")].totalBytes +
                          relations[QStringLiteral("readings_2025_b")].totalBytes;
    QVERIFY(leaves > 0);
    QCOMPARE(root.totalBytes, leaves);
    QCOMPARE(middle.totalBytes, leaves - relations[QStringLiteral("readings_2024")].totalBytes);
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

void TestCatalog::readsCompositeKeysAcrossSchemas()
{
    Catalog catalog(m_pool.get());
    auto lines = test::await<TableDetails>(
        [&](auto done) { catalog.loadTable(kOther, QStringLiteral("order lines"), this, done); });
    QVERIFY2(lines.ok(), test::describe(lines).constData());
    QCOMPARE(lines->referencedBy.size(), 0);
    // By name: checked_by_fk, line's "account", made_by_fk.
    QCOMPARE(describeKeys(lines->foreignKeys),
             (QStringList{
                 QStringLiteral("checked_by_fk: FK \"Other\" side.order lines(checked_by) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
                 QStringLiteral("line's \"account\": FK \"Other\" side.order lines(account id, "
                                "tenant) -> Catalog Test.accounts(id, tenant)"),
                 QStringLiteral("made_by_fk: FK \"Other\" side.order lines(made_by) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
             }));

    // The same key, seen from the referenced table in the other schema.
    auto accounts = test::await<TableDetails>([&](auto done) {
        catalog.loadTable(QStringLiteral("Catalog Test"), QStringLiteral("accounts"), this, done);
    });
    QVERIFY2(accounts.ok(), test::describe(accounts).constData());
    QCOMPARE(accounts->foreignKeys.size(), 0);
    QCOMPARE(accounts->referencedBy.size(), 1);
    QCOMPARE(accounts->referencedBy[0], lines->foreignKeys[1]);
}

void TestCatalog::readsSelfReferencesAndTwoKeysToOneTable()
{
    Catalog catalog(m_pool.get());
    auto staff = test::await<TableDetails>([&](auto done) {
        catalog.loadTable(kOther, QStringLiteral("staff \"members\""), this, done);
    });
    QVERIFY2(staff.ok(), test::describe(staff).constData());
    const QString selfReference =
        QStringLiteral("reports to: FK \"Other\" side.staff \"members\"(boss id) -> "
                       "FK \"Other\" side.staff \"members\"(id)");
    QCOMPARE(describeKeys(staff->foreignKeys), QStringList{selfReference});
    // By referencing table, then name; the partitioned audit's key once, not once per partition.
    QCOMPARE(describeKeys(staff->referencedBy),
             (QStringList{
                 QStringLiteral("audit_staff: FK \"Other\" side.audit(staff) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
                 QStringLiteral("checked_by_fk: FK \"Other\" side.order lines(checked_by) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
                 QStringLiteral("made_by_fk: FK \"Other\" side.order lines(made_by) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
                 selfReference,
             }));
}

void TestCatalog::listsKeysOfPartitionedTablesOnce()
{
    Catalog catalog(m_pool.get());
    const auto load = [&](const QString &name) {
        return test::await<TableDetails>(
            [&](auto done) { catalog.loadTable(kOther, name, this, done); });
    };
    // PostgreSQL clones audit's keys onto each of its partitions and, for the key to the
    // partitioned shifts, from audit to each partition of shifts: none of them is audit's own.
    auto audit = load(QStringLiteral("audit"));
    QVERIFY2(audit.ok(), test::describe(audit).constData());
    QCOMPARE(describeKeys(audit->foreignKeys),
             (QStringList{
                 QStringLiteral("audit_shift: FK \"Other\" side.audit(shift day) -> "
                                "FK \"Other\" side.shifts(day)"),
                 QStringLiteral("audit_staff: FK \"Other\" side.audit(staff) -> "
                                "FK \"Other\" side.staff \"members\"(id)"),
             }));

    auto shifts = load(QStringLiteral("shifts"));
    QVERIFY2(shifts.ok(), test::describe(shifts).constData());
    QCOMPARE(describeKeys(shifts->referencedBy), QStringList{describeKey(audit->foreignKeys[0])});

    // A partition holds rows the key constrains, so it lists the key it inherited, as its own.
    auto audit2024 = load(QStringLiteral("audit_2024"));
    QVERIFY2(audit2024.ok(), test::describe(audit2024).constData());
    QCOMPARE(audit2024->foreignKeys.size(), 2);
    for (const ForeignKey &key : std::as_const(audit2024->foreignKeys))
        QCOMPARE(key.table, QStringLiteral("audit_2024"));
    QCOMPARE(audit2024->foreignKeys[0].referencedTable, QStringLiteral("shifts"));
    QCOMPARE(audit2024->foreignKeys[1].referencedTable, QStringLiteral("staff \"members\""));

    // A referenced partition shows the key from audit once, not once per audit partition.
    auto shifts2025 = load(QStringLiteral("shifts_2025"));
    QVERIFY2(shifts2025.ok(), test::describe(shifts2025).constData());
    QCOMPARE(shifts2025->referencedBy.size(), 1);
    QCOMPARE(shifts2025->referencedBy[0].table, QStringLiteral("audit"));
    QCOMPARE(shifts2025->referencedBy[0].columns, QStringList{QStringLiteral("shift day")});
    QCOMPARE(shifts2025->referencedBy[0].referencedTable, QStringLiteral("shifts_2025"));
    QCOMPARE(shifts2025->foreignKeys.size(), 0);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
