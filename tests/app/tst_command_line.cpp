#include "mizzle_run.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The studio's command line refuses what it cannot do, with exit code 2 and a message that
// says what is wrong, before it connects anywhere.
class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void whereAndOrderByNeedATable();
    void whereIsCheckedByTheParser();
    void orderByTakesColumnsAndDirections();
    void versionHelpAndMistakesNeedNoDisplay();

private:
    static test::MizzleRun run(const QStringList &arguments)
    {
        // The window is not shown for a bad command line, but Qt needs a platform to start.
        return test::runMizzle(arguments, {}, false);
    }
};

void TestCommandLine::whereAndOrderByNeedATable()
{
    const auto where = run({u"--where"_s, u"id > 3"_s});
    QCOMPARE(where.exitCode, 2);
    QVERIFY2(where.err.contains("need --table"), where.err.constData());
    const auto order = run({u"--order-by"_s, u"id"_s});
    QCOMPARE(order.exitCode, 2);
}

void TestCommandLine::whereIsCheckedByTheParser()
{
    const auto refused = run({u"--table"_s, u"posts"_s, u"--where"_s, u"price > )"_s});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("--where: ") && refused.err.contains("at character 9"),
             refused.err.constData());
    const auto injected =
        run({u"--table"_s, u"posts"_s, u"--where"_s, u"true; DROP TABLE posts"_s});
    QCOMPARE(injected.exitCode, 2);
}

void TestCommandLine::orderByTakesColumnsAndDirections()
{
    const auto refused = run({u"--table"_s, u"posts"_s, u"--order-by"_s, u"id sideways"_s});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("\"id sideways\""), refused.err.constData());
    // A good one gets past the command line: the missing profile is what fails, with 1.
    const QString shot = QDir::temp().filePath(u"mizzle-command-line-test.png"_s);
    const auto accepted =
        run({u"/nonexistent/profile.json"_s, u"--table"_s, u"posts"_s, u"--order-by"_s,
             u"created_at DESC,id"_s, u"--where"_s, u"id > 3"_s, u"--screenshot"_s, shot});
    QCOMPARE(accepted.exitCode, 1);
    QFile::remove(shot);
}

void TestCommandLine::versionHelpAndMistakesNeedNoDisplay()
{
    // No display server at all, as in a terminal on a server or in CI: only the studio itself
    // needs one.
    const auto version = test::runMizzle({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("mizzle " MIZZLE_VERSION "\n"));
    const auto help = test::runMizzle({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("mizzle export"));
    QVERIFY(help.err.isEmpty());
    const auto wrong = test::runMizzle({u"--frobnicate"_s});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("Unknown option 'frobnicate'"), wrong.err.constData());
    const auto order = test::runMizzle({u"--order-by"_s, u"id"_s});
    QCOMPARE(order.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
