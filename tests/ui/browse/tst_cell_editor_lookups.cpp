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

// The cell editors that look things up or work beside the cell, offscreen: the enum's labels in
// their order, the foreign-key picker's searches, the JSON side editor and bytea's files.
class TestCellEditorLookups : public CellEditorFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpFixture(u"cell_editors"_s); }
    void pickerPopupChoosesByKeys();
    void enumLabelsComeInSortOrder();
    void foreignKeyPickerFindsRowsAsYouType();
    void compositeKeyPickerNarrowsByTheOtherColumns();
    void newestSearchWins();
    void jsonEditorRefusesInvalidJsonAndKeepsNumbers();
    void byteaLoadsAndSavesFilesExactly();
};

void TestCellEditorLookups::pickerPopupChoosesByKeys()
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

void TestCellEditorLookups::enumLabelsComeInSortOrder()
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

void TestCellEditorLookups::foreignKeyPickerFindsRowsAsYouType()
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

void TestCellEditorLookups::compositeKeyPickerNarrowsByTheOtherColumns()
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

void TestCellEditorLookups::newestSearchWins()
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

void TestCellEditorLookups::jsonEditorRefusesInvalidJsonAndKeepsNumbers()
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

void TestCellEditorLookups::byteaLoadsAndSavesFilesExactly()
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

QTEST_MAIN(TestCellEditorLookups)
#include "tst_cell_editor_lookups.moc"
