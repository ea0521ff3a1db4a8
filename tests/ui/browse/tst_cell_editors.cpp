#include "browse/bytea_cell_editor.h"
#include "browse/cell_editor_delegate.h"
#include "browse/choice_cell_editor.h"
#include "browse/enum_label_cache.h"
#include "browse/foreign_key_picker.h"
#include "browse/json_cell_editor.h"
#include "browse/json_editor_dialog.h"
#include "browse/line_cell_editor.h"
#include "browse/text_area_cell_editor.h"
#include "catalog/catalog.h"
#include "test_database.h"
#include "values/json_text.h"

#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QHelpEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

// The editor as the class it should be; a different one ends the run, saying which it is.
template <typename T> T *as(const std::unique_ptr<CellEditor> &editor)
{
    auto *typed = qobject_cast<T *>(editor.get());
    if (!typed)
        qFatal("expected a %s, got %s", T::staticMetaObject.className(),
               editor ? editor->metaObject()->className() : "no editor");
    return typed;
}

} // namespace

// The cell editors of a table tab, offscreen, on a table with a column of every kind: which
// editor each column gets, that values come back exactly (NULL, '' and DEFAULT apart), the
// enum's labels in their order, the foreign-key picker's searches, the JSON side editor and
// bytea's files.
class TestCellEditors : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void eachColumnGetsTheEditorOfItsType();
    void valuesComeBackExactly();
    void typedTextIsKeptAsTyped();
    void nullAndDefaultAreCommittedByKey();
    void aViewCommitsThroughTheDelegate();
    void focusLeavingCommitsButADialogDoesNot();
    void pickerPopupChoosesByKeys();
    void enumLabelsComeInSortOrder();
    void foreignKeyPickerFindsRowsAsYouType();
    void compositeKeyPickerNarrowsByTheOtherColumns();
    void newestSearchWins();
    void jsonEditorRefusesInvalidJsonAndKeepsNumbers();
    void byteaLoadsAndSavesFilesExactly();
    void generatedColumnsSayWhyTheyAreNotEdited();

private:
    int column(const QString &name) const;
    // One row of `things` in a model with the delegate's roles. withCellValues: CellValueRole
    // too, else only EditRole (with NULL an invalid variant).
    std::unique_ptr<QStandardItemModel> rowModel(const QHash<QString, CellValue> &values,
                                                 bool newRow = false,
                                                 bool withCellValues = true) const;
    std::unique_ptr<CellEditor> editorFor(const QModelIndex &index) const;
    // The value through an editor and back: setEditorData, then setModelData.
    CellValue roundTrip(const QString &columnName, const CellValue &value,
                        bool withCellValues = true) const;

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<EnumLabelCache> m_enums;
    TableDetails m_table;
    std::unique_ptr<CellEditorDelegate> m_delegate;
    std::unique_ptr<QWidget> m_parent;
};

void TestCellEditors::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    // mood's labels were added out of order: enumsortorder, not the oids, sets the order.
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS cell_editors CASCADE;
        CREATE SCHEMA cell_editors;
        SET LOCAL search_path = cell_editors; -- the script's own transaction, not the pool's
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        ALTER TYPE mood ADD VALUE 'happy' BEFORE 'ok';
        CREATE DOMAIN firm_mood AS mood CHECK (VALUE <> 'sad');
        CREATE TYPE "Odd ""Mood""" AS ENUM ('x y', 'z');
        CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL, born date);
        INSERT INTO authors VALUES (1, 'Ursula', NULL), (2, 'Terry', NULL), (12, 'Iain', NULL),
            (3, '100% Pratchett_fan', NULL), (4, 'Ursus', NULL);
        CREATE TABLE regions (country text, code integer, label text,
            PRIMARY KEY (country, code));
        INSERT INTO regions VALUES ('de', 1, 'Berlin'), ('de', 2, 'Bayern'), ('fr', 1, 'Paris');
        CREATE TABLE things (
            id integer PRIMARY KEY,
            title text,
            amount numeric,
            done boolean NOT NULL DEFAULT false,
            maybe boolean,
            feeling mood,
            firm firm_mood NOT NULL DEFAULT 'ok',
            odd "Odd ""Mood""",
            author_id integer REFERENCES authors,
            country text,
            code integer,
            due date,
            doc jsonb,
            tags integer[],
            blob bytea,
            title_upper text GENERATED ALWAYS AS (upper(title)) STORED,
            FOREIGN KEY (country, code) REFERENCES regions);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());

    m_catalog = std::make_unique<Catalog>(m_pool.get());
    auto table = test::await<TableDetails>(
        [&](auto done) { m_catalog->loadTable(u"cell_editors"_s, u"things"_s, this, done); });
    QVERIFY2(table.ok(), test::describe(table).constData());
    m_table = table.value();

    m_enums = std::make_unique<EnumLabelCache>(m_catalog.get());
    QSignalSpy loaded(m_enums.get(), &EnumLabelCache::loaded);
    m_enums->load(m_table);
    QTRY_COMPARE(loaded.count(), 1);
    m_delegate = std::make_unique<CellEditorDelegate>(m_table, m_pool.get(), m_enums->provider());
    m_parent = std::make_unique<QWidget>();
    m_parent->resize(800, 400);
    m_parent->show();
}

