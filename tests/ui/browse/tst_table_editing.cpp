#include "browse/new_rows_model.h"
#include "browse/table_editor.h"
#include "browse/table_grid_model.h"
#include "browse/table_tab.h"
#include "catalog/catalog.h"
#include "edit/edit_buffer.h"
#include "session/connection_session.h"
#include "test_database.h"

#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Editing a table tab's rows, offscreen: edits show over the rows, follow them through a sort
// and a filter, undo and redo, and are refused where the server would refuse them.
class TestTableEditing : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void editsFollowTheRowThroughSortAndFilter();
    void undoAndRedoCrossEveryKindOfChange();
    void generatedColumnsAndReadOnlyProfilesAreNotEditable();

private:
    std::unique_ptr<TableTab> open(ConnectionSession &session, const QString &table);
    static bool settled(TableTab &tab);
    // The grid row showing the row with this id, or -1.
    static int rowOf(TableTab &tab, const QString &id);

    QTemporaryDir m_data;
    std::unique_ptr<ConnectionSession> m_session;
};

void TestTableEditing::initTestCase()
{
    ConnectionTarget target;
    target.displayName = u"editing test"_s;
    target.parameters = test::testParameters();
    m_session = std::make_unique<ConnectionSession>(target, m_data.path());
    const auto created = test::runScript(*m_session->pool(), uR"(
        DROP SCHEMA IF EXISTS edit_ui CASCADE;
        CREATE SCHEMA edit_ui;
        CREATE TABLE edit_ui.people (id integer PRIMARY KEY, name text, age integer,
            label text GENERATED ALWAYS AS (name || ' (' || age || ')') STORED);
        INSERT INTO edit_ui.people (id, name, age) VALUES (1, 'Cleo', 40), (2, 'Abe', 30),
            (3, 'Bea', 50);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

std::unique_ptr<TableTab> TestTableEditing::open(ConnectionSession &session, const QString &table)
{
    const auto details = test::await<TableDetails>(
        [&](auto done) { session.catalog()->loadTable(u"edit_ui"_s, table, this, done); });
    if (!details)
        qFatal("%s", test::describe(details).constData());
    (void)session.browseStates().save(u"edit_ui"_s, table, BrowseState{});
    auto tab = std::make_unique<TableTab>(&session, details.value());
    tab->resize(1000, 600);
    tab->show();
    return tab;
}

bool TestTableEditing::settled(TableTab &tab)
{
    return QTest::qWaitFor(
        [&tab] { return !tab.model()->isLoading() && tab.model()->isComplete(); }, 30'000);
}

int TestTableEditing::rowOf(TableTab &tab, const QString &id)
{
    for (int row = 0; row < tab.model()->rowCount(); ++row) {
        if (tab.model()->index(row, 0).data().toString() == id)
            return row;
    }
    return -1;
}

void TestTableEditing::editsFollowTheRowThroughSortAndFilter()
{
    auto tab = open(*m_session, u"people"_s);
    QVERIFY(settled(*tab));
    QTRY_VERIFY(tab->model()->isEditable());
    TableGridModel *model = tab->model();
    // Abe (id 2) is the second row by key.
    QVERIFY(model->setData(model->index(1, 1), QVariant::fromValue(CellValue::of(u"Abel"_s)),
                           TableGridModel::CellValueRole));
    QCOMPARE(tab->editor()->buffer()->changeCount(), 1);
    QCOMPARE(model->index(1, 1).data().toString(), u"Abel"_s);
    QVERIFY(model->index(1, 1).data(TableGridModel::PendingRole).toBool());
    QVERIFY(model->index(1, 1).data(Qt::BackgroundRole).isValid());

    tab->sortByColumn(3, false); // by the generated label: Abe (30) comes first
    QVERIFY(settled(*tab));
    const int abe = rowOf(*tab, u"2"_s);
    QCOMPARE(abe, 0);
    QCOMPARE(tab->model()->index(abe, 1).data().toString(), u"Abel"_s);
    QCOMPARE(tab->model()->index(rowOf(*tab, u"1"_s), 1).data().toString(), u"Cleo"_s);

    TableFilter older;
    older.conditions = {{u"age"_s, FilterOperator::GreaterOrEqual, {u"30"_s}}};
    tab->applyFilter(older);
    QTRY_COMPARE(tab->filter(), older);
    QVERIFY(settled(*tab));
    QCOMPARE(tab->model()->index(rowOf(*tab, u"2"_s), 1).data().toString(), u"Abel"_s);
    // Nothing was written: the server still has Abe.
    const auto server =
        test::run(*m_session->pool(), u"SELECT name FROM edit_ui.people WHERE id = 2"_s);
    QCOMPARE(server->text(0, 0), u"Abe"_s);
}

void TestTableEditing::undoAndRedoCrossEveryKindOfChange()
{
    auto tab = open(*m_session, u"people"_s);
    QVERIFY(settled(*tab));
    QTRY_VERIFY(tab->model()->isEditable());
    TableEditor *editor = tab->editor();
    EditBuffer *buffer = editor->buffer();
    TableGridModel *model = tab->model();
    model->setData(model->index(0, 2), QVariant::fromValue(CellValue::null()),
                   TableGridModel::CellValueRole);
    QCOMPARE(model->index(0, 2).data().toString(), u"NULL"_s);
    tab->view()->setCurrentIndex(model->index(2, 0));
    editor->deleteSelectedRows();
    QVERIFY(model->index(2, 0).data(TableGridModel::DeletedRole).toBool());
    QVERIFY(model->headerData(2, Qt::Vertical).toString().startsWith(u"✕"_s));
    editor->addRow();
    QCOMPARE(buffer->newRows().size(), 1);
    auto *strip = qobject_cast<NewRowsModel *>(editor->newRowsView()->model());
    QVERIFY(strip);
    QCOMPARE(strip->index(0, 1).data().toString(), u"DEFAULT"_s);
    QVERIFY(!(strip->flags(strip->index(0, 3)) & Qt::ItemIsEditable)); // generated
    strip->setData(strip->index(0, 1), QVariant::fromValue(CellValue::of(QString())),
                   TableGridModel::CellValueRole);
    QCOMPARE(strip->index(0, 1).data().toString(), QString()); // '' is not DEFAULT
    QCOMPARE(buffer->changeCount(), 3);

    QUndoStack *undo = editor->undoStack();
    undo->undo(); // the new row's cell
    QCOMPARE(strip->index(0, 1).data().toString(), u"DEFAULT"_s);
    undo->undo(); // the new row
    QCOMPARE(buffer->newRows().size(), 0);
    undo->undo(); // the deletion
    QVERIFY(!model->index(2, 0).data(TableGridModel::DeletedRole).toBool());
    undo->undo(); // the NULL
    QVERIFY(!buffer->hasChanges());
    QCOMPARE(model->index(0, 2).data().toString(), u"40"_s);
    undo->redo();
    undo->redo();
    QCOMPARE(buffer->changeCount(), 2);
    QVERIFY(model->index(2, 0).data(TableGridModel::DeletedRole).toBool());
    // Setting a cell back to what was read is no change at all.
    model->setData(model->index(1, 1), QVariant::fromValue(CellValue::of(u"Abe"_s)),
                   TableGridModel::CellValueRole);
    QCOMPARE(buffer->changeCount(), 2);
}

void TestTableEditing::generatedColumnsAndReadOnlyProfilesAreNotEditable()
{
    auto tab = open(*m_session, u"people"_s);
    QVERIFY(settled(*tab));
    QTRY_VERIFY(tab->model()->isEditable());
    QVERIFY(tab->model()->flags(tab->model()->index(0, 1)) & Qt::ItemIsEditable);
    QVERIFY(!(tab->model()->flags(tab->model()->index(0, 3)) & Qt::ItemIsEditable));

    ConnectionTarget readOnly = m_session->target();
    readOnly.readOnly = true;
    ConnectionSession session(readOnly, m_data.path());
    auto guarded = open(session, u"people"_s);
    QVERIFY(settled(*guarded));
    QVERIFY(!guarded->model()->isEditable());
    QVERIFY(guarded->model()->whyNotEditable().contains(u"read-only"_s));
    QVERIFY(!(guarded->model()->flags(guarded->model()->index(0, 1)) & Qt::ItemIsEditable));
}

QTEST_MAIN(TestTableEditing)
#include "tst_table_editing.moc"
