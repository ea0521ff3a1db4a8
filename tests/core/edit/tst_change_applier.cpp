// Saving pending changes: conflicts with other sessions, rows found by their location and
// version, partitions, views and hostile names. Failures are in tst_change_applier_errors.
#include "edit/change_applier.h"
#include "save_support.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Kind = ChangeStatement::Kind;

class TestChangeApplier : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void concurrentUpdateAndDeleteAreConflicts();
    void rowsWithoutKeyAreFoundByLocationAndVersion();
    void rowMovedByVacuumFullIsAConflict();
    void partitionedRowsWithoutKeyNeedTheirPartition();
    void updateMovesARowToAnotherPartition();
    void viewIsGuardedByTheOldValues();
    void hostileNamesAndValuesRoundTrip();

private:
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestChangeApplier::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS saving CASCADE;
        DROP SCHEMA IF EXISTS "Sch""ema ☃" CASCADE;
        CREATE SCHEMA saving;
        SET search_path = saving;
        CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance int NOT NULL,
            created text DEFAULT 'by default');
        INSERT INTO accounts VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', 30);
        CREATE TABLE twins (v text, n int);
        CREATE TABLE shelf (v text);
        CREATE TABLE events (region text, note text) PARTITION BY LIST (region);
        CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
        CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us');
        CREATE TABLE orders (id int, region text, note text, PRIMARY KEY (id, region))
            PARTITION BY LIST (region);
        CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
        CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
        INSERT INTO orders VALUES (1, 'eu', 'first');
        CREATE TABLE people (id int PRIMARY KEY, name text, secret text);
        INSERT INTO people VALUES (1, 'dee', 's1'), (2, NULL, 's2');
        CREATE VIEW people_names AS SELECT id, name FROM people;
        CREATE SCHEMA "Sch""ema ☃";
        CREATE TABLE "Sch""ema ☃"."Tab'le ""x"" ✓" ("Ke y" text PRIMARY KEY, "va;l--" text);
        INSERT INTO "Sch""ema ☃"."Tab'le ""x"" ✓" VALUES ('k''1 ü', 'plain');)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestChangeApplier::concurrentUpdateAndDeleteAreConflicts()
{
    const TableDetails table = test::describeTable(*m_pool, u"saving"_s, u"accounts"_s).value();
    const auto rows =
        test::readRows(*m_pool, table, u"SELECT *, xmin FROM saving.accounts ORDER BY id"_s);
    QCOMPARE(rows.size(), 3);
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[0], 1, u"ann 2"_s);
    test::markDeleted(buffer, rows[1]);
    test::markChanged(buffer, rows[2], 1, u"cy 2"_s);
    const quint64 added = buffer.addRow({{0, CellValue::of(u"9"_s)}});
    const auto update = [](const test::ReadRow &row, const QString &name) {
        return test::change(Kind::Update, row.identity.mapKey(),
                            u"update of id = %1"_s.arg(row.identity.key.first()),
                            u"UPDATE saving.accounts SET name = $1 WHERE id = $2 AND xmin = "
                            "$3::xid RETURNING *, xmin"_s,
                            {name, row.identity.key.first(), row.identity.version});
    };
    const ChangeStatement insert = test::change(
        Kind::Insert, EditBuffer::newRowKey(added), u"new row 1"_s,
        u"INSERT INTO saving.accounts (id, name, balance) VALUES ($1, $2, $3) RETURNING *, xmin"_s,
        {u"9"_s, u"neo"_s, u"0"_s});
    const ChangeStatement remove =
        test::change(Kind::Delete, rows[1].identity.mapKey(), u"delete of id = 2"_s,
                     u"DELETE FROM saving.accounts WHERE id = $1 AND xmin = $2::xid RETURNING *"_s,
                     {u"2"_s, rows[1].identity.version});

    // Another session changes row 1 and deletes row 2 after they were read.
    const auto theirs = test::runScript(*m_pool, u"UPDATE saving.accounts SET balance = 11 "
                                                 "WHERE id = 1; DELETE FROM saving.accounts "
                                                 "WHERE id = 2"_s);
    QVERIFY2(theirs.ok(), test::describe(theirs).constData());

    ChangeApplier applier(m_pool.get());
    const QList<ChangeStatement> mine{update(rows[0], u"ann 2"_s), remove,
                                      update(rows[2], u"cy 2"_s), insert};
    const auto first = test::save(applier, mine, buffer);
    QVERIFY2(first.ok(), test::describe(first).constData());
    QVERIFY(!first->committed);
    QVERIFY(first->returned.isEmpty());
    QCOMPARE(first->conflicts.size(), 2);
    const ChangeConflict &changed = first->conflicts.at(0);
    QCOMPARE(changed.rowKey, rows[0].identity.mapKey());
    QCOMPARE(changed.description, u"update of id = 1"_s);
    QVERIFY(!changed.vanished);
    QCOMPARE(changed.current.rowCount(), 1);
    const auto now = rowValues(table, changed.current, 0);
    QCOMPARE(now.value(2), std::optional(u"11"_s)); // theirs
    QCOMPARE(now.value(1), std::optional(u"ann"_s));
    const RowIdentity reread = identityOf(table, changed.current, 0);
    QVERIFY(!reread.version.isEmpty());
    QVERIFY(reread.version != rows[0].identity.version);
    QCOMPARE(first->conflicts.at(1).rowKey, rows[1].identity.mapKey());
    QVERIFY(first->conflicts.at(1).vanished);
    QCOMPARE(first->conflicts.at(1).current.rowCount(), 0);

    // Nothing of the batch was applied, as another connection sees it.
    QCOMPARE(test::scalar(*m_pool, u"SELECT string_agg(id || ':' || name || ':' || balance, ' ' "
                                   "ORDER BY id) FROM saving.accounts"_s),
             u"1:ann:11 3:cy:30"_s);
    QVERIFY(!applier.isSaving());

    // Keep mine: the conflicting row again with the version read now, without the vanished one.
    const test::ReadRow rereadRow{reread, now};
    const auto second = test::save(
        applier, {update(rereadRow, u"ann 2"_s), update(rows[2], u"cy 2"_s), insert}, buffer);
    QVERIFY2(second.ok(), test::describe(second).constData());
    QVERIFY(second->committed);
    QVERIFY(second->conflicts.isEmpty());
    QCOMPARE(test::scalar(*m_pool, u"SELECT string_agg(id || ':' || name || ':' || balance, ' ' "
                                   "ORDER BY id) FROM saving.accounts"_s),
             u"1:ann 2:11 3:cy 2:30 9:neo:0"_s);
    // RETURNING shows what the server made of each row: its defaults and its new version.
    const QueryResult inserted = second->returned.value(EditBuffer::newRowKey(added));
    QCOMPARE(inserted.rowCount(), 1);
    QCOMPARE(rowValues(table, inserted, 0).value(3), std::optional(u"by default"_s));
    const QueryResult updated = second->returned.value(rows[0].identity.mapKey());
    QCOMPARE(updated.rowCount(), 1);
    QVERIFY(identityOf(table, updated, 0).version != reread.version);
}

