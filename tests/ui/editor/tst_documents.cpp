#include "common/error_banner.h"
#include "document/editor_session.h"
#include "editor/document_actions.h"
#include "editor/query_tab.h"
#include "shell/main_window.h"
#include "sqltext/sql_editor.h"
#include "test_database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestDocuments : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void typingMarksTheTabAndSavingClearsIt();
    void openingAFileKeepsItsBytesOnSave();
    void openingAnOpenFileBringsItsTabForward();
    void unreadableFilesAreErrors();
    void tabsAndUnsavedTextComeBackAfterARestart();
    void editsReachTheSessionFileWithoutAShutdown();
    void documentsFollowANewConnection();
    void damagedSessionIsReportedAndKeptAside();
    void screenshotRunNeitherRestoresNorSaves();

private:
    std::unique_ptr<MainWindow> connectedWindow(const QString &screenshotPath = {});
    QString sessionFile() const { return m_dir->filePath(u"state/session.json"_s); }
    QString filePath(const QString &name) const { return m_dir->filePath(name); }
    static void type(QueryTab *tab, const QString &text);
    static QByteArray read(const QString &path);
    static void write(const QString &path, const QByteArray &bytes);
    static QList<QueryTab *> queryTabs(const MainWindow &window);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDocuments::initTestCase()
{
    // History files go to a test folder, not the user's.
    QStandardPaths::setTestModeEnabled(true);
}

