#include "browse/conflict_dialog.h"
#include "browse/new_rows_model.h"
#include "browse/review_sql_dialog.h"
#include "browse/table_editor.h"
#include "browse/table_grid_model.h"
#include "browse/table_tab.h"
#include "catalog/catalog.h"
#include "common/error_banner.h"
#include "edit/edit_buffer.h"
#include "session/connection_session.h"
#include "test_database.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
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
    void reviewShowsWhatSaveSendsAndSaveCommits();
    void aConflictSavesNothingAndEachResolutionWorks();
    void aRefusedChangeIsNamedAndStaysPending();
    void closedWithPendingEditsTheyAreOfferedBack();
    void anUpdatableViewIsEditedThroughItsBaseKey();

private:
    std::unique_ptr<TableTab> open(ConnectionSession &session, const QString &table);
    static bool settled(TableTab &tab);
    // The grid row showing the row with this id, or -1.
    static int rowOf(TableTab &tab, const QString &id);
    // Fills edit_ui.saving with these rows and opens it, ready to edit.
    std::unique_ptr<TableTab> openSaving(const QString &rows);
    QString savingRows();
    static void setCell(TableTab &tab, const QString &id, int column, const QString &text);

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
            (3, 'Bea', 50);
        CREATE TABLE edit_ui.saving (id integer PRIMARY KEY, name text NOT NULL,
            age integer CONSTRAINT age_is_positive CHECK (age >= 0));
        CREATE VIEW edit_ui.grown AS SELECT name AS title, id, age FROM edit_ui.saving
            WHERE age >= 2;
        CREATE VIEW edit_ui.names AS SELECT DISTINCT id, name FROM edit_ui.saving;)"_s);
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

std::unique_ptr<TableTab> TestTableEditing::openSaving(const QString &rows)
{
    const auto filled = test::runScript(
        *m_session->pool(),
        u"TRUNCATE edit_ui.saving; INSERT INTO edit_ui.saving VALUES %1"_s.arg(rows));
    if (!filled)
        qFatal("%s", test::describe(filled).constData());
    QFile::remove(m_session->journalPath(u"edit_ui"_s, u"saving"_s)); // an earlier test's
    auto tab = open(*m_session, u"saving"_s);
    if (!settled(*tab) || !QTest::qWaitFor([&] { return tab->model()->isEditable(); }))
        qFatal("the saving table did not open for editing");
    return tab;
}

QString TestTableEditing::savingRows()
{
    const auto rows =
        test::run(*m_session->pool(), u"SELECT string_agg(format('%s %s %s', id, name, age), ', ' "
                                      "ORDER BY id) FROM edit_ui.saving"_s);
    return rows ? rows->text(0, 0) : QString::fromUtf8(test::describe(rows));
}

void TestTableEditing::setCell(TableTab &tab, const QString &id, int column, const QString &text)
{
    TableGridModel *model = tab.model();
    QVERIFY(model->setData(model->index(rowOf(tab, id), column),
                           QVariant::fromValue(CellValue::of(text)),
                           TableGridModel::CellValueRole));
}