void TestChangeApplier::rowsWithoutKeyAreFoundByLocationAndVersion()
{
    QVERIFY(test::runScript(*m_pool, u"INSERT INTO saving.twins VALUES ('same', 1), "
                                     "('same', 1)"_s)
                .ok());
    const TableDetails table = test::describeTable(*m_pool, u"saving"_s, u"twins"_s).value();
    const auto rows =
        test::readRows(*m_pool, table, u"SELECT *, ctid, xmin FROM saving.twins ORDER BY ctid"_s);
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows[0].identity.key.isEmpty());
    QVERIFY(rows[0].identity.location != rows[1].identity.location);
    QCOMPARE(rows[0].identity.version, rows[1].identity.version); // one INSERT wrote both
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[1], 1, u"2"_s);
    ChangeApplier applier(m_pool.get());
    const auto saved = test::save(
        applier,
        {test::change(Kind::Update, rows[1].identity.mapKey(), u"update of the second twin"_s,
                      u"UPDATE saving.twins SET n = $1 WHERE ctid = $2::tid AND xmin = $3::xid "
                      "RETURNING *, ctid, xmin"_s,
                      {u"2"_s, rows[1].identity.location, rows[1].identity.version})},
        buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(saved->committed);
    QCOMPARE(test::scalar(*m_pool, u"SELECT string_agg(v || n, ' ' ORDER BY n) FROM "
                                   "saving.twins"_s),
             u"same1 same2"_s);
}

