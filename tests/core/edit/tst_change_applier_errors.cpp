// Saves that fail: server errors, a refused COMMIT, a read-only pool, a terminated backend,
// and saves given up (cancelled, their context or applier destroyed). Nothing half-applied.
#include "edit/change_applier.h"
#include "save_support.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;
using Kind = ChangeStatement::Kind;

namespace {
const QString kSaver = u"tst_change_applier_errors saver"_s;
}

class TestChangeApplierErrors : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void constraintViolationsNameTheChange_data();
    void constraintViolationsNameTheChange();
    void refusedCommitSavesNothing();
    void statementSkippedByATriggerIsNoConflict();
    void readOnlyPoolRefuses();
    void terminatedBackendSavesNothingAndRetryWorks();
    void givingUpMidSaveRollsBack_data();
    void givingUpMidSaveRollsBack();

private:
    ChangeStatement rename(int id, const QString &name);
    QString names()
    {
        return test::scalar(*m_pool, u"SELECT string_agg(name, ' ' ORDER BY id) "
                                     "FROM saving_errors.items"_s);
    }
    // Starts a save of renames of item 2 then item 1 while another session holds item 1, and
    // returns once the saver waits for it (its pid), with item 2 already renamed inside it.
    int startBlockedSave(ChangeApplier &applier, QObject *context,
                         std::optional<Result<SaveOutcome>> &outcome);

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<ConnectionPool> m_saverPool;
    PgConnection m_holder;   // the other session
    PgConnection m_observer; // outside the holder's transaction, which sees activity frozen
    EditBuffer *m_buffer = nullptr;
    std::unique_ptr<EditBuffer> m_ownedBuffer;
    TableDetails m_table;
};

void TestChangeApplierErrors::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    m_saverPool = std::make_unique<ConnectionPool>(test::namedParameters(kSaver), PoolSettings{});
    QVERIFY(test::open(m_holder).ok());
    QVERIFY(test::open(m_observer).ok());
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS saving_errors CASCADE;
        CREATE SCHEMA saving_errors;
        SET search_path = saving_errors;
        CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL CONSTRAINT items_name_short
            CHECK (length(name) < 10), code text CONSTRAINT items_code_key UNIQUE);
        CREATE TABLE later (id int PRIMARY KEY, slot int CONSTRAINT later_slot_key UNIQUE
            DEFERRABLE INITIALLY DEFERRED);
        INSERT INTO later VALUES (1, 1), (2, 2);
        CREATE TABLE frozen (id int PRIMARY KEY, name text);
        INSERT INTO frozen VALUES (1, 'ice');
        CREATE FUNCTION skip_update() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RETURN NULL; END $$;
        CREATE TRIGGER frozen_skip BEFORE UPDATE ON frozen FOR EACH ROW
            EXECUTE FUNCTION skip_update();)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    m_table = test::describeTable(*m_pool, u"saving_errors"_s, u"items"_s).value();
    QCOMPARE(m_table.primaryKey, QStringList{u"id"_s});
}

void TestChangeApplierErrors::init()
{
    const auto reset = test::runScript(*m_pool, u"TRUNCATE saving_errors.items; INSERT INTO "
                                                "saving_errors.items VALUES (1, 'one', 'a'), "
                                                "(2, 'two', 'b')"_s);
    QVERIFY2(reset.ok(), test::describe(reset).constData());
    m_ownedBuffer = std::make_unique<EditBuffer>(m_table);
    m_buffer = m_ownedBuffer.get();
}

ChangeStatement TestChangeApplierErrors::rename(int id, const QString &name)
{
    const auto rows = test::readRows(
        *m_pool, m_table, u"SELECT *, xmin FROM saving_errors.items WHERE id = %1"_s.arg(id));
    if (rows.size() != 1)
        return {};
    test::markChanged(*m_buffer, rows[0], 1, name);
    return test::change(Kind::Update, rows[0].identity.mapKey(),
                        u"update of id = %1 (name)"_s.arg(id),
                        u"UPDATE saving_errors.items SET name = $1 WHERE id = $2 AND xmin = "
                        "$3::xid RETURNING *, xmin"_s,
                        {name, QString::number(id), rows[0].identity.version});
}

