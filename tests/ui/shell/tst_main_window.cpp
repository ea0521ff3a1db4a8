#include "browse/browse_state.h"
#include "browse/schema_browser.h"
#include "browse/table_grid_model.h"
#include "browse/table_tab.h"
#include "common/app_settings.h"
#include "common/error_banner.h"
#include "completion/completion_catalog.h"
#include "connections/connection_manager.h"
#include "document/query_history.h"
#include "editor/query_tab.h"
#include "editor/results_panel.h"
#include "editor/row_limit_box.h"
#include "editor/sql_completer.h"
#include "export/export_dialog.h"
#include "history/history_dock.h"
#include "history/history_panel.h"
#include "monitor/holders_model.h"
#include "monitor/monitor_tab.h"
#include "monitor/pool_section.h"
#include "plan/plan_tab.h"
#include "profile/profile_store.h"
#include "query/script_runner.h"
#include "session/connection_session.h"
#include "shell/application_menus.h"
#include "shell/connection_actions.h"
#include "shell/main_window.h"
#include "shell/session_tabs.h"
#include "shell/settings_dialog.h"
#include "shell/start_page.h"
#include "shell/work_area.h"
#include "sqltext/sql_editor.h"
#include "test_database.h"

#include <QComboBox>
#include <QCommandLinkButton>
#include <QDir>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUuid>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensATableAndShowsItsCells();
    void tableWithoutPrimaryKeySaysHowItIsOrdered();
    void unreachableServerShowsTheErrorAndKeepsTheWindow();
    void brokenProfileNamesTheFileAndKey();
    void queryTabRunsAndRecordsHistory();
    void queryTabCompletesFromTheConnectionsCatalog();
    void readOnlyProfileSaysWhatHoldsIt();
    void launchOpensATableFilteredAndSorted();
    void ctrlMOpensTheMonitorAndAHolderLeadsToItsTab();
    void ctrlShiftEOpensTheExportAndTheTreeShowsACreateScript();
    void ctrlQAsksBeforeLosingWorkAndListsIt();
    void menusHaveTheDesktopsActions();
    void theStartPageShowsWhileNoTabIsOpen();
    void preferencesAreKeptAndUsed();

private:
    static QString fixtureUri() { return u"host=%1 dbname=mizzle_test"_s.arg(test::testHost()); }
    // The fixture database, with profiles and the session in a folder of the test's own (no
    // earlier run's tabs).
    LaunchOptions fixtureOptions() const
    {
        LaunchOptions options;
        options.target = fixtureUri();
        options.profileDirectory = m_profiles.path();
        options.sessionFile = m_profiles.filePath(u"session.json"_s);
        return options;
    }
    // Shows the window, starts it and waits until its session is ready.
    static bool startAndWait(MainWindow &window)
    {
        QSignalSpy ready(&window, &MainWindow::sessionReady);
        window.show();
        window.start();
        return ready.wait(30'000);
    }
    static QStringList shownRow(const QTableView *view, int row);
    static QStringList completionsAt(QueryTab *tab, const QString &text, int cursor);
    QTemporaryDir m_profiles;
};

