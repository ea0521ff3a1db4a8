// A real server restart (pg_ctl restart -m fast) in the middle of a save: nothing is applied,
// the error says so, and a retry works once the server is back. It restarts the fixture's
// cluster, so CTest runs it alone (RUN_SERIAL).
#include "edit/change_applier.h"
#include "playground/postgres_binaries.h"
#include "save_support.h"
#include "test_database.h"

#include <QDir>
#include <QProcess>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {
const QString kSaver = u"tst_save_restart saver"_s;
}

class TestSaveRestart : public QObject
{
    Q_OBJECT
private slots:
    void serverRestartMidSaveSavesNothing();
};

void TestSaveRestart::serverRestartMidSaveSavesNothing()
{
    const QString dataDir = qEnvironmentVariable("MIZZLE_TEST_PGDATA");
    QVERIFY2(QDir(dataDir).exists(u"PG_VERSION"_s), qPrintable(dataDir));
    const Result<QString> binDir = findPostgresBinDir();
    QVERIFY2(binDir.ok(), test::describe(binDir).constData());

    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(pool, uR"(
        DROP SCHEMA IF EXISTS saving_restart CASCADE;
        CREATE SCHEMA saving_restart;
        CREATE TABLE saving_restart.items (id int PRIMARY KEY, name text NOT NULL);
        INSERT INTO saving_restart.items VALUES (1, 'one'), (2, 'two');)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    const TableDetails table = test::describeTable(pool, u"saving_restart"_s, u"items"_s).value();
    EditBuffer buffer(table);
    const auto statements = [&] {
        QList<ChangeStatement> renames;
        const auto rows = test::readRows(
            pool, table, u"SELECT *, xmin FROM saving_restart.items ORDER BY id DESC"_s);
        for (const test::ReadRow &row : rows) {
            const QString name = row.values.value(1).value_or(QString()) + u" 2"_s;
            test::markChanged(buffer, row, 1, name);
            renames.append(test::change(
                ChangeStatement::Kind::Update, row.identity.mapKey(),
                u"update of id = %1 (name)"_s.arg(row.identity.key.first()),
                u"UPDATE saving_restart.items SET name = $1 WHERE id = $2 AND xmin = $3::xid "
                "RETURNING *, xmin"_s,
                {name, row.identity.key.first(), row.identity.version}));
        }
        return renames;
    }();
    QCOMPARE(statements.size(), 2);

    // Another session holds row 1, so the save waits there with row 2 already renamed.
    PgConnection holder;
    QVERIFY(test::open(holder).ok());
    QVERIFY(test::run(holder, u"BEGIN; SELECT 1 FROM saving_restart.items WHERE id = 1 FOR "
                              "UPDATE"_s)
                .ok());
    ConnectionPool saverPool(test::namedParameters(kSaver), PoolSettings{});
    ChangeApplier applier(&saverPool);
    std::optional<Result<SaveOutcome>> outcome;
    applier.save(statements, buffer, this,
                 [&outcome](Result<SaveOutcome> result) { outcome.emplace(std::move(result)); });
    // Not the holder: its open transaction sees pg_stat_activity as it was when it began.
    PgConnection observer;
    QVERIFY(test::open(observer).ok());
    QTRY_VERIFY_WITH_TIMEOUT(test::waitingBackend(observer, kSaver) > 0, 10'000);

    // -l: the restarted server logs where the fixture's did, not into this test's pipes.
    QProcess pgCtl;
    pgCtl.setProcessChannelMode(QProcess::MergedChannels);
    pgCtl.start(binDir.value() + u"/pg_ctl"_s,
                {u"restart"_s, u"-w"_s, u"-m"_s, u"fast"_s, u"-D"_s, dataDir, u"-l"_s,
                 QDir(dataDir).absoluteFilePath(u"../server.log"_s)});
    QVERIFY(pgCtl.waitForFinished(120'000));
    QVERIFY2(pgCtl.exitCode() == 0, pgCtl.readAll().constData());

    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10'000);
    QVERIFY(!outcome->ok());
    QVERIFY2(outcome->error().message.contains(u"nothing was saved"_s),
             qPrintable(outcome->error().toString()));
    QVERIFY2(outcome->error().hint.contains(u"still pending"_s),
             qPrintable(outcome->error().toString()));

    // The pool's idle connections died with the server; a fresh one sees nothing applied.
    ConnectionPool fresh(test::testParameters(), PoolSettings{});
    QCOMPARE(test::scalar(fresh, u"SELECT string_agg(name, ' ' ORDER BY id) FROM "
                                 "saving_restart.items"_s),
             u"one two"_s);
    const auto retried = test::save(applier, statements, buffer);
    QVERIFY2(retried.ok(), test::describe(retried).constData());
    QVERIFY(retried->committed);
    QCOMPARE(test::scalar(fresh, u"SELECT string_agg(name, ' ' ORDER BY id) FROM "
                                 "saving_restart.items"_s),
             u"one 2 two 2"_s);
}

QTEST_GUILESS_MAIN(TestSaveRestart)
#include "tst_save_restart.moc"