void TestChangeApplier::rowMovedByVacuumFullIsAConflict()
{
    // Three rows written by three transactions, so that each has a version of its own.
    for (const QString &v : {u"a"_s, u"b"_s, u"c"_s})
        QVERIFY(test::run(*m_pool, u"INSERT INTO saving.shelf VALUES ($1)"_s, {v}).ok());
    const TableDetails table = test::describeTable(*m_pool, u"saving"_s, u"shelf"_s).value();
    const auto rows =
        test::readRows(*m_pool, table, u"SELECT *, ctid, xmin FROM saving.shelf ORDER BY v"_s);
    QCOMPARE(rows.size(), 3);
    // Another session deletes "a", and VACUUM FULL moves "b" and "c" down a place: "c" is now
    // where "b" was.
    QVERIFY(test::run(*m_pool, u"DELETE FROM saving.shelf WHERE v = 'a'"_s).ok());
    // VACUUM FULL keeps the deleted row while any transaction of the database might still see
    // it, and the tests beside this one hold theirs open for a while: it runs again until the
    // row is gone and "c" has moved.
    const auto vacuumed = [this, &rows] {
        if (!test::run(*m_pool, u"VACUUM FULL saving.shelf"_s).ok())
            return QString();
        return test::scalar(*m_pool, u"SELECT v FROM saving.shelf WHERE ctid = '%1'"_s.arg(
                                         rows[1].identity.location));
    };
    QTRY_COMPARE_WITH_TIMEOUT(vacuumed(), u"c"_s, 60'000);
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[1], 0, u"b 2"_s);
    ChangeApplier applier(m_pool.get());
    const auto saved = test::save(
        applier,
        {test::change(Kind::Update, rows[1].identity.mapKey(), u"update of b"_s,
                      u"UPDATE saving.shelf SET v = $1 WHERE ctid = $2::tid AND xmin = $3::xid "
                      "RETURNING *, ctid, xmin"_s,
                      {u"b 2"_s, rows[1].identity.location, rows[1].identity.version})},
        buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(!saved->committed);
    QCOMPARE(saved->conflicts.size(), 1);
    // Without a key there is no following the row: it is reported gone, never another row.
    QVERIFY(saved->conflicts.first().vanished);
    QCOMPARE(test::scalar(*m_pool, u"SELECT string_agg(v, ' ' ORDER BY v) FROM saving.shelf"_s),
             u"b c"_s);
}

void TestChangeApplier::partitionedRowsWithoutKeyNeedTheirPartition()
{
    // One INSERT puts a row first in each partition: same location, same version.
    QVERIFY(
        test::run(*m_pool, u"INSERT INTO saving.events VALUES ('eu', 'x'), ('us', 'x')"_s).ok());
    const TableDetails table = test::describeTable(*m_pool, u"saving"_s, u"events"_s).value();
    QCOMPARE(table.kind, RelationInfo::Kind::PartitionedTable);
    const auto rows = test::readRows(
        *m_pool, table, u"SELECT *, tableoid, ctid, xmin FROM saving.events ORDER BY region"_s);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].identity.location, rows[1].identity.location);
    QCOMPARE(rows[0].identity.version, rows[1].identity.version);
    QVERIFY(rows[0].identity.partition != rows[1].identity.partition);
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[1], 1, u"y"_s);
    ChangeApplier applier(m_pool.get());
    const auto update = [&](bool withPartition) {
        QString sql =
            u"UPDATE saving.events SET note = $1 WHERE ctid = $2::tid AND xmin = $3::xid"_s;
        PgConnection::Parameters parameters{u"y"_s, rows[1].identity.location,
                                            rows[1].identity.version};
        if (withPartition) {
            sql += u" AND tableoid = $4::oid"_s;
            parameters.append(rows[1].identity.partition);
        }
        return test::change(Kind::Update, rows[1].identity.mapKey(), u"update of us"_s,
                            sql + u" RETURNING *"_s, parameters);
    };
    // Without its partition the statement names two rows: refused, and nothing is applied.
    const auto refused = test::save(applier, {update(false)}, buffer);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"2 rows"_s), test::describe(refused).constData());
    QCOMPARE(refused.error().where, u"update of us"_s);
    QCOMPARE(test::scalar(*m_pool, u"SELECT count(*) FROM saving.events WHERE note = 'y'"_s),
             u"0"_s);
    const auto saved = test::save(applier, {update(true)}, buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(saved->committed);
    QCOMPARE(test::scalar(*m_pool, u"SELECT string_agg(region || '=' || note, ' ' ORDER BY "
                                   "region) FROM saving.events"_s),
             u"eu=x us=y"_s);
}