void TestChangeApplierErrors::constraintViolationsNameTheChange_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<QString>("constraint");
    QTest::newRow("unique") << u"UPDATE saving_errors.items SET code = $1 WHERE id = 2"_s << u"a"_s
                            << u"23505"_s << u"items_code_key"_s;
    QTest::newRow("check") << u"UPDATE saving_errors.items SET name = $1 WHERE id = 2"_s
                           << u"far too long a name"_s << u"23514"_s << u"items_name_short"_s;
}

void TestChangeApplierErrors::constraintViolationsNameTheChange()
{
    QFETCH(QString, sql);
    QFETCH(QString, value);
    ChangeApplier applier(m_pool.get());
    const QList<ChangeStatement> statements{
        rename(1, u"uno"_s),
        test::change(Kind::Update, u"x"_s, u"update of id = 2"_s, sql + u" RETURNING *"_s, {value}),
        rename(1, u"never"_s)};
    const auto saved = test::save(applier, statements, *m_buffer);
    QVERIFY(!saved.ok());
    const Error &error = saved.error();
    QCOMPARE(error.where, u"update of id = 2"_s);
    QCOMPARE(error.statement, 1);
    QTEST(error.sqlState, "sqlState");
    QTEST(error.constraint, "constraint");
    QVERIFY(!error.message.isEmpty());
    QVERIFY2(error.hint.contains(u"Nothing was saved"_s), qPrintable(error.toString()));
    if (error.sqlState == u"23505"_s)
        QVERIFY2(error.detail.contains(u"(code)=(a)"_s), qPrintable(error.detail));
    QCOMPARE(names(), u"one two"_s); // the first rename went with the rest
}

void TestChangeApplierErrors::refusedCommitSavesNothing()
{
    // Two rows on one slot, which the deferred unique key checks only at COMMIT.
    const TableDetails later = test::describeTable(*m_pool, u"saving_errors"_s, u"later"_s).value();
    const auto rows =
        test::readRows(*m_pool, later, u"SELECT *, xmin FROM saving_errors.later WHERE id = 2"_s);
    QCOMPARE(rows.size(), 1);
    EditBuffer buffer(later);
    test::markChanged(buffer, rows[0], 1, u"1"_s);
    ChangeApplier applier(m_pool.get());
    const auto saved = test::save(
        applier,
        {test::change(Kind::Update, rows[0].identity.mapKey(), u"update of id = 2 (slot)"_s,
                      u"UPDATE saving_errors.later SET slot = 1 WHERE id = 2 AND xmin = $1::xid "
                      "RETURNING *"_s,
                      {rows[0].identity.version})},
        buffer);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().where, u"the commit"_s);
    QCOMPARE(saved.error().sqlState, u"23505"_s);
    QCOMPARE(saved.error().constraint, u"later_slot_key"_s);
    QCOMPARE(test::scalar(*m_pool, u"SELECT slot FROM saving_errors.later WHERE id = 2"_s), u"2"_s);
}

void TestChangeApplierErrors::statementSkippedByATriggerIsNoConflict()
{
    const TableDetails frozen =
        test::describeTable(*m_pool, u"saving_errors"_s, u"frozen"_s).value();
    const auto rows =
        test::readRows(*m_pool, frozen, u"SELECT *, xmin FROM saving_errors.frozen"_s);
    QCOMPARE(rows.size(), 1);
    EditBuffer buffer(frozen);
    test::markChanged(buffer, rows[0], 1, u"water"_s);
    ChangeApplier applier(m_pool.get());
    const auto saved = test::save(
        applier,
        {test::change(Kind::Update, rows[0].identity.mapKey(), u"update of id = 1 (name)"_s,
                      u"UPDATE saving_errors.frozen SET name = 'water' WHERE id = 1 AND xmin = "
                      "$1::xid RETURNING *, xmin"_s,
                      {rows[0].identity.version})},
        buffer);
    // The row is as it was read: "keep mine" would fail the same way, so it is an error.
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().where, u"update of id = 1 (name)"_s);
    QVERIFY2(saved.error().hint.contains(u"trigger"_s), qPrintable(saved.error().toString()));
}

void TestChangeApplierErrors::readOnlyPoolRefuses()
{
    PoolSettings settings;
    settings.readOnly = true;
    ConnectionPool readOnly(test::testParameters(), settings);
    ChangeApplier applier(&readOnly);
    const auto saved = test::save(applier, {rename(1, u"uno"_s)}, *m_buffer);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().sqlState, u"25006"_s);
    QCOMPARE(saved.error().where, u"update of id = 1 (name)"_s);
    QCOMPARE(names(), u"one two"_s);
}

