#include "sqltext/line_number_area.h"
#include "sqltext/sql_editor.h"

#include <QApplication>
#include <QFontInfo>
#include <QHelpEvent>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>
#include <optional>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestSqlEditor : public QObject
{
    Q_OBJECT
private slots:
    void highlightsKeywordsWithThePostgresDefinition();
    void themeFollowsThePalette();
    void themeFollowsTheApplicationPalette();
    void commentToggleAddsAndRemovesMarkers();
    void commentToggleOnMixedLinesCommentsAll();
    void tabIndentsAndBacktabOutdentsSelectedLines();
    void tabWithoutSelectionInsertsSpaces();
    void bracketNextToTheCursorMarksItsPartner();
    void showErrorUnderlinesTheRangeWithATooltip();
    void activeStatementIsTintedAndFollowsEdits();
    void lineNumberMarginGrowsAtLineHundred();
    void moveCursorToScrollsTheLineIntoView();

private:
    static QTextCharFormat formatAt(const QTextBlock &block, int column);
    static std::optional<QTextEdit::ExtraSelection> selectionAt(const SqlEditor &editor, int start,
                                                                int end);
    static QPalette paletteWithBase(const QColor &base);
    static void select(SqlEditor &editor, int anchor, int position);
};

QTextCharFormat TestSqlEditor::formatAt(const QTextBlock &block, int column)
{
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return {};
}

std::optional<QTextEdit::ExtraSelection> TestSqlEditor::selectionAt(const SqlEditor &editor,
                                                                    int start, int end)
{
    const auto selections = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections) {
        if (selection.cursor.selectionStart() == start && selection.cursor.selectionEnd() == end)
            return selection;
    }
    return std::nullopt;
}

QPalette TestSqlEditor::paletteWithBase(const QColor &base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, base.lightness() < 128 ? Qt::white : Qt::black);
    return palette;
}

void TestSqlEditor::select(SqlEditor &editor, int anchor, int position)
{
    QTextCursor cursor = editor.textCursor();
    cursor.setPosition(anchor);
    cursor.setPosition(position, QTextCursor::KeepAnchor);
    editor.setTextCursor(cursor);
}

void TestSqlEditor::highlightsKeywordsWithThePostgresDefinition()
{
    SqlEditor editor;
    QCOMPARE(editor.definitionName(), u"SQL (PostgreSQL)"_s);
    editor.setPlainText(u"SELECT customer_name FROM orders;"_s);
    const QTextBlock block = editor.document()->firstBlock();
    const QTextCharFormat keyword = formatAt(block, 0);
    QVERIFY(keyword.hasProperty(QTextFormat::ForegroundBrush) ||
            keyword.hasProperty(QTextFormat::FontWeight));
    QVERIFY(keyword != formatAt(block, 7)); // customer_name
    QCOMPARE(formatAt(block, 21), keyword); // FROM
    QVERIFY(QFontInfo(editor.font()).fixedPitch());
}

void TestSqlEditor::themeFollowsThePalette()
{
    SqlEditor editor;
    editor.setPlainText(u"SELECT 1;"_s);
    editor.setPalette(paletteWithBase(Qt::white));
    QVERIFY(!editor.isDarkTheme());
    const QBrush lightKeyword = formatAt(editor.document()->firstBlock(), 0).foreground();

    editor.setPalette(paletteWithBase(QColor(0x20, 0x20, 0x24)));
    QVERIFY(editor.isDarkTheme());
    // The text was re-highlighted in the dark theme, not only flagged.
    QVERIFY(formatAt(editor.document()->firstBlock(), 0).foreground() != lightKeyword);

    editor.setPalette(paletteWithBase(QColor(0xf0, 0xf0, 0xf0)));
    QVERIFY(!editor.isDarkTheme());
    QCOMPARE(formatAt(editor.document()->firstBlock(), 0).foreground(), lightKeyword);
}

void TestSqlEditor::themeFollowsTheApplicationPalette()
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(paletteWithBase(Qt::white));
    SqlEditor editor;
    QVERIFY(!editor.isDarkTheme());
    QApplication::setPalette(paletteWithBase(QColor(0x1e, 0x1e, 0x1e)));
    QCoreApplication::processEvents(); // the new palette reaches widgets by posted events
    const bool dark = editor.isDarkTheme();
    QApplication::setPalette(original);
    QCoreApplication::processEvents();
    QVERIFY(dark);
    QCOMPARE(editor.isDarkTheme(), original.color(QPalette::Base).lightness() < 128);
}