void TestDocuments::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<MainWindow> TestDocuments::connectedWindow(const QString &screenshotPath)
{
    LaunchOptions options;
    options.target = u"host=%1 dbname=mizzle_test"_s.arg(test::testHost());
    options.profileDirectory = m_dir->filePath(u"profiles"_s);
    options.sessionFile = sessionFile();
    options.screenshotPath = screenshotPath;
    auto window = std::make_unique<MainWindow>(options);
    QSignalSpy ready(window.get(), &MainWindow::sessionReady);
    window->show();
    window->start();
    if (!ready.wait(30'000))
        return nullptr;
    return window;
}

// Key presses for ASCII, as a user types; the editor's cursor for the rest.
void TestDocuments::type(QueryTab *tab, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(tab->editor(), c.toLatin1());
        else
            tab->editor()->textCursor().insertText(QString(c));
    }
}

QByteArray TestDocuments::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

void TestDocuments::write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QList<QueryTab *> TestDocuments::queryTabs(const MainWindow &window)
{
    QList<QueryTab *> tabs;
    for (int i = 0; i < window.tabs()->count(); ++i) {
        if (auto *tab = qobject_cast<QueryTab *>(window.tabs()->widget(i)))
            tabs.append(tab);
    }
    return tabs;
}

void TestDocuments::typingMarksTheTabAndSavingClearsIt()
{
    auto window = connectedWindow();
    QVERIFY(window);
    QTabWidget *tabs = window->tabs();
    QueryTab *tab = window->openQueryTab();
    QVERIFY(tab);
    const int index = tabs->indexOf(tab);
    QCOMPARE(tabs->tabText(index), u"SQL 1"_s);
    QVERIFY(!tab->isModified());

    QSignalSpy modified(tab, &QueryTab::modifiedChanged);
    type(tab, u"SELECT 'Żółć 🐘';"_s);
    QVERIFY(tab->isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(tabs->tabText(index), u"*SQL 1"_s);

    const QString path = filePath(u"query.sql"_s);
    QSignalSpy titled(tab, &QueryTab::titleChanged);
    const auto saved = window->documents()->saveTab(index, path);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QVERIFY(!tab->isModified());
    QVERIFY(titled.count() >= 1);
    QCOMPARE(tabs->tabText(index), u"query.sql"_s);
    QCOMPARE(tab->filePath(), path);
    QCOMPARE(read(path), u"SELECT 'Żółć 🐘';"_s.toUtf8());

    // The marker comes back with the next edit, and undoing it to the saved text clears it.
    type(tab, u" x"_s);
    QCOMPARE(tabs->tabText(index), u"*query.sql"_s);
    tab->editor()->undo();
    QCOMPARE(tabs->tabText(index), u"query.sql"_s);
}

void TestDocuments::openingAFileKeepsItsBytesOnSave()
{
    // Windows line endings, a non-breaking space and a line separator inside a string: saving
    // the unchanged document must give back exactly these bytes.
    const QByteArray bytes =
        u"SELECT 'a\u00a0b', 'c\u2028d';\r\n-- 日本語\r\nSELECT 2;\r\n"_s.toUtf8();
    const QString path = filePath(u"windows.sql"_s);
    write(path, bytes);

    auto window = connectedWindow();
    QVERIFY(window);
    const auto opened = window->documents()->openFile(path);
    QVERIFY2(opened.ok(), test::describe(opened).constData());
    QueryTab *tab = opened.value();
    QCOMPARE(window->tabs()->currentWidget(), tab);
    QCOMPARE(window->tabs()->tabText(window->tabs()->indexOf(tab)), u"windows.sql"_s);
    QVERIFY(!tab->isModified());
    QVERIFY(tab->editor()->toPlainText().contains(u"日本語"_s));

    const QString copy = filePath(u"copy.sql"_s);
    QVERIFY(window->documents()->saveTab(window->tabs()->indexOf(tab), copy).ok());
    QCOMPARE(read(copy), bytes);
    QCOMPARE(tab->filePath(), copy);
}

void TestDocuments::openingAnOpenFileBringsItsTabForward()
{
    const QString path = filePath(u"once.sql"_s);
    write(path, "SELECT 1;\n");
    auto window = connectedWindow();
    QVERIFY(window);
    const auto first = window->documents()->openFile(path);
    QVERIFY(first.ok());
    QVERIFY(window->openQueryTab());
    const int count = window->tabs()->count();
    const auto second = window->documents()->openFile(path);
    QVERIFY(second.ok());
    QCOMPARE(second.value(), first.value());
    QCOMPARE(window->tabs()->count(), count);
    QCOMPARE(window->tabs()->currentWidget(), first.value());
}

void TestDocuments::unreadableFilesAreErrors()
{
    auto window = connectedWindow();
    QVERIFY(window);
    const QString missing = filePath(u"missing.sql"_s);
    const auto absent = window->documents()->openFile(missing);
    QVERIFY(!absent.ok());
    QCOMPARE(absent.error().where, missing);

    const QString latin1 = filePath(u"latin1.sql"_s);
    write(latin1, "SELECT 'caf\xe9';\n");
    const auto notUtf8 = window->documents()->openFile(latin1);
    QVERIFY(!notUtf8.ok());
    QVERIFY2(notUtf8.error().message.contains(u"UTF-8"_s), test::describe(notUtf8).constData());
    QCOMPARE(queryTabs(*window).size(), 0); // no half-opened tab is left behind

    QueryTab *tab = window->openQueryTab(u"SELECT 1"_s);
    const auto saved = window->documents()->saveTab(window->tabs()->indexOf(tab),
                                                    filePath(u"no/such/folder/x.sql"_s));
    QVERIFY(!saved.ok());
    QVERIFY(tab->filePath().isEmpty());
}

void TestDocuments::tabsAndUnsavedTextComeBackAfterARestart()
{
    const QString savedPath = filePath(u"saved.sql"_s);
    const QString editedPath = filePath(u"edited.sql"_s);
    {
        auto window = connectedWindow();
        QVERIFY(window);
        QueryTab *untitled = window->openQueryTab();
        type(untitled, u"SELECT 'never saved ✓'"_s);

        QueryTab *saved = window->openQueryTab();
        type(saved, u"SELECT 'on disk'"_s);
        QVERIFY(window->documents()->saveTab(window->tabs()->indexOf(saved), savedPath).ok());

        QueryTab *edited = window->openQueryTab();
        type(edited, u"SELECT 1"_s);
        QVERIFY(window->documents()->saveTab(window->tabs()->indexOf(edited), editedPath).ok());
        type(edited, u" + 1"_s);
        edited->editor()->moveCursorTo(7);

        // Opened from the history and never touched: nothing of the user's to bring back.
        QVERIFY(window->openQueryTab(u"SELECT 'from history'"_s));
    }
    QCOMPARE(read(editedPath), QByteArray("SELECT 1")); // the unsaved edit went to the session

    auto window = connectedWindow();
    QVERIFY(window);
    const QList<QueryTab *> tabs = queryTabs(*window);
    QCOMPARE(tabs.size(), 3);
    const auto text = [&window](const QueryTab *tab) {
        return window->tabs()->tabText(window->tabs()->indexOf(tab));
    };

    QCOMPARE(text(tabs[0]), u"*SQL 1"_s);
    QCOMPARE(tabs[0]->editor()->toPlainText(), u"SELECT 'never saved ✓'"_s);
    QVERIFY(tabs[0]->isModified());
    QVERIFY(tabs[0]->filePath().isEmpty());

    QCOMPARE(text(tabs[1]), u"saved.sql"_s);
    QCOMPARE(tabs[1]->editor()->toPlainText(), u"SELECT 'on disk'"_s);
    QVERIFY(!tabs[1]->isModified());
    QCOMPARE(tabs[1]->filePath(), savedPath);

    QCOMPARE(text(tabs[2]), u"*edited.sql"_s);
    QCOMPARE(tabs[2]->editor()->toPlainText(), u"SELECT 1 + 1"_s);
    QVERIFY(tabs[2]->isModified());
    QCOMPARE(tabs[2]->filePath(), editedPath);
    QCOMPARE(tabs[2]->editor()->textCursor().position(), 7);

    // Saving the restored document writes its restored text, and the marker goes.
    QVERIFY(window->documents()->saveTab(window->tabs()->indexOf(tabs[2]), editedPath).ok());
    QCOMPARE(read(editedPath), QByteArray("SELECT 1 + 1"));
    QCOMPARE(text(tabs[2]), u"edited.sql"_s);

    // A new tab does not take a restored tab's name.
    QueryTab *fresh = window->openQueryTab();
    QVERIFY(fresh);
    QCOMPARE(fresh->title(), u"SQL 2"_s);
}

// What a crash would leave: the session file as the last autosave wrote it.
void TestDocuments::editsReachTheSessionFileWithoutAShutdown()
{
    auto window = connectedWindow();
    QVERIFY(window);
    QueryTab *tab = window->openQueryTab();
    type(tab, u"SELECT 'autosaved'"_s);
    const auto saved = [this] {
        const auto loaded = EditorSession(sessionFile()).load();
        return loaded.ok() && loaded->size() == 1 &&
               loaded->first().unsavedText == u"SELECT 'autosaved'"_s && loaded->first().modified;
    };
    QTRY_VERIFY_WITH_TIMEOUT(saved(), 10'000);

    // Closing a tab that holds nothing unsaved takes it out of the session as well.
    QVERIFY(window->documents()->saveTab(window->tabs()->indexOf(tab), filePath(u"a.sql"_s)).ok());
    window->tabs()->tabCloseRequested(window->tabs()->indexOf(tab));
    QCOMPARE(queryTabs(*window).size(), 0);
    const auto emptied = [this] {
        const auto loaded = EditorSession(sessionFile()).load();
        return loaded.ok() && loaded->isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(emptied(), 10'000);
}

void TestDocuments::documentsFollowANewConnection()
{
    auto window = connectedWindow();
    QVERIFY(window);
    QueryTab *tab = window->openQueryTab();
    type(tab, u"SELECT 'kept'"_s);
    QSignalSpy ready(window.get(), &MainWindow::sessionReady);
    window->openUri(u"host=%1 dbname=mizzle_test"_s.arg(test::testHost()));
    QVERIFY(ready.wait(30'000));
    const QList<QueryTab *> tabs = queryTabs(*window);
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs.first()->editor()->toPlainText(), u"SELECT 'kept'"_s);
    QVERIFY(tabs.first()->isModified());
}

void TestDocuments::damagedSessionIsReportedAndKeptAside()
{
    QVERIFY(QDir().mkpath(QFileInfo(sessionFile()).absolutePath()));
    write(sessionFile(), "{ not json");
    auto window = connectedWindow();
    QVERIFY(window);
    QCOMPARE(queryTabs(*window).size(), 0);
    QVERIFY(window->banner()->isVisibleTo(window.get()));
    QVERIFY2(window->banner()->text().contains(u"damaged"_s), qPrintable(window->banner()->text()));
    QCOMPARE(read(sessionFile() + u".broken"_s), QByteArray("{ not json"));

    // The next session starts afresh and is kept.
    type(window->openQueryTab(), u"SELECT 'after'"_s);
    window.reset();
    const auto loaded = EditorSession(sessionFile()).load();
    QVERIFY2(loaded.ok(), test::describe(loaded).constData());
    QCOMPARE(loaded->size(), 1);
    QCOMPARE(loaded->first().unsavedText, u"SELECT 'after'"_s);
}

void TestDocuments::screenshotRunNeitherRestoresNorSaves()
{
    EditorSession session(sessionFile());
    QVERIFY(session.save({{QString(), u"SELECT 'earlier'"_s, true, 0, u"SQL 1"_s}}).ok());
    const QByteArray before = read(sessionFile());

    auto window = connectedWindow(filePath(u"shot.png"_s));
    QVERIFY(window);
    QCOMPARE(queryTabs(*window).size(), 0);
    type(window->openQueryTab(), u"SELECT 'screenshot'"_s);
    window.reset();
    QCOMPARE(read(sessionFile()), before);
}

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