int TestChangeApplierErrors::startBlockedSave(ChangeApplier &applier, QObject *context,
                                              std::optional<Result<SaveOutcome>> &outcome)
{
    const QList<ChangeStatement> statements{rename(2, u"deux"_s), rename(1, u"un"_s)};
    const auto held = test::run(m_holder, u"BEGIN; SELECT 1 FROM saving_errors.items "
                                          "WHERE id = 1 FOR UPDATE"_s);
    if (!held)
        return 0;
    applier.save(statements, *m_buffer, context,
                 [&outcome](Result<SaveOutcome> result) { outcome.emplace(std::move(result)); });
    int pid = 0;
    const bool waits = QTest::qWaitFor(
        [&] { return (pid = test::waitingBackend(m_observer, kSaver)) > 0; }, 10'000);
    return waits ? pid : 0;
}

void TestChangeApplierErrors::terminatedBackendSavesNothingAndRetryWorks()
{
    ChangeApplier applier(m_saverPool.get());
    std::optional<Result<SaveOutcome>> outcome;
    const int pid = startBlockedSave(applier, this, outcome);
    QVERIFY(pid > 0);
    QVERIFY(test::run(m_holder, u"SELECT pg_terminate_backend(%1)"_s.arg(pid)).ok());
    QVERIFY(test::run(m_holder, u"ROLLBACK"_s).ok());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10'000);
    QVERIFY(!outcome->ok());
    const Error &error = outcome->error();
    QVERIFY2(error.message.contains(u"nothing was saved"_s), qPrintable(error.toString()));
    QVERIFY2(error.hint.contains(u"still pending"_s), qPrintable(error.toString()));
    QCOMPARE(error.sqlState, u"57P01"_s); // the server said why before it went
    QCOMPARE(names(), u"one two"_s);      // not even the rename that had run

    // A retry takes a fresh connection; the versions read still hold, as nothing changed.
    const auto retried = test::save(applier, {rename(2, u"deux"_s), rename(1, u"un"_s)}, *m_buffer);
    QVERIFY2(retried.ok(), test::describe(retried).constData());
    QVERIFY(retried->committed);
    QCOMPARE(names(), u"un deux"_s);
}

void TestChangeApplierErrors::givingUpMidSaveRollsBack_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("cancel") << u"cancel"_s;
    QTest::newRow("context destroyed") << u"context"_s;
    QTest::newRow("applier destroyed") << u"applier"_s;
}

void TestChangeApplierErrors::givingUpMidSaveRollsBack()
{
    QFETCH(QString, how);
    auto applier = std::make_unique<ChangeApplier>(m_saverPool.get());
    auto context = std::make_unique<QObject>();
    std::optional<Result<SaveOutcome>> outcome;
    const int pid = startBlockedSave(*applier, context.get(), outcome);
    QVERIFY(pid > 0);
    if (how == u"cancel"_s)
        applier->cancel();
    else if (how == u"context"_s)
        context.reset();
    else
        applier.reset();
    // The saver stops waiting and its session leaves the transaction, the lock still held.
    QTRY_COMPARE_WITH_TIMEOUT(
        test::scalar(*m_pool, u"SELECT state FROM pg_stat_activity WHERE pid = %1"_s.arg(pid)),
        u"idle"_s, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_saverPool->stats().active, 0, 10'000);
    QVERIFY(test::run(m_holder, u"ROLLBACK"_s).ok());
    QCOMPARE(names(), u"one two"_s);
    if (how == u"cancel"_s) {
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10'000);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().message, u"the save was cancelled"_s);
        QCOMPARE(outcome->error().sqlState, u"57014"_s);
        QVERIFY(!applier->isSaving());
    } else {
        // The chain ended before the pool got the connection back: a callback would have run.
        QVERIFY(!outcome.has_value());
    }
    // The same session serves the next save: rolled back, not dropped.
    const auto again = test::acquire(*m_saverPool, this);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->backendPid(), pid);
}

QTEST_GUILESS_MAIN(TestChangeApplierErrors)
#include "tst_change_applier_errors.moc"