void TestChangeApplier::updateMovesARowToAnotherPartition()
{
    const TableDetails table = test::describeTable(*m_pool, u"saving"_s, u"orders"_s).value();
    const auto rows = test::readRows(*m_pool, table, u"SELECT *, xmin FROM saving.orders"_s);
    QCOMPARE(rows.size(), 1);
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[0], 1, u"us"_s);
    ChangeApplier applier(m_pool.get());
    const auto saved = test::save(
        applier,
        {test::change(Kind::Update, rows[0].identity.mapKey(), u"update of (1, eu) (region)"_s,
                      u"UPDATE saving.orders SET region = $1 WHERE id = $2 AND region = $3 AND "
                      "xmin = $4::xid RETURNING *, xmin"_s,
                      {u"us"_s, u"1"_s, u"eu"_s, rows[0].identity.version})},
        buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(saved->committed);
    const QueryResult moved = saved->returned.value(rows[0].identity.mapKey());
    QCOMPARE(rowValues(table, moved, 0).value(1), std::optional(u"us"_s));
    // By oid, not by name: regclass's text leaves the schema out where the search_path has it.
    QCOMPARE(test::scalar(*m_pool, u"SELECT tableoid = 'saving.orders_us'::regclass FROM "
                                   "saving.orders WHERE id = 1"_s),
             u"t"_s);
}

void TestChangeApplier::viewIsGuardedByTheOldValues()
{
    TableDetails view = test::describeTable(*m_pool, u"saving"_s, u"people_names"_s).value();
    QCOMPARE(view.kind, RelationInfo::Kind::View);
    view.primaryKey = {u"id"_s}; // a view has none of its own: the base table's, as chosen
    const auto rows =
        test::readRows(*m_pool, view, u"SELECT * FROM saving.people_names ORDER BY id"_s);
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows[1].identity.version.isEmpty());
    const auto rename = [](const test::ReadRow &row, const QString &name) {
        return test::change(Kind::Update, row.identity.mapKey(), u"update of id = 2 (name)"_s,
                            u"UPDATE saving.people_names SET name = $1 WHERE id = $2 AND name IS "
                            "NOT DISTINCT FROM $3 RETURNING *"_s,
                            {name, row.identity.key.first(), row.values.value(1)});
    };
    EditBuffer buffer(view);
    test::markChanged(buffer, rows[1], 1, u"eve"_s);
    ChangeApplier applier(m_pool.get());
    // The old value is NULL: IS NOT DISTINCT FROM matches it where = would not.
    const auto saved = test::save(applier, {rename(rows[1], u"eve"_s)}, buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(saved->committed);
    QCOMPARE(test::scalar(*m_pool, u"SELECT name || '/' || secret FROM saving.people "
                                   "WHERE id = 2"_s),
             u"eve/s2"_s);

    // Someone renames the row; the stale old value no longer matches: a conflict, with theirs.
    QVERIFY(test::run(*m_pool, u"UPDATE saving.people SET name = 'fay' WHERE id = 2"_s).ok());
    const test::ReadRow stale{rows[1].identity, {u"2"_s, u"eve"_s}};
    const auto conflicted = test::save(applier, {rename(stale, u"gus"_s)}, buffer);
    QVERIFY2(conflicted.ok(), test::describe(conflicted).constData());
    QVERIFY(!conflicted->committed);
    QCOMPARE(conflicted->conflicts.size(), 1);
    QVERIFY(!conflicted->conflicts.first().vanished);
    QCOMPARE(rowValues(view, conflicted->conflicts.first().current, 0).value(1),
             std::optional(u"fay"_s));
    QCOMPARE(test::scalar(*m_pool, u"SELECT name FROM saving.people WHERE id = 2"_s), u"fay"_s);
}