void TestMainWindow::initTestCase()
{
    // History files go to a test folder, not the user's; table tabs start without what an
    // earlier run kept of their filter and sort.
    QStandardPaths::setTestModeEnabled(true);
    QDir(BrowseStateStore::defaultDirectory()).removeRecursively();
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const auto created = test::runScript(pool, uR"(
        DROP SCHEMA IF EXISTS window_test CASCADE;
        CREATE SCHEMA window_test;
        CREATE TABLE window_test.people (id bigint PRIMARY KEY, name text, born date);
        INSERT INTO window_test.people VALUES (1, 'Ada', '1815-12-10'), (2, '', NULL),
                                              (3, 'Żółć 🐘', '2000-02-29');
        CREATE TABLE window_test.heap (value text);
        INSERT INTO window_test.heap VALUES ('only row');
        CREATE SEQUENCE window_test.tickets;
        CREATE TYPE window_test.mood AS ENUM ('calm', 'cross');)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

QStringList TestMainWindow::shownRow(const QTableView *view, int row)
{
    QStringList cells;
    for (int column = 0; column < view->model()->columnCount(); ++column)
        cells.append(view->model()->index(row, column).data().toString());
    return cells;
}

void TestMainWindow::opensATableAndShowsItsCells()
{
    LaunchOptions options = fixtureOptions();
    options.table = u"window_test.people"_s;
    MainWindow window(options);
    QSignalSpy settled(&window, &MainWindow::settled);
    window.show();
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 30'000);
    QCOMPARE(settled.first().first().toBool(), true);

    // The schema tree lists the schema with the table under it.
    const QStandardItemModel *tree = window.schemaBrowser()->model();
    const QList<QStandardItem *> schemas = tree->findItems(u"window_test"_s);
    QCOMPARE(schemas.size(), 1);
    QVERIFY(schemas.first()->rowCount() >= 2);
    // Its sequences and types in groups of their own, after the relations.
    QStringList listed;
    for (int row = 0; row < schemas.first()->rowCount(); ++row)
        listed.append(schemas.first()->child(row)->text());
    QCOMPARE(listed.mid(listed.size() - 2), (QStringList{u"Sequences"_s, u"Types"_s}));
    QCOMPARE(schemas.first()->child(listed.size() - 2)->child(0)->text(), u"tickets"_s);
    QCOMPARE(schemas.first()->child(listed.size() - 1)->child(0)->text(), u"mood (enum)"_s);
    // Sizes follow the tree.
    const int people = int(listed.indexOf(u"people"_s));
    QVERIFY(people >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(!schemas.first()->child(people, 2)->text().isEmpty(), 30'000);

    auto *tab = qobject_cast<TableTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QCOMPARE(tab->qualifiedName(), u"window_test.people"_s);
    QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), u"people"_s);
    QCOMPARE(tab->view()->model()->rowCount(), 3);
    QCOMPARE(shownRow(tab->view(), 0), (QStringList{u"1"_s, u"Ada"_s, u"1815-12-10"_s}));
    QCOMPARE(shownRow(tab->view(), 1), (QStringList{u"2"_s, QString(), u"NULL"_s}));
    QCOMPARE(shownRow(tab->view(), 2), (QStringList{u"3"_s, u"Żółć 🐘"_s, u"2000-02-29"_s}));
    QVERIFY(tab->view()->isVisible());
    QVERIFY(window.poolStatusText().contains(u"max 5"_s));

    // Opening the same table again brings its tab forward instead of a second copy.
    window.openTable(u"window_test"_s, u"people"_s);
    QCOMPARE(window.tabs()->count(), 1);
}

void TestMainWindow::tableWithoutPrimaryKeySaysHowItIsOrdered()
{
    LaunchOptions options = fixtureOptions();
    options.table = u"window_test.heap"_s;
    MainWindow window(options);
    QSignalSpy settled(&window, &MainWindow::settled);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 30'000);
    auto *tab = qobject_cast<TableTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QCOMPARE(shownRow(tab->view(), 0), QStringList{u"only row"_s});
    const QList<QLabel *> labels = tab->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->text().contains(u"no primary key"_s, Qt::CaseInsensitive);
    }));
}

void TestMainWindow::unreachableServerShowsTheErrorAndKeepsTheWindow()
{
    LaunchOptions options;
    options.target = u"host=/nonexistent-mizzle-socket dbname=x connect_timeout=5"_s;
    options.profileDirectory = m_profiles.path();
    options.sessionFile = m_profiles.filePath(u"session.json"_s); // no earlier run's tabs
    MainWindow window(options);
    QSignalSpy settled(&window, &MainWindow::settled);
    window.show();
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 30'000);
    QCOMPARE(settled.first().first().toBool(), false);
    QVERIFY(window.banner()->isVisible());
    QVERIFY2(window.banner()->text().contains(u"/nonexistent-mizzle-socket"_s),
             qPrintable(window.banner()->text()));
    QVERIFY(window.isVisible());
}