int TestCellEditors::column(const QString &name) const
{
    for (int i = 0; i < m_table.columns.size(); ++i) {
        if (m_table.columns.at(i).name == name)
            return i;
    }
    qFatal("no column %s", qPrintable(name));
}

std::unique_ptr<QStandardItemModel>
TestCellEditors::rowModel(const QHash<QString, CellValue> &values, bool newRow,
                          bool withCellValues) const
{
    auto model = std::make_unique<QStandardItemModel>(1, int(m_table.columns.size()));
    for (int i = 0; i < m_table.columns.size(); ++i) {
        auto *item = new QStandardItem;
        item->setData(i, CellEditorDelegate::ColumnRole);
        item->setData(newRow, CellEditorDelegate::NewRowRole);
        const auto found = values.constFind(m_table.columns.at(i).name);
        if (found != values.cend()) {
            if (found->kind == CellValue::Kind::Text)
                item->setData(found->text, Qt::EditRole);
            if (withCellValues)
                item->setData(QVariant::fromValue(*found), CellEditorDelegate::CellValueRole);
        }
        model->setItem(0, i, item);
    }
    return model;
}

std::unique_ptr<CellEditor> TestCellEditors::editorFor(const QModelIndex &index) const
{
    QWidget *editor = m_delegate->createEditor(m_parent.get(), QStyleOptionViewItem(), index);
    auto *cell = qobject_cast<CellEditor *>(editor);
    if (editor && !cell)
        qFatal("not a cell editor: %s", editor->metaObject()->className());
    if (cell) {
        m_delegate->setEditorData(cell, index);
        cell->show();
    }
    return std::unique_ptr<CellEditor>(cell);
}

CellValue TestCellEditors::roundTrip(const QString &columnName, const CellValue &value,
                                     bool withCellValues) const
{
    auto model = rowModel({{columnName, value}}, false, withCellValues);
    const QModelIndex index = model->index(0, column(columnName));
    const auto editor = editorFor(index);
    if (!editor)
        return CellValue::of(u"<no editor>"_s);
    model->setData(index, QVariant(), CellEditorDelegate::CellValueRole);
    m_delegate->setModelData(editor.get(), model.get(), index);
    const QVariant written = index.data(CellEditorDelegate::CellValueRole);
    if (written.metaType() != QMetaType::fromType<CellValue>())
        return CellValue::of(u"<not a CellValue>"_s);
    return written.value<CellValue>();
}