void TestChangeApplier::hostileNamesAndValuesRoundTrip()
{
    const QString schema = u"Sch\"ema ☃"_s, name = u"Tab'le \"x\" ✓"_s;
    const TableDetails table = test::describeTable(*m_pool, schema, name).value();
    QCOMPARE(table.primaryKey, QStringList{u"Ke y"_s});
    const auto lease = test::acquire(*m_pool, this);
    QVERIFY(lease.ok());
    const PgConnection &connection = *lease.value();
    const QString qualified =
        connection.quoteIdentifier(schema) + u'.' + connection.quoteIdentifier(name);
    const QString key = connection.quoteIdentifier(u"Ke y"_s);
    const QString value = connection.quoteIdentifier(u"va;l--"_s);
    const auto rows = test::readRows(*m_pool, table, u"SELECT *, xmin FROM %1"_s.arg(qualified));
    QCOMPARE(rows.size(), 1);
    const QString hostile = u"'); DROP TABLE saving.accounts; -- $1 \\ \"\" ''"_s;
    EditBuffer buffer(table);
    test::markChanged(buffer, rows[0], 1, hostile);
    const quint64 added = buffer.addRow();
    ChangeApplier applier(m_pool.get());
    const QList<ChangeStatement> statements{
        test::change(
            Kind::Update, rows[0].identity.mapKey(), u"update of the row"_s,
            u"UPDATE %1 SET %2 = $1 WHERE %3 = $2 AND xmin = $3::xid RETURNING *, xmin"_s.arg(
                qualified, value, key),
            {hostile, rows[0].identity.key.first(), rows[0].identity.version}),
        test::change(Kind::Insert, EditBuffer::newRowKey(added), u"new row"_s,
                     u"INSERT INTO %1 (%2, %3) VALUES ($1, $2) RETURNING *, xmin"_s.arg(qualified,
                                                                                        key, value),
                     {u"$2; SELECT 1"_s, std::nullopt})};
    const auto saved = test::save(applier, statements, buffer);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(saved->committed);
    QCOMPARE(test::scalar(*m_pool,
                          u"SELECT %1 FROM %2 WHERE %3 = 'k''1 ü'"_s.arg(value, qualified, key)),
             hostile);
    QCOMPARE(test::scalar(*m_pool, u"SELECT coalesce(%1, 'null') FROM %2 WHERE %3 = '$2; SELECT "
                                   "1'"_s.arg(value, qualified, key)),
             u"null"_s);
    QCOMPARE(test::scalar(*m_pool, u"SELECT count(*) FROM saving.accounts"_s).toInt() > 0, true);

    // The same statement again holds the old version now: a conflict, read back by its key.
    const auto again = test::save(applier, {statements.first()}, buffer);
    QVERIFY2(again.ok(), test::describe(again).constData());
    QCOMPARE(again->conflicts.size(), 1);
    QCOMPARE(rowValues(table, again->conflicts.first().current, 0).value(1),
             std::optional(hostile));
}

QTEST_GUILESS_MAIN(TestChangeApplier)
#include "tst_change_applier.moc"