void TestMainWindow::brokenProfileNamesTheFileAndKey()
{
    const QString path = m_profiles.filePath(u"broken.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "mizzle-profile", "version": 1, "name": "x", "port": "5432"})");
    file.close();
    LaunchOptions options;
    options.target = path;
    options.profileDirectory = m_profiles.path();
    options.sessionFile = m_profiles.filePath(u"session.json"_s); // no earlier run's tabs
    MainWindow window(options);
    QSignalSpy settled(&window, &MainWindow::settled);
    window.start();
    QTRY_COMPARE(settled.count(), 1);
    QCOMPARE(settled.first().first().toBool(), false);
    QVERIFY2(window.banner()->text().contains(path), qPrintable(window.banner()->text()));
    QVERIFY2(window.banner()->text().contains(u"port"_s), qPrintable(window.banner()->text()));
}

void TestMainWindow::queryTabRunsAndRecordsHistory()
{
    LaunchOptions options = fixtureOptions();
    MainWindow window(options);
    QSignalSpy ready(&window, &MainWindow::sessionReady);
    window.start();
    QVERIFY(ready.wait(30'000));
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QueryTab *tab = window.openQueryTab(
        u"SELECT '%1' AS marker, 'calm'::window_test.mood AS mood"_s.arg(marker));
    QVERIFY(tab);
    QCOMPARE(window.tabs()->currentWidget(), tab);
    QSignalSpy finished(tab, &QueryTab::runFinished);
    tab->runAll();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(tab->results()->resultView(0)->model()->index(0, 0).data().toString(), marker);
    // The session's type names head the enum column, once they have loaded.
    const QAbstractItemModel *result = tab->results()->resultView(0)->model();
    QTRY_COMPARE_WITH_TIMEOUT(result->headerData(1, Qt::Horizontal).toString(),
                              u"mood\nwindow_test.mood"_s, 30'000);

    QueryHistory *history = window.history()->panel()->history();
    QVERIFY(history);
    const auto found = history->search(marker);
    QVERIFY2(found.ok(), test::describe(found).constData());
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().status, u"ok"_s);
    QCOMPARE(found->first().message, u"SELECT 1"_s);
}

void TestMainWindow::ctrlMOpensTheMonitorAndAHolderLeadsToItsTab()
{
    MainWindow window(fixtureOptions());
    QVERIFY(startAndWait(window));
    QueryTab *query = window.openQueryTab(u"SELECT 1"_s);
    QVERIFY(query);
    // A lease asked for by a part of the SQL tab, as its script runner does.
    auto *part = new QObject(query);
    auto lease = test::await<ConnectionPool::Lease>(
        [&](auto done) { window.pool()->acquire(part, u"monitor test lease"_s, std::move(done)); });
    QVERIFY(lease.ok());

    QVERIFY(window.monitorAction()->isEnabled());
    QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
    auto *monitor = qobject_cast<MonitorTab *>(window.tabs()->currentWidget());
    QVERIFY(monitor);
    const int tabs = window.tabs()->count();
    window.tabs()->setCurrentWidget(query);
    window.monitorAction()->trigger(); // the one Monitor comes forward; no second one opens
    QCOMPARE(window.tabs()->currentWidget(), monitor);
    QCOMPARE(window.tabs()->count(), tabs);

    HoldersModel *holders = monitor->poolSection()->holders();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int i = 0; i < holders->rowCount(); ++i) {
                if (holders->holderAt(i)->owner == u"monitor test lease"_s)
                    row = i;
            }
            return row >= 0;
        }(),
        30'000);
    emit monitor->poolSection()->holdersView()->doubleClicked(holders->index(row, 0));
    QCOMPARE(window.tabs()->currentWidget(), query);
}

QStringList TestMainWindow::completionsAt(QueryTab *tab, const QString &text, int cursor)
{
    tab->editor()->setPlainText(text);
    tab->editor()->moveCursorTo(cursor);
    auto *completer = tab->editor()->findChild<SqlCompleter *>();
    if (!completer)
        return {u"no completer"_s};
    QTest::keyClick(tab->editor(), Qt::Key_Space, Qt::ControlModifier);
    QStringList shown;
    for (int row = 0; completer->isOpen() && row < completer->popup()->topLevelItemCount(); ++row)
        shown.append(completer->popup()->topLevelItem(row)->text(0));
    completer->close();
    return shown;
}

