// Runs the real mizzle binary on a real X server (Xvfb, started by xvfb-run around this test)
// and checks the PNG that --screenshot writes: the window's size, and that it shows something.
#include "test_database.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestScreenshotSmoke : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void screenshotShowsTreeAndRows();
    void versionAndHelpExitCleanly();

private:
    static QProcessEnvironment onXvfb(const QString &home);
    QTemporaryDir m_home;
};

void TestScreenshotSmoke::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(), "run this test under xvfb-run");
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(pool, uR"(
        DROP TABLE IF EXISTS smoke_rows;
        CREATE TABLE smoke_rows (id integer PRIMARY KEY, label text);
        INSERT INTO smoke_rows SELECT i, 'label ' || i FROM generate_series(1, 2000) AS i;)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

QProcessEnvironment TestScreenshotSmoke::onXvfb(const QString &home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    // Profiles and recent files go to a throwaway home, not the user's.
    environment.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    return environment;
}

void TestScreenshotSmoke::screenshotShowsTreeAndRows()
{
    const QString png = m_home.filePath(u"shot.png"_s);
    QProcess mizzle;
    mizzle.setProcessEnvironment(onXvfb(m_home.path()));
    mizzle.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    mizzle.start(qEnvironmentVariable("MIZZLE_BINARY"),
                 {u"host=%1 dbname=mizzle_test"_s.arg(test::testHost()), u"--table"_s,
                  u"public.smoke_rows"_s, u"--screenshot"_s, png});
    QVERIFY2(mizzle.waitForFinished(120'000), "mizzle --screenshot did not exit");
    QCOMPARE(mizzle.exitStatus(), QProcess::NormalExit);
    QCOMPARE(mizzle.exitCode(), 0);

    const QImage image(png);
    QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
    QCOMPARE(image.size(), QSize(1280, 800));
    // A blank or nearly blank window has a handful of colours; text and a grid have many.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(u"only %1 colours"_s.arg(colours.size())));
}

void TestScreenshotSmoke::versionAndHelpExitCleanly()
{
    QProcess mizzle;
    mizzle.setProcessEnvironment(onXvfb(m_home.path()));
    mizzle.start(qEnvironmentVariable("MIZZLE_BINARY"), {u"--version"_s});
    QVERIFY(mizzle.waitForFinished(30'000));
    QCOMPARE(mizzle.exitCode(), 0);
    QVERIFY(mizzle.readAllStandardOutput().startsWith("mizzle 0."));

    mizzle.start(qEnvironmentVariable("MIZZLE_BINARY"), {u"--no-such-flag"_s});
    QVERIFY(mizzle.waitForFinished(30'000));
    QCOMPARE(mizzle.exitCode(), 2);
    QVERIFY(mizzle.readAllStandardError().contains("no-such-flag"));
}

QTEST_GUILESS_MAIN(TestScreenshotSmoke)
#include "tst_screenshot_smoke.moc"