void TestTableEditing::reviewShowsWhatSaveSendsAndSaveCommits()
{
    auto tab = openSaving(u"(1, 'one', 1), (2, 'two', 2), (3, 'three', 3)"_s);
    TableEditor *editor = tab->editor();
    setCell(*tab, u"2"_s, 1, u"deux"_s);
    tab->view()->setCurrentIndex(tab->model()->index(rowOf(*tab, u"3"_s), 0));
    editor->deleteSelectedRows();
    editor->buffer()->addRow({{0, CellValue::of(u"4"_s)}, {1, CellValue::of(u"it's four"_s)}});

    editor->reviewSql();
    ReviewSqlDialog *review = nullptr;
    QTRY_VERIFY((review = tab->findChild<ReviewSqlDialog *>()) != nullptr);
    const QString shown = review->shownText();
    QVERIFY2(shown.contains(u"DELETE FROM"_s) && shown.contains(u"UPDATE"_s) &&
                 shown.contains(u"INSERT INTO"_s),
             qPrintable(shown));
    QVERIFY2(shown.contains(u"= 'deux'"_s) && shown.contains(u"= 'it''s four'"_s),
             qPrintable(shown));
    QVERIFY(review->script().contains(u"'it''s four'"_s)); // inlined for psql
    review->close();
    QCOMPARE(savingRows(), u"1 one 1, 2 two 2, 3 three 3"_s); // reviewing writes nothing

    editor->save();
    QVERIFY(!tab->model()->isEditable()); // editing waits for the save
    QTRY_VERIFY_WITH_TIMEOUT(!editor->buffer()->hasChanges(), 10'000);
    QCOMPARE(savingRows(), u"1 one 1, 2 deux 2, 4 it's four "_s);
    QCOMPARE(editor->undoStack()->count(), 0);
    QVERIFY(settled(*tab));
    QTRY_VERIFY(tab->model()->isEditable());
    QCOMPARE(tab->model()->index(rowOf(*tab, u"2"_s), 1).data().toString(), u"deux"_s);
    QVERIFY(rowOf(*tab, u"4"_s) >= 0); // read again, with what the server made
}

void TestTableEditing::aConflictSavesNothingAndEachResolutionWorks()
{
    auto tab = openSaving(u"(1, 'one', 1), (2, 'two', 2), (3, 'three', 3)"_s);
    TableEditor *editor = tab->editor();
    setCell(*tab, u"1"_s, 1, u"mine"_s);
    setCell(*tab, u"2"_s, 1, u"mine too"_s);
    setCell(*tab, u"3"_s, 1, u"later"_s);
    // Another session changes row 1's age, deletes row 2 and renames row 3.
    const auto theirs = test::runScript(*m_session->pool(),
                                        u"UPDATE edit_ui.saving SET age = 10 WHERE id = 1; "
                                        "DELETE FROM edit_ui.saving WHERE id = 2; "
                                        "UPDATE edit_ui.saving SET name = 'theirs' WHERE id = 3"_s);
    QVERIFY(theirs.ok());

    editor->save();
    ConflictDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = tab->findChild<ConflictDialog *>()) != nullptr, 10'000);
    QCOMPARE(savingRows(), u"1 one 10, 3 theirs 3"_s); // nothing of mine was applied
    QCOMPARE(editor->buffer()->changeCount(), 3);      // and everything is still pending
    QCOMPARE(dialog->conflicts().size(), 3);
    QString one, two, three;
    for (const ChangeConflict &conflict : dialog->conflicts()) {
        QString &slot = conflict.description.contains(u"id = 1"_s)   ? one
                        : conflict.description.contains(u"id = 2"_s) ? two
                                                                     : three;
        slot = conflict.rowKey;
    }
    QVERIFY(!one.isEmpty() && !two.isEmpty() && !three.isEmpty());
    QVERIFY(dialog->table()->item(0, 2)->text().size() > 0);
    dialog->setResolution(one, ConflictDialog::Resolution::KeepMine);
    dialog->setResolution(three, ConflictDialog::Resolution::EditFurther);
    QCOMPARE(dialog->resolution(two), ConflictDialog::Resolution::TakeTheirs); // it is gone
    dialog->accept();

    // Edit further holds the rest back: row 1 waits, rebased, with row 3.
    QCOMPARE(editor->buffer()->changeCount(), 2);
    QCOMPARE(savingRows(), u"1 one 10, 3 theirs 3"_s);
    editor->save();
    QTRY_VERIFY_WITH_TIMEOUT(!editor->buffer()->hasChanges(), 10'000);
    QCOMPARE(savingRows(), u"1 mine 10, 3 later 3"_s); // their age kept beside my name
}

void TestTableEditing::aRefusedChangeIsNamedAndStaysPending()
{
    auto tab = openSaving(u"(1, 'one', 1), (2, 'two', 2)"_s);
    TableEditor *editor = tab->editor();
    setCell(*tab, u"1"_s, 1, u"uno"_s);
    setCell(*tab, u"2"_s, 2, u"-5"_s);
    editor->save();
    auto *banner = tab->findChild<ErrorBanner *>();
    QVERIFY(banner);
    QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"age_is_positive"_s), 10'000);
    QVERIFY2(banner->text().contains(u"id = 2"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"still pending"_s), qPrintable(banner->text()));
    QCOMPARE(editor->buffer()->changeCount(), 2);
    QCOMPARE(savingRows(), u"1 one 1, 2 two 2"_s);
    QTRY_VERIFY(tab->model()->isEditable()); // and editing goes on
}