void TestSqlEditor::commentToggleAddsAndRemovesMarkers()
{
    const QString original = u"SELECT 1\n  FROM t\n\nWHERE x;\nORDER BY 1;"_s;
    SqlEditor editor;
    editor.setPlainText(original);
    select(editor, 2, original.indexOf(u"x;"_s)); // from inside line 1 to inside line 4

    QTest::keyClick(&editor, Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(editor.toPlainText(), u"-- SELECT 1\n--   FROM t\n\n-- WHERE x;\nORDER BY 1;"_s);

    QTest::keyClick(&editor, Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(editor.toPlainText(), original);

    // Adding the markers is a single undo step, however many lines it touched.
    QTest::keyClick(&editor, Qt::Key_Slash, Qt::ControlModifier);
    QVERIFY(editor.toPlainText() != original);
    editor.undo();
    QCOMPARE(editor.toPlainText(), original);
}

void TestSqlEditor::commentToggleOnMixedLinesCommentsAll()
{
    SqlEditor editor;
    editor.setPlainText(u"-- SELECT 1;\nSELECT 2;"_s);
    select(editor, 0, editor.document()->characterCount() - 1);
    QTest::keyClick(&editor, Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(editor.toPlainText(), u"-- -- SELECT 1;\n-- SELECT 2;"_s);

    // Without a selection only the cursor's line is toggled.
    editor.moveCursorTo(0);
    QTest::keyClick(&editor, Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(editor.toPlainText(), u"-- SELECT 1;\n-- SELECT 2;"_s);
}

void TestSqlEditor::tabIndentsAndBacktabOutdentsSelectedLines()
{
    const QString original = u"SELECT a,\n  b\n\nFROM t;\nWHERE x;"_s;
    SqlEditor editor;
    editor.setPlainText(original);
    // Ends at the start of the last line, which therefore is not part of the block.
    select(editor, 3, original.indexOf(u"WHERE"_s));

    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), u"    SELECT a,\n      b\n\n    FROM t;\nWHERE x;"_s);
    QVERIFY(editor.textCursor().hasSelection()); // so that Tab can be pressed again

    QTest::keyClick(&editor, Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(editor.toPlainText(), original);

    // Lines with less than a full indent lose what they have.
    QTest::keyClick(&editor, Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(editor.toPlainText(), u"SELECT a,\nb\n\nFROM t;\nWHERE x;"_s);
}

void TestSqlEditor::tabWithoutSelectionInsertsSpaces()
{
    SqlEditor editor;
    editor.setPlainText(u"SELECT 1\nFROM t"_s);
    editor.moveCursorTo(6);
    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), u"SELECT     1\nFROM t"_s);
    QCOMPARE(editor.textCursor().position(), 10);

    // A selection inside one line is replaced, not indented.
    select(editor, 0, 6);
    QTest::keyClick(&editor, Qt::Key_Tab);
    QCOMPARE(editor.toPlainText(), u"         1\nFROM t"_s);
}

void TestSqlEditor::bracketNextToTheCursorMarksItsPartner()
{
    SqlEditor editor;
    // Positions:          7    12    18,19     27 29
    editor.setPlainText(u"SELECT (a + (b * 2)) FROM t[1]"_s);

    editor.moveCursorTo(7); // before the outer "("
    QVERIFY(selectionAt(editor, 7, 8));
    QVERIFY(selectionAt(editor, 19, 20));

    editor.moveCursorTo(20); // after the outer ")"
    QVERIFY(selectionAt(editor, 19, 20));
    QVERIFY(selectionAt(editor, 7, 8));
    QVERIFY(!selectionAt(editor, 12, 13));

    editor.moveCursorTo(12); // before the inner "(", not the outer one
    QVERIFY(selectionAt(editor, 18, 19));
    QVERIFY(!selectionAt(editor, 19, 20));

    editor.moveCursorTo(30); // after "]"
    QVERIFY(selectionAt(editor, 27, 28));

    editor.moveCursorTo(3); // no bracket near: nothing but the current line is marked
    const auto selections = editor.extraSelections();
    QVERIFY(!selections.isEmpty());
    for (const QTextEdit::ExtraSelection &selection : selections)
        QVERIFY(!selection.cursor.hasSelection());

    editor.moveCursorTo(7);
    QTest::keyClick(&editor, Qt::Key_Delete); // the pair is broken without moving the cursor
    QCOMPARE(editor.textCursor().position(), 7);
    QVERIFY(!selectionAt(editor, 18, 19));

    editor.setPlainText(u"SELECT (1"_s);
    editor.moveCursorTo(7); // unmatched
    QVERIFY(!selectionAt(editor, 7, 8));
}

void TestSqlEditor::showErrorUnderlinesTheRangeWithATooltip()
{
    SqlEditor editor;
    editor.setPlainText(u"SELECT * FRM t"_s);
    editor.resize(400, 200);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    const QString message = u"syntax error at or near \"FRM\""_s;
    editor.showError(9, 3, message);
    auto mark = selectionAt(editor, 9, 12);
    QVERIFY(mark);
    QCOMPARE(mark->format.underlineStyle(), QTextCharFormat::WaveUnderline);

    QTextCursor at(editor.document());
    at.setPosition(10);
    const QPoint inside = editor.cursorRect(at).center() + QPoint(2, 0);
    QHelpEvent hover(QEvent::ToolTip, inside, editor.viewport()->mapToGlobal(inside));
    QApplication::sendEvent(editor.viewport(), &hover);
    QCOMPARE(QToolTip::text(), message);

    // An error at the end of input still underlines something visible.
    editor.showError(14, 0, u"syntax error at end of input"_s);
    QVERIFY(selectionAt(editor, 9, 12));
    mark = selectionAt(editor, 13, 14);
    QVERIFY(mark);
    QCOMPARE(mark->format.underlineStyle(), QTextCharFormat::WaveUnderline);

    editor.clearErrors();
    const auto selections = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections)
        QVERIFY(selection.format.underlineStyle() != QTextCharFormat::WaveUnderline);
}

void TestSqlEditor::activeStatementIsTintedAndFollowsEdits()
{
    SqlEditor editor;
    editor.setPlainText(u"SELECT 1;\nSELECT 2;\n"_s);
    editor.setActiveStatement(10, 9);
    const auto statement = selectionAt(editor, 10, 19);
    QVERIFY(statement);
    QVERIFY(statement->format.hasProperty(QTextFormat::BackgroundBrush));

    QTextCursor(editor.document()).insertText(u"-- x\n"_s);
    QVERIFY(selectionAt(editor, 15, 24));

    editor.setActiveStatement(-1, 0);
    QVERIFY(!selectionAt(editor, 15, 24));
    const auto selections = editor.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections)
        QVERIFY(!selection.cursor.hasSelection());
}

