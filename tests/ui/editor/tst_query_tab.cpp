#include "editor/query_tab.h"
#include "editor/results_panel.h"
#include "editor/row_limit_box.h"
#include "grid/result_grid_model.h"
#include "query/script_runner.h"
#include "sqltext/sql_editor.h"
#include "test_database.h"

#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestQueryTab : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void runAtCursorPicksTheStatementUnderIt();
    void runAllGivesAResultTabPerResultSet();
    void serverErrorMovesTheCursorToItsPosition();
    void syntaxErrorIsUnderlinedAndNothingIsSent();
    void transactionIndicatorFollowsTheRuns();
    void rowLimitStopsTheFetchAndFetchAllGetsTheRest();

private:
    bool runWith(const std::function<void()> &start);
    static QStringList column(const QTableView *view, int column);

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<QueryTab> m_tab;
};

void TestQueryTab::init()
{
    // The row limit is remembered in settings: start each test from the default.
    QCoreApplication::setOrganizationName(u"mizzle-tests"_s);
    QSettings().clear();
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    m_tab = std::make_unique<QueryTab>(m_pool.get());
    m_tab->show();
    // Shortcuts only reach an active window.
    m_tab->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_tab.get()));
    m_tab->editor()->setFocus();
}

void TestQueryTab::cleanup()
{
    m_tab.reset();
    m_pool.reset();
}