void TestTableEditing::closedWithPendingEditsTheyAreOfferedBack()
{
    auto tab = openSaving(u"(1, 'one', 1), (2, 'two', 2), (3, 'three', 3)"_s);
    setCell(*tab, u"1"_s, 1, u"kept"_s);
    setCell(*tab, u"2"_s, 1, u"theirs next"_s);
    setCell(*tab, u"3"_s, 1, u"gone next"_s);
    tab->editor()->buffer()->addRow({{0, CellValue::of(u"9"_s)}, {1, CellValue::of(u"new"_s)}});
    tab.reset(); // closed: the journal keeps the changes
    const QString path = m_session->journalPath(u"edit_ui"_s, u"saving"_s);
    QVERIFY2(QFile::exists(path), qPrintable(path));
    QVERIFY(test::runScript(*m_session->pool(), u"UPDATE edit_ui.saving SET age = 20 WHERE id = 2; "
                                                "DELETE FROM edit_ui.saving WHERE id = 3"_s)
                .ok());

    auto reopened = open(*m_session, u"saving"_s);
    QMessageBox *offer = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (offer = reopened->findChild<QMessageBox *>(u"restoreJournal"_s)) != nullptr, 10'000);
    QVERIFY2(offer->text().contains(u"changed on the server since"_s), qPrintable(offer->text()));
    QVERIFY2(offer->text().contains(u"gone"_s), qPrintable(offer->text()));
    QVERIFY(!reopened->editor()->buffer()->hasChanges()); // nothing until the user says so
    QAbstractButton *restore = nullptr;
    for (QAbstractButton *button : offer->buttons())
        if (offer->buttonRole(button) == QMessageBox::AcceptRole)
            restore = button;
    QVERIFY(restore);
    restore->click();
    EditBuffer *buffer = reopened->editor()->buffer();
    QCOMPARE(buffer->edits().size(), 2); // row 3 is gone
    QCOMPARE(buffer->newRows().size(), 1);
    QVERIFY(settled(*reopened));
    QCOMPARE(reopened->model()->index(rowOf(*reopened, u"1"_s), 1).data().toString(), u"kept"_s);

    // Row 2 changed since: saving shows it as a conflict rather than overwrite their age.
    reopened->editor()->save();
    ConflictDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = reopened->findChild<ConflictDialog *>()) != nullptr, 10'000);
    QCOMPARE(dialog->conflicts().size(), 1);
    dialog->setResolution(dialog->conflicts().first().rowKey, ConflictDialog::Resolution::KeepMine);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!buffer->hasChanges(), 10'000);
    QCOMPARE(savingRows(), u"1 kept 1, 2 theirs next 20, 9 new "_s);
    QTRY_VERIFY(!QFile::exists(path)); // saved: the journal is gone with the changes
}

void TestTableEditing::anUpdatableViewIsEditedThroughItsBaseKey()
{
    openSaving(u"(1, 'one', 1), (2, 'two', 2), (3, 'three', 3)"_s).reset();
    auto view = open(*m_session, u"grown"_s);
    QVERIFY(settled(*view));
    QCOMPARE(view->table().primaryKey, QStringList{u"id"_s}); // not "title", which shows name
    QTRY_VERIFY(view->model()->isEditable());
    TableGridModel *model = view->model();
    int three = -1;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 1).data().toString() == u"3"_s)
            three = row;
    QVERIFY(three >= 0);
    QVERIFY(model->setData(model->index(three, 0), QVariant::fromValue(CellValue::of(u"drei"_s)),
                           TableGridModel::CellValueRole));
    view->editor()->save();
    QTRY_VERIFY_WITH_TIMEOUT(!view->editor()->buffer()->hasChanges(), 10'000);
    QCOMPARE(savingRows(), u"1 one 1, 2 two 2, 3 drei 3"_s);

    auto distinct = open(*m_session, u"names"_s);
    QVERIFY(settled(*distinct));
    QTRY_VERIFY(!distinct->model()->whyNotEditable().startsWith(u"Reading"_s));
    QVERIFY(!distinct->model()->isEditable());
    QVERIFY2(distinct->model()->whyNotEditable().contains(u"view"_s),
             qPrintable(distinct->model()->whyNotEditable()));
}

QTEST_MAIN(TestTableEditing)
#include "tst_table_editing.moc"
