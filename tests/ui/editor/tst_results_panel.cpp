#include "catalog/type_catalog.h"
#include "editor/results_panel.h"
#include "export/result_exporter.h"
#include "grid/value_viewer.h"
#include "query/script_runner.h"
#include "test_database.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestResultsPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void ctrlCCopiesTheSelectionAsTsv();
    void oneCellCopiesAsItsBareValue();
    void contextMenuCopiesAsCsvJsonAndInsert();
    void valueViewerFollowsTheCurrentCell();
    void exportWritesTheWholeResult();
    void headersNameEveryTypeExactly();

private:
    bool run(const QString &sql);
    QAction *action(const QString &text) const;
    void select(int top, int left, int bottom, int right);

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<ScriptRunner> m_runner;
    std::unique_ptr<TypeCatalog> m_types; // not loaded unless a test loads it
    std::unique_ptr<ResultsPanel> m_panel;
};

void TestResultsPanel::init()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    m_runner = std::make_unique<ScriptRunner>(m_pool.get());
    m_types = std::make_unique<TypeCatalog>(m_pool.get());
    m_panel = std::make_unique<ResultsPanel>(m_runner.get(), m_types.get());
    m_panel->resize(900, 400);
    m_panel->show();
    // Shortcuts only reach an active window.
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
}

void TestResultsPanel::cleanup()
{
    m_panel.reset();
    m_types.reset();
    m_runner.reset();
    m_pool.reset();
}

bool TestResultsPanel::run(const QString &sql)
{
    m_panel->clearResults();
    QSignalSpy finished(m_runner.get(), &ScriptRunner::finished);
    m_runner->run({{sql, 0}});
    return finished.wait(30'000) && finished.first().first().toBool() &&
           m_panel->resultCount() == 1;
}

QAction *TestResultsPanel::action(const QString &text) const
{
    const QList<QAction *> actions = m_panel->resultView(0)->actions();
    const auto found = std::find_if(actions.begin(), actions.end(), [&text](const QAction *action) {
        return action->text() == text;
    });
    return found == actions.end() ? nullptr : *found;
}

void TestResultsPanel::select(int top, int left, int bottom, int right)
{
    QTableView *view = m_panel->resultView(0);
    const QAbstractItemModel *model = view->model();
    view->selectionModel()->select(
        QItemSelection(model->index(top, left), model->index(bottom, right)),
        QItemSelectionModel::ClearAndSelect);
}

void TestResultsPanel::ctrlCCopiesTheSelectionAsTsv()
{
    QVERIFY(run(u"SELECT 1 AS n, 'plain' AS s, NULL::text AS z "
                u"UNION ALL SELECT 2, E'tab\\there', '' "
                u"UNION ALL SELECT 3, 'not copied', 'x'"_s));
    QTableView *view = m_panel->resultView(0);
    QGuiApplication::clipboard()->clear();
    select(0, 0, 1, 2);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"1\tplain\t\n2\t\"tab\there\"\t\"\""_s);

    // Cells picked apart copy as the rows and columns that hold them.
    view->selectionModel()->select(view->model()->index(2, 0), QItemSelectionModel::ClearAndSelect);
    view->selectionModel()->select(view->model()->index(0, 2), QItemSelectionModel::Select);
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"1\t\n3\tx"_s);
}

void TestResultsPanel::oneCellCopiesAsItsBareValue()
{
    QVERIFY(run(u"SELECT E'say \"hi\",\tthen go' AS s"_s));
    select(0, 0, 0, 0);
    m_panel->copySelection(0, ResultFormat::Tsv);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"say \"hi\",\tthen go"_s);
}

void TestResultsPanel::contextMenuCopiesAsCsvJsonAndInsert()
{
    QVERIFY(run(u"SELECT 12345678901234567890::numeric AS big, 'a,b' AS s, true AS t"_s));
    QCOMPARE(m_panel->resultView(0)->contextMenuPolicy(), Qt::ActionsContextMenu);
    select(0, 0, 0, 2);
    QAction *csv = action(u"Copy as CSV"_s);
    QAction *json = action(u"Copy as JSON"_s);
    QAction *insert = action(u"Copy as SQL INSERT"_s);
    QVERIFY(csv && json && insert && action(u"Export…"_s));
    csv->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             u"big,s,t\r\n12345678901234567890,\"a,b\",t\r\n"_s);
    json->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             u"[\n  {\"big\": 12345678901234567890, \"s\": \"a,b\", \"t\": true}\n]\n"_s);
    insert->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             u"INSERT INTO \"table_name\" (\"big\", \"s\", \"t\") "
             u"VALUES (12345678901234567890, 'a,b', 't');\n"_s);
}