void TestCellEditors::eachColumnGetsTheEditorOfItsType()
{
    const auto model = rowModel({{u"title"_s, CellValue::of(u"short"_s)}});
    const auto editorOf = [&](const QString &name) {
        return editorFor(model->index(0, column(name)));
    };
    const auto exactly = [](const CellEditor *editor, const QMetaObject &type) {
        return editor && editor->metaObject() == &type;
    };

    QVERIFY(exactly(editorOf(u"title"_s).get(), LineCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"amount"_s).get(), LineCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"due"_s).get(), LineCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"tags"_s).get(), LineCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"doc"_s).get(), JsonCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"blob"_s).get(), ByteaCellEditor::staticMetaObject));
    QVERIFY(exactly(editorOf(u"author_id"_s).get(), ForeignKeyPicker::staticMetaObject));
    QVERIFY(exactly(editorOf(u"country"_s).get(), ForeignKeyPicker::staticMetaObject));
    QVERIFY(exactly(editorOf(u"code"_s).get(), ForeignKeyPicker::staticMetaObject));
    QVERIFY(!editorOf(u"title_upper"_s));

    // A long value, or one over several lines, gets the multi-line editor.
    const auto longText = rowModel({{u"title"_s, CellValue::of(QString(81, u'x'))}});
    QVERIFY(exactly(editorFor(longText->index(0, column(u"title"_s))).get(),
                    TextAreaCellEditor::staticMetaObject));
    const auto lines = rowModel({{u"title"_s, CellValue::of(u"one\ntwo"_s)}});
    QVERIFY(exactly(editorFor(lines->index(0, column(u"title"_s))).get(),
                    TextAreaCellEditor::staticMetaObject));

    // Booleans: NULL only where the column takes it.
    const auto withDone = rowModel({{u"done"_s, CellValue::of(u"t"_s)}});
    const auto done = editorFor(withDone->index(0, column(u"done"_s)));
    QVERIFY(exactly(done.get(), ChoiceCellEditor::staticMetaObject));
    QCOMPARE(as<ChoiceCellEditor>(done)->choiceTexts().mid(0, 2),
             (QStringList{u"true"_s, u"false"_s}));
    QVERIFY(!as<ChoiceCellEditor>(done)->choiceTexts().contains(u"NULL"_s));
    const auto maybe = editorOf(u"maybe"_s);
    QCOMPARE(as<ChoiceCellEditor>(maybe)->choiceTexts(),
             (QStringList{u"true"_s, u"false"_s, u"NULL"_s}));

    // The numbers' soft check: what is plainly no number is marked, and still kept.
    const auto amount = editorOf(u"amount"_s);
    auto *line = as<LineCellEditor>(amount);
    line->lineEdit()->clear();
    QTest::keyClicks(line->lineEdit(), u"1.2.3"_s);
    QVERIFY(!line->problem().isEmpty());
    QVERIFY(line->lineEdit()->styleSheet().contains(u"border"_s));
    QCOMPARE(line->value(), CellValue::of(u"1.2.3"_s));
    line->lineEdit()->clear();
    QTest::keyClicks(line->lineEdit(), u"-1.5e3"_s);
    QVERIFY(line->problem().isEmpty());
    QVERIFY(line->lineEdit()->styleSheet().isEmpty());

    QCOMPARE(m_delegate->kindOf(model->index(0, column(u"feeling"_s))), CellEditorKind::Enum);
    QCOMPARE(m_delegate->kindOf(model->index(0, column(u"firm"_s))), CellEditorKind::Enum);
    QCOMPARE(m_delegate->kindOf(model->index(0, column(u"due"_s))), CellEditorKind::DateTime);
    QCOMPARE(m_delegate->kindOf(model->index(0, column(u"tags"_s))), CellEditorKind::Array);
    QCOMPARE(m_delegate->kindOf(model->index(0, column(u"amount"_s))), CellEditorKind::Number);
}

void TestCellEditors::valuesComeBackExactly()
{
    const QString twentyDigits = u"12345678901234567890.000000000000000000001"_s;
    const QList<std::pair<QString, CellValue>> cases{
        {u"amount"_s, CellValue::of(u"1.500"_s)},
        {u"amount"_s, CellValue::of(twentyDigits)},
        {u"amount"_s, CellValue::null()},
        {u"title"_s, CellValue::of(u""_s)},
        {u"title"_s, CellValue::null()},
        {u"title"_s, CellValue::of(u"NULL"_s)},
        {u"title"_s, CellValue::of(u"line one\r\nline two"_s)},
        {u"title"_s, CellValue::of(u"  spaced  "_s)},
        {u"done"_s, CellValue::of(u"t"_s)},
        {u"done"_s, CellValue::of(u"f"_s)},
        {u"maybe"_s, CellValue::null()},
        {u"feeling"_s, CellValue::of(u"happy"_s)},
        {u"feeling"_s, CellValue::null()},
        {u"firm"_s, CellValue::of(u"ok"_s)},
        {u"author_id"_s, CellValue::of(u"12"_s)},
        {u"due"_s, CellValue::of(u"2024-02-29"_s)},
        {u"doc"_s, CellValue::of(u"{\"n\": 1.10, \"big\": 123456789012345678901234567890}"_s)},
        {u"tags"_s, CellValue::of(u"{1,2,NULL}"_s)},
        {u"blob"_s, CellValue::of(u"\\x00ff10"_s)},
        {u"blob"_s, CellValue::of(u"\\x"_s)},
        // What a choice does not offer is kept as it is, not turned into a choice.
        {u"done"_s, CellValue::null()},
        {u"feeling"_s, CellValue::of(u"since dropped"_s)},
    };
    for (const auto &[name, value] : cases) {
        QCOMPARE(roundTrip(name, value), value);
        QCOMPARE(roundTrip(name, value, false), value); // read from EditRole alone
    }
    // A new row's DEFAULT stays DEFAULT, in a line and in a combo.
    auto model = rowModel(
        {{u"amount"_s, CellValue::byDefault()}, {u"done"_s, CellValue::byDefault()}}, true);
    for (const QString &name : {u"amount"_s, u"done"_s}) {
        const QModelIndex index = model->index(0, column(name));
        const auto editor = editorFor(index);
        QCOMPARE(editor->value(), CellValue::byDefault());
    }
}

