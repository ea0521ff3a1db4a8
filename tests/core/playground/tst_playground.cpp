#include "playground/playground.h"
#include "test_database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;

class TestPlayground : public QObject
{
    Q_OBJECT
private slots:
    void createsLoadsReusesAndStops();
    void missingBinariesNamesThePackage();
};

void TestPlayground::createsLoadsReusesAndStops()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString directory = home.filePath(QStringLiteral("playground"));
    {
        Playground playground(directory);
        QSignalSpy ready(&playground, &Playground::ready);
        QSignalSpy failed(&playground, &Playground::failed);
        playground.start();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 300'000);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? ""
                                  : qPrintable(failed.first().first().value<Error>().toString()));
        QVERIFY(playground.launchedServer());

        ConnectionPool pool(playground.connectionParameters(), PoolSettings{});
        auto counts = test::run(pool, QStringLiteral(R"(
            SELECT (SELECT count(*) FROM order_lines),
                   (SELECT count(*) FROM users),
                   (SELECT count(*) FROM pg_indexes WHERE indexname = 'products_metadata_idx'),
                   (SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '% WHERE %'),
                   (SELECT count(*) FROM pg_type WHERE typtype = 'e'),
                   (SELECT count(*) FROM pg_partitioned_table),
                   current_setting('listen_addresses'))"));
        QVERIFY2(counts.ok(), test::describe(counts).constData());
        QVERIFY(counts->text(0, 0).toLongLong() >= 1'000'000);
        QVERIFY(counts->text(0, 1).toInt() > 0);
        QCOMPARE(counts->text(0, 2), QStringLiteral("1"));
        QVERIFY(counts->text(0, 3).toInt() >= 1);
        QVERIFY(counts->text(0, 4).toInt() >= 1);
        QVERIFY(counts->text(0, 5).toInt() >= 1);
        QCOMPARE(counts->text(0, 6), QString()); // no TCP: the Unix socket only

        // A second studio reuses the running server and leaves it to its owner.
        Playground second(directory);
        QSignalSpy secondReady(&second, &Playground::ready);
        second.start();
        QTRY_VERIFY_WITH_TIMEOUT(!secondReady.isEmpty(), 60'000);
        QVERIFY(!second.launchedServer());
        second.stop();
        QVERIFY(test::run(pool, QStringLiteral("SELECT 1")).ok());

        playground.stop();
        QVERIFY(!playground.launchedServer());
    }
    QVERIFY(!QFile::exists(directory + QStringLiteral("/data/postmaster.pid")));
}

void TestPlayground::missingBinariesNamesThePackage()
{
    qputenv("MIZZLE_PG_BINDIR", "/nonexistent");
    QTemporaryDir home;
    Playground playground(home.filePath(QStringLiteral("playground")));
    QSignalSpy failed(&playground, &Playground::failed);
    playground.start();
    qunsetenv("MIZZLE_PG_BINDIR");
    QCOMPARE(failed.count(), 1);
    const Error error = failed.first().first().value<Error>();
    QVERIFY(error.message.contains(QStringLiteral("/nonexistent")));
    QVERIFY(error.hint.contains(QStringLiteral("apt-get install postgresql")));
}

QTEST_GUILESS_MAIN(TestPlayground)
#include "tst_playground.moc"