bool TestQueryTab::runWith(const std::function<void()> &start)
{
    QSignalSpy finished(m_tab.get(), &QueryTab::runFinished);
    start();
    return finished.wait(30'000) && finished.first().first().toBool();
}

QStringList TestQueryTab::column(const QTableView *view, int column)
{
    QStringList values;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        values.append(view->model()->index(row, column).data().toString());
    return values;
}

void TestQueryTab::runAtCursorPicksTheStatementUnderIt()
{
    const QString script = u"SELECT 'first';\n"
                           u"SELECT 'second; with a semicolon' AS s;\n"
                           u"SELECT 'third';"_s;
    m_tab->editor()->setPlainText(script);
    m_tab->editor()->moveCursorTo(int(script.indexOf(u"second"_s)));
    QVERIFY(
        runWith([this] { QTest::keyClick(m_tab->editor(), Qt::Key_Return, Qt::ControlModifier); }));
    QCOMPARE(m_tab->results()->resultCount(), 1);
    QCOMPARE(column(m_tab->results()->resultView(0), 0),
             QStringList{u"second; with a semicolon"_s});
    QCOMPARE(m_tab->results()->resultView(0)->model()->headerData(0, Qt::Horizontal).toString(),
             u"s\ntext"_s);

    // A cursor just after a statement's semicolon still belongs to that statement.
    m_tab->editor()->moveCursorTo(int(script.indexOf(u"'third';"_s) + 8));
    QVERIFY(runWith([this] { m_tab->runAtCursor(); }));
    QCOMPARE(column(m_tab->results()->resultView(0), 0), QStringList{u"third"_s});
}

void TestQueryTab::runAllGivesAResultTabPerResultSet()
{
    m_tab->editor()->setPlainText(u"CREATE TEMP TABLE t (n int);\n"
                                  u"INSERT INTO t SELECT generate_series(1, 2500);\n"
                                  u"SELECT n FROM t ORDER BY n;\n"
                                  u"DO $$ BEGIN RAISE NOTICE 'done; really'; END $$;\n"
                                  u"SELECT count(*) AS c FROM t"_s);
    QVERIFY(runWith([this] { QTest::keyClick(m_tab->editor(), Qt::Key_F5); }));
    QCOMPARE(m_tab->results()->resultCount(), 2);
    const QTableView *rows = m_tab->results()->resultView(0);
    QCOMPARE(rows->model()->rowCount(), 2500);
    QCOMPARE(rows->model()->index(2499, 0).data().toString(), u"2500"_s);
    QCOMPARE(rows->model()->index(0, 0).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(column(m_tab->results()->resultView(1), 0), QStringList{u"2500"_s});
    const QString messages = m_tab->results()->messagesText();
    QVERIFY2(messages.contains(u"INSERT 0 2500"_s), qPrintable(messages));
    QVERIFY2(messages.contains(u"NOTICE: done; really"_s), qPrintable(messages));
}

void TestQueryTab::serverErrorMovesTheCursorToItsPosition()
{
    const QString script = u"SELECT 1;\nSELECT 'ü😀', nosuchcolumn FROM pg_class"_s;
    m_tab->editor()->setPlainText(script);
    QVERIFY(!runWith([this] { m_tab->runAll(); }));
    // The server counts characters; the emoji is two UTF-16 units, so this proves the mapping.
    QCOMPARE(m_tab->editor()->textCursor().position(), int(script.indexOf(u"nosuchcolumn"_s)));
    QVERIFY(m_tab->results()->messagesText().contains(u"42703"_s));
}

void TestQueryTab::syntaxErrorIsUnderlinedAndNothingIsSent()
{
    const QString script = u"SELECT 1;\nSELECT * FORM pg_class"_s;
    m_tab->editor()->setPlainText(script);
    QSignalSpy started(m_tab->runner(), &ScriptRunner::statementStarted);
    m_tab->runAll();
    QVERIFY(!m_tab->isRunning());
    QCOMPARE(started.count(), 0);
    QVERIFY(m_tab->results()->messagesText().contains(u"Not sent"_s));
    const int errorAt = m_tab->editor()->textCursor().position();
    QVERIFY2(errorAt > int(script.indexOf(u"SELECT *"_s)), qPrintable(QString::number(errorAt)));
    const auto selections = m_tab->editor()->extraSelections();
    QVERIFY(std::any_of(selections.begin(), selections.end(), [errorAt](const auto &selection) {
        return selection.format.underlineStyle() == QTextCharFormat::WaveUnderline &&
               selection.cursor.selectionStart() == errorAt;
    }));
}

void TestQueryTab::transactionIndicatorFollowsTheRuns()
{
    QSignalSpy transaction(m_tab.get(), &QueryTab::transactionChanged);
    m_tab->editor()->setPlainText(u"BEGIN; CREATE TEMP TABLE kept (x int)"_s);
    QVERIFY(runWith([this] { m_tab->runAll(); }));
    QVERIFY(m_tab->hasOpenTransaction());
    QCOMPARE(transaction.count(), 1);
    m_tab->editor()->setPlainText(u"INSERT INTO kept VALUES (1); ROLLBACK"_s);
    QVERIFY(runWith([this] { m_tab->runAll(); }));
    QVERIFY(!m_tab->hasOpenTransaction());
    QCOMPARE(transaction.count(), 2);
    QCOMPARE(transaction.last().first().toBool(), false);
}

void TestQueryTab::rowLimitStopsTheFetchAndFetchAllGetsTheRest()
{
    m_tab->rowLimit()->setValue(1000);
    QCOMPARE(m_tab->runner()->rowCap(), 1000);
    m_tab->editor()->setPlainText(u"SELECT generate_series(1, 4321) AS n"_s);
    QVERIFY(runWith([this] { m_tab->runAll(); }));
    QCOMPARE(m_tab->results()->resultView(0)->model()->rowCount(), 1000);
    auto *fetchAll = m_tab->findChild<QPushButton *>(u"fetchAll"_s);
    QVERIFY(fetchAll);
    QVERIFY(fetchAll->isVisible());

    QVERIFY(runWith([fetchAll] { fetchAll->click(); }));
    QCOMPARE(m_tab->results()->resultView(0)->model()->rowCount(), 4321);
    QVERIFY(!fetchAll->isVisible());
    QCOMPARE(m_tab->runner()->rowCap(), 1000); // the limit holds for the next run

    // A new tab starts with the limit chosen last.
    QueryTab another(m_pool.get());
    QCOMPARE(another.rowLimit()->value(), 1000);
    m_tab->rowLimit()->setValue(ScriptRunner::defaultRowCap);
}

QTEST_MAIN(TestQueryTab)
#include "tst_query_tab.moc"