void TestResultsPanel::valueViewerFollowsTheCurrentCell()
{
    QVERIFY(run(u"SELECT '{\"id\": 12345678901234567890, \"tags\": [\"a\", \"b\"], "
                u"\"empty\": {}}'::jsonb AS doc, NULL::text AS n, 'NULL'::text AS word, "
                u"'\\xdeadbeef'::bytea AS bin"_s));
    QTableView *view = m_panel->resultView(0);
    const ValueViewer *viewer = m_panel->valueViewer();
    QVERIFY(viewer->isVisible());

    view->setCurrentIndex(view->model()->index(0, 0));
    QCOMPARE(viewer->text(), u"{\n"
                             u"    \"id\": 12345678901234567890,\n"
                             u"    \"tags\": [\n"
                             u"        \"a\",\n"
                             u"        \"b\"\n"
                             u"    ],\n"
                             u"    \"empty\": {}\n"
                             u"}"_s);
    QVERIFY2(viewer->caption().contains(u"jsonb"_s), qPrintable(viewer->caption()));

    view->setCurrentIndex(view->model()->index(0, 1));
    QVERIFY(viewer->showsNull());
    QCOMPARE(viewer->text(), u"NULL"_s);
    QVERIFY2(viewer->caption().contains(u"SQL NULL"_s), qPrintable(viewer->caption()));

    // The text 'NULL' is a value like any other.
    view->setCurrentIndex(view->model()->index(0, 2));
    QVERIFY(!viewer->showsNull());
    QCOMPARE(viewer->text(), u"NULL"_s);
    QVERIFY(!viewer->caption().contains(u"SQL NULL"_s));

    view->setCurrentIndex(view->model()->index(0, 3));
    QCOMPARE(viewer->text(), u"\\xdeadbeef"_s);
    QVERIFY2(viewer->caption().contains(u"4 bytes"_s), qPrintable(viewer->caption()));

    // Another run empties the viewer along with the grids.
    m_panel->clearResults();
    QCOMPARE(viewer->text(), QString());
}

void TestResultsPanel::exportWritesTheWholeResult()
{
    QVERIFY(run(u"SELECT g AS n FROM generate_series(1, 12000) g"_s));
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"numbers.json"_s);
    ResultExporter *exporter = m_panel->exportResult(0, ResultFormat::Json, path);
    QVERIFY(exporter);
    QSignalSpy finished(exporter, &ResultExporter::finished);
    QVERIFY(finished.wait(30'000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.startsWith("[\n  {\"n\": 1},\n  {\"n\": 2},"));
    QVERIFY(written.endsWith("  {\"n\": 12000}\n]\n"));
    QCOMPARE(written.count('{'), 12000);
    QVERIFY2(m_panel->messagesText().contains(u"Exported 12,000 rows"_s) ||
                 m_panel->messagesText().contains(u"Exported 12000 rows"_s),
             qPrintable(m_panel->messagesText()));
}

void TestResultsPanel::headersNameEveryTypeExactly()
{
    const auto created = test::runScript(*m_pool, uR"(
        DROP TYPE IF EXISTS panel_mood;
        CREATE TYPE panel_mood AS ENUM ('calm', 'cross');)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    QVERIFY(run(u"SELECT 'calm'::panel_mood AS mood, "
                u"timestamptz '2024-05-01 12:00:00+00'::timestamptz(3) AS at, "
                u"2.5::numeric(4,1) AS n"_s));
    QTableView *view = m_panel->resultView(0);
    const QAbstractItemModel *model = view->model();
    const auto header = [model](int column, int role = Qt::DisplayRole) {
        return model->headerData(column, Qt::Horizontal, role).toString();
    };
    // The short form on the header's second line, the type in full in its tooltip.
    QCOMPARE(header(1), u"at\ntimestamptz(3)"_s);
    QCOMPARE(header(1, Qt::ToolTipRole), u"at: timestamp(3) with time zone"_s);
    QCOMPARE(header(2), u"n\nnumeric(4,1)"_s);
    // Until the type names have loaded, the enum is known by its OID only; they rename it.
    QVERIFY2(header(0).startsWith(u"mood\noid "_s), qPrintable(header(0)));
    QSignalSpy renamed(model, &QAbstractItemModel::headerDataChanged);
    m_types->load();
    QVERIFY(renamed.wait(30'000));
    QCOMPARE(header(0), u"mood\npanel_mood"_s);
    QCOMPARE(header(0, Qt::ToolTipRole), u"mood: panel_mood"_s);

    const auto rightAligned = [model](int column) {
        return (model->index(0, column).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight) != 0;
    };
    QVERIFY(rightAligned(2));
    QVERIFY(!rightAligned(0));
    view->setCurrentIndex(model->index(0, 0));
    QVERIFY2(m_panel->valueViewer()->caption().startsWith(u"mood · panel_mood"_s),
             qPrintable(m_panel->valueViewer()->caption()));
}

QTEST_MAIN(TestResultsPanel)
#include "tst_results_panel.moc"
