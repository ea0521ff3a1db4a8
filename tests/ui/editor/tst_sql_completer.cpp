#include "completion/completion_catalog.h"
#include "editor/sql_completer.h"
#include "sqltext/sql_editor.h"

#include <QAction>
#include <QApplication>
#include <QTest>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestSqlCompleter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void ctrlSpaceShowsTheCompletions();
    void typingADotAfterAnAliasListsItsColumns();
    void enterInsertsTheChosenItem();
    void typingFiltersAndLeavingTheWordCloses();
    void escapeClosesWithoutTriggeringShortcuts();
    void tabInsertsAQuotedIdentifierWithoutIndenting();
    void clickingARowInsertsIt();

private:
    QStringList rows() const;
    void type(const QString &text, int cursor);

    CompletionCatalog *m_catalog = nullptr;
    QWidget *m_window = nullptr;
    SqlEditor *m_editor = nullptr;
    SqlCompleter *m_completer = nullptr;
    int m_escapes = 0;
};

void TestSqlCompleter::init()
{
    m_catalog = new CompletionCatalog(nullptr);
    m_catalog->setContents(
        {u"public"_s, u"My App"_s},
        {{u"public"_s, u"users"_s, {u"id"_s, u"name"_s, u"email"_s}, {u"integer"_s}},
         {u"public"_s, u"posts"_s, {u"id"_s, u"title"_s}},
         {u"My App"_s, u"Order Lines"_s, {u"qty"_s}}},
        {{u"pg_catalog"_s, u"upper"_s}});
    // Like a query tab: an Esc shortcut on a widget that holds the editor.
    m_window = new QWidget;
    m_window->resize(800, 500);
    auto *escape = new QAction(m_window);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_window->addAction(escape);
    m_escapes = 0;
    connect(escape, &QAction::triggered, this, [this] { ++m_escapes; });
    m_editor = new SqlEditor(m_window);
    (new QVBoxLayout(m_window))->addWidget(m_editor);
    m_completer = new SqlCompleter(m_editor, m_catalog);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_editor->setFocus();
}

void TestSqlCompleter::cleanup()
{
    delete m_window;
    delete m_catalog;
}

QStringList TestSqlCompleter::rows() const
{
    QStringList texts;
    QTreeWidget *list = m_completer->popup();
    for (int i = 0; list && i < list->topLevelItemCount(); ++i)
        texts.append(list->topLevelItem(i)->text(0));
    return texts;
}

// Sets the text and puts the cursor at the given position.
void TestSqlCompleter::type(const QString &text, int cursor)
{
    m_editor->setPlainText(text);
    m_editor->moveCursorTo(cursor);
}

void TestSqlCompleter::ctrlSpaceShowsTheCompletions()
{
    type(u"SELECT * FROM "_s, 14);
    QVERIFY(!m_completer->isOpen());
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows(), (QStringList{u"\"My App\""_s, u"public"_s, u"posts"_s, u"users"_s,
                                  u"\"My App\".\"Order Lines\""_s}));
    QCOMPARE(m_completer->popup()->topLevelItem(3)->text(1), u"table · public"_s);
    QCOMPARE(m_editor->toPlainText(), u"SELECT * FROM "_s); // no space typed
    QVERIFY(m_editor->hasFocus());
    // Below the cursor, inside the window.
    const QRect caret = m_editor->cursorRect();
    const QPoint caretInWindow = m_editor->viewport()->mapTo(m_window, caret.bottomLeft());
    QCOMPARE(m_completer->popup()->geometry().top(), caretInWindow.y());
    QVERIFY(m_window->rect().contains(m_completer->popup()->geometry()));
}

void TestSqlCompleter::typingADotAfterAnAliasListsItsColumns()
{
    type(u"SELECT  FROM users u"_s, 7);
    QTest::keyClicks(m_editor, u"u"_s);
    QVERIFY(!m_completer->isOpen()); // letters alone do not open it
    QTest::keyClicks(m_editor, u"."_s);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows(), (QStringList{u"id"_s, u"name"_s, u"email"_s}));
    QCOMPARE(m_completer->popup()->topLevelItem(0)->text(1), u"column · integer · users"_s);
}

void TestSqlCompleter::enterInsertsTheChosenItem()
{
    type(u"SELECT  FROM users u"_s, 7);
    QTest::keyClicks(m_editor, u"u."_s);
    QVERIFY(m_completer->isOpen());
    QTest::keyClick(m_editor, Qt::Key_Down);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QVERIFY(!m_completer->isOpen());
    QCOMPARE(m_editor->toPlainText(), u"SELECT u.name FROM users u"_s);
    QCOMPARE(m_editor->textCursor().position(), 13);
}

void TestSqlCompleter::typingFiltersAndLeavingTheWordCloses()
{
    type(u"SELECT * FROM users WHERE "_s, 26);
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows().mid(0, 3), (QStringList{u"id"_s, u"name"_s, u"email"_s}));
    QTest::keyClicks(m_editor, u"em"_s);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows().value(0), u"email"_s);
    QTest::keyClick(m_editor, Qt::Key_Backspace);
    QCOMPARE(rows().value(0), u"email"_s); // "e": still within the word
    QVERIFY(rows().contains(u"else"_s));   // keywords in the case they are typed in
    QTest::keyClicks(m_editor, u"mail "_s);
    QVERIFY(!m_completer->isOpen());
    QCOMPARE(m_editor->toPlainText(), u"SELECT * FROM users WHERE email "_s);
}

void TestSqlCompleter::escapeClosesWithoutTriggeringShortcuts()
{
    type(u"SELECT "_s, 7);
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_completer->isOpen());
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QVERIFY(!m_completer->isOpen());
    QCOMPARE(m_escapes, 0);
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QCOMPARE(m_escapes, 1); // closed, Esc is the window's again
}

void TestSqlCompleter::tabInsertsAQuotedIdentifierWithoutIndenting()
{
    type(u"SELECT * FROM \"My App\""_s, 22);
    QTest::keyClicks(m_editor, u"."_s);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows(), QStringList{u"\"Order Lines\""_s});
    QTest::keyClick(m_editor, Qt::Key_Tab);
    QVERIFY(!m_completer->isOpen());
    QCOMPARE(m_editor->toPlainText(), u"SELECT * FROM \"My App\".\"Order Lines\""_s);
}

void TestSqlCompleter::clickingARowInsertsIt()
{
    type(u"SELECT up"_s, 9);
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_completer->isOpen());
    QCOMPARE(rows().value(0), u"upper"_s);
    QTreeWidget *list = m_completer->popup();
    const QRect row = list->visualItemRect(list->topLevelItem(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QVERIFY(!m_completer->isOpen());
    QCOMPARE(m_editor->toPlainText(), u"SELECT upper"_s);
    QVERIFY(m_editor->hasFocus());
}

QTEST_MAIN(TestSqlCompleter)
#include "tst_sql_completer.moc"