void TestMainWindow::ctrlShiftEOpensTheExportAndTheTreeShowsACreateScript()
{
    MainWindow window(fixtureOptions());
    QVERIFY(startAndWait(window));
    QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    auto *dialog = window.findChild<ExportDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->options().schemas.contains(u"window_test"_s));
    dialog->close();

    // The schema tree's Show CREATE Script opens the table's definition in a new SQL tab.
    const int tabs = window.tabs()->count();
    emit window.findChild<SchemaBrowser *>()->createScriptRequested(u"window_test"_s, u"people"_s);
    QVERIFY(QTest::qWaitFor([&] { return window.tabs()->count() == tabs + 1; }, 30'000));
    auto *script = qobject_cast<QueryTab *>(window.tabs()->currentWidget());
    QVERIFY(script);
    QVERIFY2(script->editor()->toPlainText().startsWith(u"CREATE TABLE window_test.people ("_s),
             qPrintable(script->editor()->toPlainText().left(200)));
}

void TestMainWindow::ctrlQAsksBeforeLosingWorkAndListsIt()
{
    MainWindow window(fixtureOptions());
    QVERIFY(startAndWait(window));
    QStringList asked;
    bool answer = false;
    window.setQuitConfirmation([&](const QStringList &lost) {
        asked = lost;
        return answer;
    });
    QueryTab *query = window.openQueryTab();
    QVERIFY(query);
    QTest::keyClicks(query->editor(), u"SELECT 1"_s);
    QVERIFY(query->isModified());
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(asked, QStringList{query->title() + u": SQL not saved to a file"_s});
    QVERIFY(window.isVisible()); // "Cancel" keeps it open
    asked.clear();
    answer = true;
    window.menus()->quitAction()->trigger();
    QCOMPARE(asked.size(), 1);
    QVERIFY(!window.isVisible());
}

void TestMainWindow::menusHaveTheDesktopsActions()
{
    MainWindow window(fixtureOptions());
    QStringList menus;
    for (const QAction *menu : window.menuBar()->actions())
        menus.append(menu->text());
    QCOMPARE(menus.first(), u"&File"_s);
    QCOMPARE(menus.at(1), u"&Edit"_s);
    QCOMPARE(menus.last(), u"&Help"_s);
    const auto shortcuts = window.menus()->shortcuts();
    const auto has = [&shortcuts](const QString &what, const QKeySequence &keys) {
        return shortcuts.contains({what, keys.toString(QKeySequence::NativeText)});
    };
    QVERIFY(has(u"Quit"_s, QKeySequence(u"Ctrl+Q"_s)));
    QVERIFY(has(u"Export SQL Script…"_s, QKeySequence(u"Ctrl+Shift+E"_s)));
    QVERIFY(has(u"Full Screen"_s, QKeySequence(u"F11"_s)));
    QVERIFY(has(u"Undo"_s, QKeySequence::Undo));
    QVERIFY(has(u"Monitor"_s, QKeySequence(u"Ctrl+M"_s)));
    QVERIFY(has(u"New Connection…"_s, QKeySequence(u"Ctrl+N"_s)));
    // Not connected: nothing to save as a profile or to disconnect.
    const QList<QAction *> connection = window.connectionActions()->actions();
    QCOMPARE(connection.size(), 5);
    QVERIFY(connection.at(0)->isEnabled());
    QVERIFY(!connection.at(3)->isEnabled());
    QVERIFY(!connection.at(4)->isEnabled());
    ConnectionProfile listed;
    listed.name = u"Listed in Recent"_s;
    QVERIFY(ProfileStore(m_profiles.path()).save(listed).ok());
    QMenu *recent = connection.at(2)->menu();
    QVERIFY(recent);
    emit recent->aboutToShow();
    QStringList recentNames;
    for (const QAction *action : recent->actions())
        recentNames.append(action->text());
    QVERIFY2(recentNames.contains(u"Listed in Recent"_s), qPrintable(recentNames.join(u", "_s)));
    connection.at(0)->trigger();
    QVERIFY(window.connectionActions()->manager());
    QVERIFY(window.connectionActions()->manager()->isVisible());
    window.connectionActions()->manager()->close();
    const QString about = ApplicationMenus::aboutText(u"17.2"_s);
    QVERIFY(about.contains(QString::fromLatin1(qVersion())));
    QVERIFY(about.contains(u"libpq 1"_s));
    QVERIFY(about.contains(u"PostgreSQL 17.2"_s));
    QVERIFY(about.contains(u"GPL-3.0-or-later"_s));
    window.show();
    window.menus()->fullScreenAction()->trigger();
    QVERIFY(window.windowState() & Qt::WindowFullScreen);
    window.menus()->fullScreenAction()->trigger();
    QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
}

void TestMainWindow::theStartPageShowsWhileNoTabIsOpen()
{
    MainWindow window(fixtureOptions());
    window.show();
    QVERIFY(window.workArea()->showsStartPage());
    const auto links = [&window] {
        QStringList texts;
        for (const QCommandLinkButton *link :
             window.startPage()->findChildren<QCommandLinkButton *>())
            texts.append(link->text());
        return texts;
    };
    QVERIFY(links().contains(u"Playground"_s));
    QVERIFY(links().contains(u"Connect to URI…"_s));
    QVERIFY(links().contains(u"New Connection…"_s));

    // A production profile's colour marks the window.
    ConnectionTarget target;
    target.displayName = u"Production replica"_s;
    target.color = u"#cc3333"_s;
    target.parameters = test::testParameters();
    QSignalSpy ready(&window, &MainWindow::sessionReady);
    window.openTarget(target);
    QVERIFY(ready.wait(30'000));
    QVERIFY(window.findChild<QFrame *>(u"connectionBand"_s)->isVisible());
    QVERIFY(links().contains(u"New SQL Editor"_s));

    window.openTable(u"window_test"_s, u"people"_s);
    QVERIFY(QTest::qWaitFor(
        [&window] { return window.sessionTabs()->findTable(u"window_test"_s, u"people"_s); },
        30'000));
    QVERIFY(!window.workArea()->showsStartPage());
    window.sessionTabs()->closeAll();
    QVERIFY(window.workArea()->showsStartPage());
    // The table just opened is offered again, and opens from there.
    QVERIFY2(links().contains(u"window_test.people"_s), qPrintable(links().join(u", "_s)));
    for (QCommandLinkButton *link : window.startPage()->findChildren<QCommandLinkButton *>()) {
        if (link->text() == u"window_test.people"_s)
            link->click();
    }
    QVERIFY(QTest::qWaitFor([&window] { return window.tabs()->count() == 1; }, 30'000));
    QVERIFY(qobject_cast<TableTab *>(window.tabs()->currentWidget()));

    window.disconnectSession();
    QVERIFY(!window.findChild<QFrame *>(u"connectionBand"_s)->isVisible());
}

void TestMainWindow::preferencesAreKeptAndUsed()
{
    SettingsDialog dialog([] { return nullptr; });
    dialog.findChild<QSpinBox *>(u"rowLimit"_s)->setValue(2500);
    dialog.findChild<QSpinBox *>(u"pageSize"_s)->setValue(800);
    dialog.findChild<QComboBox *>(u"theme"_s)->setCurrentIndex(int(app_settings::Theme::Dark));
    dialog.accept();
    QCOMPARE(app_settings::rowLimit(), 2500);
    QCOMPARE(app_settings::pageSize(), 800);
    QCOMPARE(app_settings::theme(), app_settings::Theme::Dark);
    // Read where they take effect: a new SQL tab's limit box.
    RowLimitBox box;
    QCOMPARE(box.value(), 2500);
    app_settings::setRowLimit(ScriptRunner::defaultRowCap);
    app_settings::setPageSize(500);
    app_settings::setTheme(app_settings::Theme::System);
    app_settings::applyTheme(app_settings::Theme::System);
}

void TestMainWindow::queryTabCompletesFromTheConnectionsCatalog()
{
    LaunchOptions options = fixtureOptions();
    MainWindow window(options);
    window.show();
    QSignalSpy ready(&window, &MainWindow::sessionReady);
    window.start();
    QVERIFY(ready.wait(30'000));
    CompletionCatalog *catalog = window.completionCatalog();
    QVERIFY(catalog);
    QSignalSpy loaded(catalog, &CompletionCatalog::loaded);
    QVERIFY(catalog->isLoaded() || loaded.wait(30'000));
    QueryTab *tab = window.openQueryTab();
    QVERIFY(tab);

    const QString byAlias = u"SELECT p. FROM window_test.people p"_s;
    const QStringList columns = completionsAt(tab, byAlias, int(byAlias.indexOf(u'.')) + 1);
    QVERIFY2(columns.contains(u"name"_s) && columns.contains(u"born"_s),
             qPrintable(columns.join(u", "_s)));

    // A table created from the editor is offered once the statement has run.
    QSignalSpy finished(tab, &QueryTab::runFinished);
    tab->editor()->setPlainText(u"DROP TABLE IF EXISTS window_test.freshly_made; "
                                "CREATE TABLE window_test.freshly_made (x int)"_s);
    tab->runAll();
    QVERIFY(finished.wait(30'000));
    QVERIFY(catalog->isLoading()); // each DDL statement started a reload; the last one counts
    QTRY_VERIFY_WITH_TIMEOUT(!catalog->isLoading(), 30'000);
    const QString qualified = u"SELECT * FROM window_test.fresh"_s;
    const QStringList tables = completionsAt(tab, qualified, int(qualified.size()));
    QVERIFY2(tables.contains(u"freshly_made"_s), qPrintable(tables.join(u", "_s)));
}

// The status bar says what keeps a read-only connection from writing: the fixture's role may
// write, so Mizzle does; a profile that asserts a read-only role says so instead.
void TestMainWindow::readOnlyProfileSaysWhatHoldsIt()
{
    for (const auto &[key, label] : {std::pair{u"readOnly"_s, u"read-only (Mizzle)"_s},
                                     std::pair{u"readOnlyRole"_s, u"read-only (role)"_s}}) {
        const QString path = m_profiles.filePath(key + u".json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"{\"format\": \"mizzle-profile\", \"version\": 1, \"name\": \"%1\", "
                   "\"host\": \"%2\", \"dbname\": \"mizzle_test\", \"%1\": true}"_s
                       .arg(key, test::testHost())
                       .toUtf8());
        file.close();
        LaunchOptions options;
        options.target = path;
        options.profileDirectory = m_profiles.path();
        options.sessionFile = m_profiles.filePath(u"session.json"_s);
        MainWindow window(options);
        QSignalSpy ready(&window, &MainWindow::sessionReady);
        window.start();
        QVERIFY(ready.wait(30'000));
        QTRY_VERIFY2(window.connectionStatusText().contains(u"\U0001F512 "_s + label),
                     qPrintable(window.connectionStatusText()));
        if (key != u"readOnly"_s)
            continue;
        // Explain Analyze of a write fails inside the read-only transaction and never offers
        // to keep effects.
        PlanTab plan(window.pool(), u"DELETE FROM window_test.people"_s, true);
        QSignalSpy captured(&plan, &PlanTab::captureFinished);
        plan.run();
        QVERIFY(captured.wait(30'000));
        QVERIFY(plan.errorBanner()->text().contains(u"read-only"_s));
        auto *keep = plan.findChild<QPushButton *>(u"keepEffects"_s);
        QVERIFY(!keep || !keep->isVisible());
    }
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const auto people = test::run(pool, u"SELECT count(*) FROM window_test.people"_s);
    QCOMPARE(people->text(0, 0), u"3"_s);
}

// --table with --where and --order-by: the link or script that opens a filtered view.
void TestMainWindow::launchOpensATableFilteredAndSorted()
{
    LaunchOptions options = fixtureOptions();
    options.table = u"window_test.people"_s;
    options.where = u"born IS NOT NULL"_s;
    options.orderBy = {{u"name"_s, true, std::nullopt}};
    MainWindow window(options);
    QSignalSpy settled(&window, &MainWindow::settled);
    window.show();
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 30'000);
    QVERIFY(settled.first().first().toBool());
    auto *tab = qobject_cast<TableTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QCOMPARE(tab->filter().expression, options.where);
    QCOMPARE(tab->sort(), options.orderBy);
    QTRY_VERIFY(tab->model()->isComplete());
    QCOMPARE(tab->model()->rowCount(), 2);
    QCOMPARE(tab->model()->index(0, 1).data().toString(), u"Żółć 🐘"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
