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
#include "cell_editor_fixture.h"
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
using namespace mizzle::test;
using namespace Qt::StringLiterals;

// A table tab's cell editors through CellEditorDelegate, offscreen: which editor each column
// gets, that values come back exactly (NULL, '' and DEFAULT apart), typed text, the NULL and
// DEFAULT keys, commits in a real view, and generated columns that say why they are not edited.
class TestCellEditors : public CellEditorFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpFixture(u"cell_delegate"_s); }
    void eachColumnGetsTheEditorOfItsType();
    void valuesComeBackExactly();
    void typedTextIsKeptAsTyped();
    void nullAndDefaultAreCommittedByKey();
    void aViewCommitsThroughTheDelegate();
    void focusLeavingCommitsButADialogDoesNot();
    void generatedColumnsSayWhyTheyAreNotEdited();
};

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