void TestSqlEditor::lineNumberMarginGrowsAtLineHundred()
{
    SqlEditor editor;
    editor.setPlainText(QStringList(99, u"SELECT 1;"_s).join(u'\n'));
    QCOMPARE(editor.blockCount(), 99);
    const auto *margin = editor.findChild<LineNumberArea *>();
    QVERIFY(margin);
    const int twoDigits = margin->width();
    QVERIFY(twoDigits > 0);
    // The text starts right of the margin, not under it.
    QVERIFY(editor.viewport()->x() >= margin->geometry().right());

    editor.appendPlainText(u"SELECT 100;"_s);
    QCOMPARE(editor.blockCount(), 100);
    QVERIFY(margin->width() > twoDigits);
    QVERIFY(editor.viewport()->x() >= margin->geometry().right());
}

void TestSqlEditor::moveCursorToScrollsTheLineIntoView()
{
    SqlEditor editor;
    editor.setPlainText(QStringList(500, u"SELECT 1;"_s).join(u'\n'));
    editor.resize(400, 200);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    const int target = editor.document()->findBlockByNumber(400).position() + 3;
    editor.moveCursorTo(target);
    QCOMPARE(editor.textCursor().position(), target);
    QVERIFY(editor.viewport()->rect().contains(editor.cursorRect().center()));
}

QTEST_MAIN(TestSqlEditor)
#include "tst_sql_editor.moc"
