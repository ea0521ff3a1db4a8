#include "connection/connection_pool.h"
#include "export/export_dialog.h"
#include "export/export_launcher.h"
#include "export_databases.h"
#include "test_database.h"

#include <QAction>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The export as a person uses it: the dialog's choices become the script, Verify reports the
// restore, Cancel leaves no file, and Show CREATE Script hands over a table's definition.
class TestExportDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void exportsTheTickedSchemasOnly();
    void tablesNarrowTheChoice();
    void verifySaysTheRestoreIsExact();
    void cancelBeforeAConnectionWritesNothing();
    void launcherOpensOneDialogAndShowsACreateScript();

private:
    static QString read(const QString &path);
    QString m_database;
    QString m_folder;
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestExportDialog::initTestCase()
{
    m_database = u"mizzle_export_ui_"_s + QString::number(QCoreApplication::applicationPid());
    QVERIFY(test::createDatabase(m_database).ok());
    const test::ProgramRun made =
        test::psql(m_database, {u"-c"_s, uR"(CREATE SCHEMA alpha; CREATE SCHEMA beta;
            CREATE TABLE alpha.t (id integer PRIMARY KEY, v text);
            CREATE INDEX t_v ON alpha.t (v);
            INSERT INTO alpha.t SELECT g, 'row ' || g FROM generate_series(1, 50) g;
            CREATE TABLE beta.u (id integer); INSERT INTO beta.u VALUES (7);)"_s});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(m_database), PoolSettings{});
    m_folder = QDir::currentPath() + u"/export-dialog"_s;
    QDir().mkpath(m_folder);
}

void TestExportDialog::cleanupTestCase()
{
    m_pool.reset();
    test::dropDatabase(m_database);
}

QString TestExportDialog::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestExportDialog::exportsTheTickedSchemasOnly()
{
    ExportDialog dialog(m_pool.get(), {u"alpha"_s, u"beta"_s}, {u"alpha"_s}, {});
    dialog.setPath(m_folder + u"/alpha.sql"_s);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY2(dialog.status().startsWith(u"Wrote "_s), qPrintable(dialog.status()));
    const QString script = read(dialog.path());
    QVERIFY(script.contains(u"CREATE TABLE alpha.t ("_s));
    QVERIFY(script.contains(u"COPY alpha.t (id, v) FROM stdin;\n1\trow 1\n"_s));
    QVERIFY(!script.contains(u"beta"_s));
}

void TestExportDialog::tablesNarrowTheChoice()
{
    ExportDialog dialog(m_pool.get(), {u"alpha"_s, u"beta"_s}, {u"alpha"_s, u"beta"_s},
                        {u"beta.u"_s});
    QVERIFY(!dialog.findChild<QListWidget *>(u"schemas"_s)->isEnabled());
    QCOMPARE(dialog.options().schemas, QStringList());
    QCOMPARE(dialog.options().tables, QStringList{u"beta.u"_s});
    dialog.setPath(m_folder + u"/beta-u.sql"_s);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(60'000));
    const QString script = read(dialog.path());
    QVERIFY(script.contains(u"CREATE TABLE beta.u ("_s));
    QVERIFY(!script.contains(u"alpha"_s));
}

void TestExportDialog::verifySaysTheRestoreIsExact()
{
    ExportDialog dialog(m_pool.get(), {u"alpha"_s, u"beta"_s}, {u"alpha"_s, u"beta"_s}, {});
    dialog.findChild<QCheckBox *>(u"verify"_s)->setChecked(true);
    dialog.setPath(m_folder + u"/verified.sql"_s);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(120'000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(dialog.status()));
    QVERIFY2(dialog.status().contains(u"Verified: "_s), qPrintable(dialog.status()));
    QVERIFY(dialog.status().contains(u"2 tables' rows"_s));
    QVERIFY(!dialog.isRunning());
}

void TestExportDialog::cancelBeforeAConnectionWritesNothing()
{
    ExportDialog dialog(m_pool.get(), {u"alpha"_s}, {u"alpha"_s}, {});
    const QString path = m_folder + u"/cancelled.sql"_s;
    QFile::remove(path);
    dialog.setPath(path);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(dialog.status(), u"Cancelled."_s);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!QFile::exists(path));
}

void TestExportDialog::launcherOpensOneDialogAndShowsACreateScript()
{
    QWidget window;
    QString opened;
    ExportLauncher launcher(
        &window, [] { return QStringList{u"alpha"_s, u"beta"_s}; },
        [&opened](const QString &sql) { opened = sql; });
    QVERIFY(!launcher.exportAction()->isEnabled()); // not connected
    launcher.setPool(m_pool.get());
    QVERIFY(launcher.exportAction()->isEnabled());
    QCOMPARE(launcher.exportAction()->shortcut(), QKeySequence(u"Ctrl+Shift+E"_s));

    launcher.openExport(u"beta"_s);
    QVERIFY(launcher.dialog());
    QCOMPARE(launcher.dialog()->options().schemas, QStringList{u"beta"_s});
    launcher.exportAction()->trigger(); // a new choice: every schema
    QCOMPARE(launcher.dialog()->options().schemas, (QStringList{u"alpha"_s, u"beta"_s}));
    launcher.setPool(nullptr); // the session goes: so does its dialog
    QVERIFY(!launcher.dialog());
    QVERIFY(!launcher.exportAction()->isEnabled());

    launcher.setPool(m_pool.get(), true); // read-only: no verification
    launcher.openExport();
    QVERIFY(!launcher.dialog()->findChild<QCheckBox *>(u"verify"_s)->isEnabled());
    QVERIFY(!launcher.dialog()->verifies());
    launcher.showCreateScript(u"alpha"_s, u"t"_s);
    QVERIFY(QTest::qWaitFor([&opened] { return !opened.isEmpty(); }, 30'000));
    QVERIFY(opened.startsWith(u"CREATE TABLE alpha.t (\n    id integer NOT NULL,"_s));
    QVERIFY(opened.contains(u"ADD CONSTRAINT t_pkey PRIMARY KEY (id);"_s));
    QVERIFY(opened.contains(u"CREATE INDEX t_v ON alpha.t USING btree (v);"_s));
    QVERIFY(!opened.contains(u"CREATE SCHEMA"_s));
}

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