void TestCellEditors::typedTextIsKeptAsTyped()
{
    auto model = rowModel({{u"amount"_s, CellValue::null()}, {u"title"_s, CellValue::null()}});
    const auto amount = editorFor(model->index(0, column(u"amount"_s)));
    auto *line = as<LineCellEditor>(amount)->lineEdit();
    QCOMPARE(line->placeholderText(), u"NULL"_s);
    QTest::keyClicks(line, u"0001.500"_s); // no reformatting, no locale
    QCOMPARE(amount->value(), CellValue::of(u"0001.500"_s));

    // Clearing what a NULL cell showed, after typing, is the empty string.
    const auto title = editorFor(model->index(0, column(u"title"_s)));
    auto *text = as<LineCellEditor>(title)->lineEdit();
    QCOMPARE(title->value(), CellValue::null());
    QTest::keyClicks(text, u"x"_s);
    QTest::keyClick(text, Qt::Key_Backspace);
    QCOMPARE(title->value(), CellValue::of(u""_s));

    // Over several lines, Enter breaks the line and Ctrl+Enter commits.
    auto lines = rowModel({{u"title"_s, CellValue::of(u"one\ntwo"_s)}});
    const auto area = editorFor(lines->index(0, column(u"title"_s)));
    auto *edit = as<TextAreaCellEditor>(area)->textEdit();
    QSignalSpy areaCommitted(area.get(), &CellEditor::commitRequested);
    edit->moveCursor(QTextCursor::End);
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClicks(edit, u"three"_s);
    QCOMPARE(areaCommitted.count(), 0);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(areaCommitted.count(), 1);
    QCOMPARE(area->value(), CellValue::of(u"one\ntwo\nthree"_s));

    // A line takes more than QLineEdit's default 32767 characters.
    const QString huge(40'000, u'7');
    QCOMPARE(roundTrip(u"amount"_s, CellValue::of(huge)), CellValue::of(huge));

    // Choosing another label gives the label.
    auto feeling = rowModel({{u"feeling"_s, CellValue::of(u"sad"_s)}});
    const auto combo = editorFor(feeling->index(0, column(u"feeling"_s)));
    as<ChoiceCellEditor>(combo)->comboBox()->setCurrentIndex(2);
    QCOMPARE(combo->value(), CellValue::of(u"ok"_s));
}

void TestCellEditors::nullAndDefaultAreCommittedByKey()
{
    auto existing =
        rowModel({{u"title"_s, CellValue::of(u"abc"_s)}, {u"done"_s, CellValue::of(u"t"_s)}});
    const auto title = editorFor(existing->index(0, column(u"title"_s)));
    QVERIFY(!title->defaultButton()); // DEFAULT is for new rows
    QSignalSpy committed(title.get(), &CellEditor::commitRequested);
    auto *line = as<LineCellEditor>(title)->lineEdit();
    QTest::keyClick(line, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(committed.count(), 0);
    QTest::keyClick(line, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(committed.count(), 1);
    QCOMPARE(title->value(), CellValue::null());
    QCOMPARE(line->text(), u"abc"_s); // the key adds no text

    // NOT NULL: the key is refused.
    const auto done = editorFor(existing->index(0, column(u"done"_s)));
    QSignalSpy doneCommitted(done.get(), &CellEditor::commitRequested);
    QTest::keyClick(done->inputWidget(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(doneCommitted.count(), 0);
    QCOMPARE(done->value(), CellValue::of(u"t"_s));

    auto fresh = rowModel({}, true);
    const auto amount = editorFor(fresh->index(0, column(u"amount"_s)));
    QVERIFY(amount->defaultButton());
    QSignalSpy amountCommitted(amount.get(), &CellEditor::commitRequested);
    amount->defaultButton()->click();
    QCOMPARE(amountCommitted.count(), 1);
    QCOMPARE(amount->value(), CellValue::byDefault());

    const auto doc = editorFor(fresh->index(0, column(u"doc"_s)));
    QSignalSpy docCommitted(doc.get(), &CellEditor::commitRequested);
    QTest::keyClick(doc->inputWidget(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(docCommitted.count(), 1);
    QCOMPARE(doc->value(), CellValue::byDefault());
}

void TestCellEditors::aViewCommitsThroughTheDelegate()
{
    auto model =
        rowModel({{u"amount"_s, CellValue::of(u"1"_s)}, {u"maybe"_s, CellValue::of(u"t"_s)}});
    QTableView view;
    view.setModel(model.get());
    view.setItemDelegate(m_delegate.get());
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto cellValue = [&](const QString &name) {
        return model->index(0, column(name))
            .data(CellEditorDelegate::CellValueRole)
            .value<CellValue>();
    };

    const QModelIndex amount = model->index(0, column(u"amount"_s));
    view.setCurrentIndex(amount);
    view.edit(amount);
    auto *editor = view.findChild<LineCellEditor *>();
    QVERIFY(editor);
    editor->lineEdit()->selectAll();
    QTest::keyClicks(editor->lineEdit(), u"2.50"_s);
    QTest::keyClick(editor->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(cellValue(u"amount"_s), CellValue::of(u"2.50"_s));
    QTRY_VERIFY(!view.findChild<LineCellEditor *>());

    const QModelIndex maybe = model->index(0, column(u"maybe"_s));
    view.setCurrentIndex(maybe);
    view.edit(maybe);
    auto *combo = view.findChild<ChoiceCellEditor *>();
    QVERIFY(combo);
    QTest::keyClick(combo->inputWidget(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(cellValue(u"maybe"_s), CellValue::null());
    QTRY_VERIFY(!view.findChild<ChoiceCellEditor *>());

    // Escape leaves the cell as it was.
    view.edit(amount);
    editor = view.findChild<LineCellEditor *>();
    QVERIFY(editor);
    QTest::keyClicks(editor->lineEdit(), u"999"_s);
    QTest::keyClick(editor->lineEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!view.findChild<LineCellEditor *>());
    QCOMPARE(cellValue(u"amount"_s), CellValue::of(u"2.50"_s));
    view.setItemDelegate(nullptr);
}

void TestCellEditors::focusLeavingCommitsButADialogDoesNot()
{
    auto model =
        rowModel({{u"title"_s, CellValue::of(u"a"_s)}, {u"doc"_s, CellValue::of(u"[1]"_s)}});
    QWidget window;
    auto *view = new QTableView(&window);
    auto *elsewhere = new QLineEdit(&window);
    view->setGeometry(0, 0, 900, 200);
    elsewhere->setGeometry(0, 210, 200, 30);
    view->setModel(model.get());
    view->setItemDelegate(m_delegate.get());
    window.resize(900, 260);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const auto held = [&](const QString &name) {
        return model->index(0, column(name))
            .data(CellEditorDelegate::CellValueRole)
            .value<CellValue>();
    };

    // The focus leaves the editor's line for a widget outside the view.
    const QModelIndex title = model->index(0, column(u"title"_s));
    view->setCurrentIndex(title);
    view->edit(title);
    auto *line = view->findChild<LineCellEditor *>();
    QVERIFY(line);
    QTRY_VERIFY(line->lineEdit()->hasFocus());
    QTest::keyClicks(line->lineEdit(), u"bc"_s);
    elsewhere->setFocus();
    QTRY_COMPARE(held(u"title"_s), CellValue::of(u"bc"_s));
    QTRY_VERIFY(!view->findChild<LineCellEditor *>());

    // The JSON side editor takes the focus without ending the edit.
    const QModelIndex doc = model->index(0, column(u"doc"_s));
    view->setCurrentIndex(doc);
    view->edit(doc);
    auto *json = view->findChild<JsonCellEditor *>();
    QVERIFY(json);
    QTRY_VERIFY(json->lineEdit()->hasFocus());
    json->openSideEditor();
    QVERIFY(json->sideEditor());
    QVERIFY(QTest::qWaitForWindowActive(json->sideEditor()));
    QTRY_VERIFY(!json->lineEdit()->hasFocus());
    QCoreApplication::processEvents();
    QCOMPARE(view->findChild<JsonCellEditor *>(), json);
    json->sideEditor()->setText(u"[1, 2.50]"_s);
    json->sideEditor()->accept();
    QTRY_COMPARE(held(u"doc"_s), CellValue::of(u"[1, 2.50]"_s));
    QTRY_VERIFY(!view->findChild<JsonCellEditor *>());
    view->setItemDelegate(nullptr);
}

void TestCellEditors::pickerPopupChoosesByKeys()
{
    auto model = rowModel({{u"author_id"_s, CellValue::of(u"1"_s)}});
    QTableView view;
    view.setModel(model.get());
    view.setItemDelegate(m_delegate.get());
    view.resize(900, 300);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    const QModelIndex author = model->index(0, column(u"author_id"_s));
    view.setCurrentIndex(author);
    view.edit(author);
    auto *picker = view.findChild<ForeignKeyPicker *>();
    QVERIFY(picker);
    QTRY_VERIFY(picker->lineEdit()->hasFocus());
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), u"Ter"_s);
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 1);
    QCOMPARE(popup->model()->index(0, 1).data().toString(), u"Terry"_s);
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
    QTRY_COMPARE(author.data(CellEditorDelegate::CellValueRole).value<CellValue>(),
                 CellValue::of(u"2"_s));
    QTRY_VERIFY(!view.findChild<ForeignKeyPicker *>());
    view.setItemDelegate(nullptr);
}

void TestCellEditors::enumLabelsComeInSortOrder()
{
    const QStringList inOrder{u"sad"_s, u"happy"_s, u"ok"_s};
    const QString mood = m_table.columns.at(column(u"feeling"_s)).type;
    QCOMPARE(mood, u"cell_editors.mood"_s); // off the search path: qualified
    QCOMPARE(m_enums->labels(mood), inOrder);
    QCOMPARE(m_enums->labels(m_table.columns.at(column(u"firm"_s)).type), inOrder);
    const QString odd = m_table.columns.at(column(u"odd"_s)).type;
    QCOMPARE(odd, uR"(cell_editors."Odd ""Mood""")"_s);
    QCOMPARE(m_enums->labels(odd), (QStringList{u"x y"_s, u"z"_s}));

    // The cells hold a label each: an empty NOT NULL cell would add a NULL of its own.
    const auto model =
        rowModel({{u"feeling"_s, CellValue::of(u"ok"_s)}, {u"firm"_s, CellValue::of(u"happy"_s)}});
    const auto feeling = editorFor(model->index(0, column(u"feeling"_s)));
    QCOMPARE(as<ChoiceCellEditor>(feeling)->choiceTexts(), inOrder + QStringList{u"NULL"_s});
    const auto firm = editorFor(model->index(0, column(u"firm"_s)));
    QCOMPARE(as<ChoiceCellEditor>(firm)->choiceTexts(), inOrder);
    QCOMPARE(as<ChoiceCellEditor>(firm)->comboBox()->currentText(), u"happy"_s);
    QVERIFY(!as<ChoiceCellEditor>(firm)->choiceTexts().contains(u"NULL"_s));

    // Any other type has none, and that is no error.
    for (const QString &type : {u"integer"_s, u"cell_editors.no_such_type"_s, u"mood"_s}) {
        const auto labels = test::await<QStringList>(
            [&](auto done) { m_catalog->loadEnumLabels(type, this, done); });
        QVERIFY2(labels.ok(), test::describe(labels).constData());
        QVERIFY2(labels->isEmpty(), qPrintable(type)); // "mood" alone is off the search path
    }
}

void TestCellEditors::foreignKeyPickerFindsRowsAsYouType()
{
    auto model = rowModel({{u"author_id"_s, CellValue::null()}});
    const auto editor = editorFor(model->index(0, column(u"author_id"_s)));
    auto *picker = as<ForeignKeyPicker>(editor);
    const auto keysAndLabels = [picker] {
        QStringList found;
        for (const ForeignKeyCandidate &candidate : picker->candidates())
            found.append(candidate.keys.join(u',') + u' ' + candidate.label);
        return found;
    };
    picker->setFocus();

    QTest::keyClicks(picker->lineEdit(), u"urs"_s); // the label, in any case
    QTRY_COMPARE(keysAndLabels(), (QStringList{u"1 Ursula"_s, u"4 Ursus"_s}));
    QCOMPARE(picker->lookup()->labelColumns(), QStringList{u"name"_s});

    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), u"1"_s);
    // Keys that start with it, and labels that contain it, in key order.
    QTRY_COMPARE(keysAndLabels(),
                 (QStringList{u"1 Ursula"_s, u"3 100% Pratchett_fan"_s, u"12 Iain"_s}));

    // LIKE's wildcards are matched as they are.
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), u"%"_s);
    QTRY_COMPARE(keysAndLabels(), (QStringList{u"3 100% Pratchett_fan"_s}));
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), u"u_s"_s); // "Urs" would match an unescaped _
    QTRY_COMPARE(keysAndLabels(), QStringList());

    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), u"Iai"_s);
    QTRY_COMPARE(keysAndLabels(), (QStringList{u"12 Iain"_s}));
    QSignalSpy committed(picker, &CellEditor::commitRequested);
    picker->choose(0);
    QCOMPARE(committed.count(), 1);
    QCOMPARE(picker->value(), CellValue::of(u"12"_s)); // the key, not the label
    QVERIFY(picker->searchError().isEmpty());
}

void TestCellEditors::compositeKeyPickerNarrowsByTheOtherColumns()
{
    const auto codes = [](const ForeignKeyPicker *picker) {
        QStringList found;
        for (const ForeignKeyCandidate &candidate : picker->candidates())
            found.append(candidate.keys.join(u'/') + u' ' + candidate.label);
        return found;
    };
    auto germany =
        rowModel({{u"country"_s, CellValue::of(u"de"_s)}, {u"code"_s, CellValue::null()}});
    const auto code = editorFor(germany->index(0, column(u"code"_s)));
    auto *picker = as<ForeignKeyPicker>(code);
    picker->search();
    QTRY_COMPARE(codes(picker), (QStringList{u"de/1 Berlin"_s, u"de/2 Bayern"_s}));
    picker->choose(1);
    QCOMPARE(picker->value(), CellValue::of(u"2"_s)); // the edited column's part of the key

    // With the other column NULL, nothing narrows the search.
    auto nowhere = rowModel({{u"country"_s, CellValue::null()}});
    const auto any = editorFor(nowhere->index(0, column(u"code"_s)));
    as<ForeignKeyPicker>(any)->search();
    QTRY_COMPARE(codes(as<ForeignKeyPicker>(any)),
                 (QStringList{u"de/1 Berlin"_s, u"fr/1 Paris"_s, u"de/2 Bayern"_s}));

    // The country column, narrowed by the code.
    auto one = rowModel({{u"code"_s, CellValue::of(u"1"_s)}});
    const auto country = editorFor(one->index(0, column(u"country"_s)));
    auto *countries = as<ForeignKeyPicker>(country);
    countries->search();
    QTRY_COMPARE(codes(countries), (QStringList{u"de/1 Berlin"_s, u"fr/1 Paris"_s}));
    countries->choose(1);
    QCOMPARE(countries->value(), CellValue::of(u"fr"_s));
}

void TestCellEditors::newestSearchWins()
{
    const auto key = std::find_if(
        m_table.foreignKeys.cbegin(), m_table.foreignKeys.cend(),
        [](const ForeignKey &each) { return each.columns == QStringList{u"author_id"_s}; });
    QVERIFY(key != m_table.foreignKeys.cend());
    ForeignKeyLookup lookup(m_pool.get(), *key, 0);
    QStringList answered;
    connect(&lookup, &ForeignKeyLookup::found, this,
            [&](const QString &typed, const QList<ForeignKeyCandidate> &found) {
                answered.append(u"%1:%2"_s.arg(typed).arg(found.size()));
            });
    lookup.search(u"U"_s);
    lookup.search(u"Te"_s); // before the first has answered
    QTRY_COMPARE(answered, QStringList{u"Te:1"_s});
    QVERIFY(!lookup.isSearching());
    // Had the first search still answered, it would come before this one's answer.
    lookup.search(u"Ia"_s);
    QTRY_COMPARE(answered, (QStringList{u"Te:1"_s, u"Ia:1"_s}));
    QCOMPARE(lookup.generation(), quint64(3));
}

void TestCellEditors::jsonEditorRefusesInvalidJsonAndKeepsNumbers()
{
    JsonEditorDialog dialog(u"{\"a\": 1,\n  \"b\" 2}"_s);
    QVERIFY(dialog.syntaxError());
    QCOMPARE(dialog.syntaxError()->line, 2);
    QVERIFY2(dialog.status().contains(u"line 2"_s), qPrintable(dialog.status()));
    QVERIFY2(dialog.status().contains(u"offset %1"_s.arg(dialog.syntaxError()->position)),
             qPrintable(dialog.status()));
    QVERIFY(!dialog.okButton()->isEnabled());
    const QString before = dialog.text();
    dialog.prettyPrint(); // not on what is no JSON
    QCOMPARE(dialog.text(), before);

    // Typing fixes it, and the check follows.
    QTextCursor cursor = dialog.textEdit()->textCursor();
    cursor.setPosition(int(before.indexOf(u" 2")));
    dialog.textEdit()->setTextCursor(cursor);
    QTest::keyClicks(dialog.textEdit(), u":"_s);
    QVERIFY(!dialog.syntaxError());
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.status(), u"Valid JSON"_s);

    const QString exact = u"{\"n\":12345678901234567890.10,\"e\":1E+2,\"s\":\"a,b\"}"_s;
    dialog.setText(exact);
    dialog.prettyPrint();
    QCOMPARE(dialog.text(), indentJson(exact));
    QVERIFY(dialog.text().contains(u"12345678901234567890.10"_s));
    QVERIFY(dialog.text().contains(u"1E+2"_s));
    QVERIFY(dialog.text().contains(u'\n'));

    // Through the cell: the side editor's text comes back exactly, line breaks and all.
    auto model = rowModel({{u"doc"_s, CellValue::of(exact)}});
    const auto editor = editorFor(model->index(0, column(u"doc"_s)));
    auto *json = as<JsonCellEditor>(editor);
    QVERIFY(json->problem().isEmpty());
    QSignalSpy committed(json, &CellEditor::commitRequested);
    json->openSideEditor();
    QVERIFY(json->sideEditor());
    QCOMPARE(json->sideEditor()->text(), exact);
    json->sideEditor()->prettyPrint();
    json->sideEditor()->accept();
    QCOMPARE(committed.count(), 1);
    QCOMPARE(json->value(), CellValue::of(indentJson(exact)));

    // The line's own soft check.
    json->lineEdit()->clear();
    QTest::keyClicks(json->lineEdit(), u"[1,"_s);
    QVERIFY(!json->problem().isEmpty());
    QCOMPARE(json->value(), CellValue::of(u"[1,"_s));
}

void TestCellEditors::byteaLoadsAndSavesFilesExactly()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QByteArray bytes;
    for (int i = 0; i < 70'000; ++i) // past QLineEdit's default limit, as hex
        bytes.append(char((i * 7 + i / 256) % 256));
    const QString source = folder.filePath(u"in.bin"_s);
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    auto model = rowModel({{u"blob"_s, CellValue::null()}});
    const QModelIndex index = model->index(0, column(u"blob"_s));
    const auto editor = editorFor(index);
    auto *bytea = as<ByteaCellEditor>(editor);
    const Result<void> loaded = bytea->loadFile(source);
    QVERIFY2(loaded.ok(), test::describe(loaded).constData());
    const QString hex = u"\\x"_s + QString::fromLatin1(bytes.toHex());
    QCOMPARE(bytea->value(), CellValue::of(hex));
    m_delegate->setModelData(bytea, model.get(), index);
    QCOMPARE(index.data(CellEditorDelegate::CellValueRole).value<CellValue>(), CellValue::of(hex));

    const QString target = folder.filePath(u"out.bin"_s);
    const Result<void> saved = bytea->saveFile(target);
    QVERIFY2(saved.ok(), test::describe(saved).constData());
    QFile written(target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), bytes);

    // The server's hex text of the same bytes agrees.
    const auto server = test::run(*m_pool, u"SELECT $1::bytea = decode($2, 'hex')"_s,
                                  {hex, QString::fromLatin1(bytes.toHex())});
    QVERIFY2(server.ok(), test::describe(server).constData());
    QCOMPARE(server->text(0, 0), u"t"_s);

    bytea->lineEdit()->clear();
    QTest::keyClicks(bytea->lineEdit(), u"\\x12z"_s);
    QVERIFY(!bytea->problem().isEmpty());
    QVERIFY(!bytea->saveFile(folder.filePath(u"bad.bin"_s)).ok());
    QVERIFY(!QFile::exists(folder.filePath(u"bad.bin"_s)));
    QVERIFY(!bytea->loadFile(folder.filePath(u"missing.bin"_s)).ok());
}

void TestCellEditors::generatedColumnsSayWhyTheyAreNotEdited()
{
    auto model = rowModel({{u"title_upper"_s, CellValue::of(u"ABC"_s)}});
    const QModelIndex generated = model->index(0, column(u"title_upper"_s));
    QVERIFY(!m_delegate->createEditor(m_parent.get(), QStyleOptionViewItem(), generated));
    QVERIFY(m_delegate->whyNotEditable(generated).contains(u"generated"_s));
    QVERIFY(m_delegate->whyNotEditable(generated).contains(u"upper(title)"_s));
    QVERIFY(m_delegate->whyNotEditable(model->index(0, column(u"title"_s))).isEmpty());

    QTableView view;
    view.setModel(model.get());
    view.setItemDelegate(m_delegate.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect cell = view.visualRect(generated);
    QHelpEvent help(QEvent::ToolTip, cell.center(), view.viewport()->mapToGlobal(cell.center()));
    QStyleOptionViewItem option;
    option.rect = cell;
    QVERIFY(m_delegate->helpEvent(&help, &view, option, generated));
    QCOMPARE(QToolTip::text(), m_delegate->whyNotEditable(generated));
    view.setItemDelegate(nullptr);
}

QTEST_MAIN(TestCellEditors)
#include "tst_cell_editors.moc"
