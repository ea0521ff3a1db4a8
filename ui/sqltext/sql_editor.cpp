#include "sqltext/sql_editor.h"

#include "common/app_settings.h"
#include "sqltext/line_number_area.h"
#include "sqltext/syntax_repository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QTextBlock>
#include <QToolTip>
#include <algorithm>

using namespace Qt::StringLiterals;
using KSyntaxHighlighting::Theme;

namespace mizzle {

namespace {

constexpr int indentWidth = 4;
constexpr QStringView brackets = u"()[]";

bool isCommentShortcut(const QKeyEvent *event)
{
    return event->key() == Qt::Key_Slash && (event->modifiers() & Qt::ControlModifier);
}

// Line commands act on the lines the selection touches, except a last line that the selection
// only reaches at its very start: that is how whole lines are selected with the keyboard.
QList<QTextBlock> selectedBlocks(const QTextCursor &cursor)
{
    const QTextDocument *document = cursor.document();
    const QTextBlock first = document->findBlock(cursor.selectionStart());
    QTextBlock last = document->findBlock(cursor.selectionEnd());
    if (last != first && cursor.selectionEnd() == last.position())
        last = last.previous();
    QList<QTextBlock> blocks;
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        blocks.append(block);
        if (block == last)
            break;
    }
    return blocks;
}

bool spansLines(const QTextCursor &cursor)
{
    const QTextDocument *document = cursor.document();
    return document->findBlock(cursor.selectionStart()) !=
           document->findBlock(cursor.selectionEnd());
}

int leadingSpaces(const QString &text)
{
    int column = 0;
    while (column < text.size() && text.at(column).isSpace())
        ++column;
    return column;
}

QTextCursor rangeCursor(QTextDocument *document, int from, int to)
{
    QTextCursor cursor(document);
    cursor.setPosition(from);
    cursor.setPosition(to, QTextCursor::KeepAnchor);
    return cursor;
}

// Walks block by block rather than asking the document for each character, so that an
// unmatched bracket in a long script costs one pass over plain strings.
int matchingBracket(const QTextDocument *document, int position)
{
    const QChar bracket = document->characterAt(position);
    const qsizetype kind = brackets.indexOf(bracket);
    if (kind < 0)
        return -1;
    const QChar partner = brackets.at(kind ^ 1);
    const int step = kind % 2 == 0 ? 1 : -1;
    int depth = 0;
    for (QTextBlock block = document->findBlock(position); block.isValid();
         block = step > 0 ? block.next() : block.previous()) {
        const QString text = block.text();
        qsizetype i = block.contains(position) ? position - block.position()
                      : step > 0               ? 0
                                               : text.size() - 1;
        for (; i >= 0 && i < text.size(); i += step) {
            if (text.at(i) == bracket)
                ++depth;
            else if (text.at(i) == partner && --depth == 0)
                return block.position() + static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
    , m_lineNumbers(new LineNumberArea(this))
{
    setFont(app_settings::editorFont());
    setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter->setDefinition(syntaxRepository().definitionForName(u"SQL (PostgreSQL)"_s));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SqlEditor::layoutLineNumberArea);
    connect(this, &QPlainTextEdit::updateRequest, m_lineNumbers, &LineNumberArea::follow);
    // Deleting next to the cursor leaves it in place, yet may remove a matched bracket.
    connect(this, &QPlainTextEdit::textChanged, this, &SqlEditor::updateExtraSelections);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        updateExtraSelections();
        m_lineNumbers->update(); // the current line's number is drawn apart
    });
    applyTheme();
    layoutLineNumberArea();
}

void SqlEditor::setActiveStatement(int start, int length)
{
    m_activeStatement = QTextCursor();
    const int end = document()->characterCount() - 1;
    if (start >= 0 && length > 0 && start < end)
        m_activeStatement = rangeCursor(document(), start, std::min(start + length, end));
    updateExtraSelections();
}

void SqlEditor::showError(int position, int length, const QString &message)
{
    const int end = document()->characterCount() - 1;
    int from = std::clamp(position, 0, end);
    const int to = std::clamp(position + std::max(length, 1), 0, end);
    // The server reports "at end of input" just past the text; underline the last character.
    if (from == to && from > 0)
        --from;
    m_errors.append({rangeCursor(document(), from, to), message});
    updateExtraSelections();
}

void SqlEditor::setLinkedRanges(const QList<std::pair<int, int>> &ranges)
{
    m_linked.clear();
    const int end = document()->characterCount() - 1;
    for (const auto &[from, to] : ranges)
        if (from >= 0 && from < to && to <= end)
            m_linked.append(rangeCursor(document(), from, to));
    updateExtraSelections();
}

void SqlEditor::clearErrors()
{
    if (!m_errors.isEmpty())
        QToolTip::hideText();
    m_errors.clear();
    updateExtraSelections();
}

void SqlEditor::moveCursorTo(int position)
{
    QTextCursor cursor = textCursor();
    cursor.setPosition(std::clamp(position, 0, document()->characterCount() - 1));
    setTextCursor(cursor);
    ensureCursorVisible();
}

QString SqlEditor::definitionName() const
{
    return m_highlighter->definition().name();
}

bool SqlEditor::event(QEvent *event)
{
    // Claim Ctrl+/ before a window-wide action with the same shortcut can take it.
    if (event->type() == QEvent::ShortcutOverride &&
        isCommentShortcut(static_cast<QKeyEvent *>(event))) {
        event->accept();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void SqlEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
    } else if (event->type() == QEvent::FontChange) {
        setTabStopDistance(indentWidth * fontMetrics().horizontalAdvance(u' '));
        layoutLineNumberArea();
    }
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    // The line commands edit through their own cursors, which read-only mode would not stop.
    if (isReadOnly()) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    if (isCommentShortcut(event)) {
        toggleComment();
        return;
    }
    const bool plain =
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    const bool backtab = event->key() == Qt::Key_Backtab ||
                         (event->key() == Qt::Key_Tab && (event->modifiers() & Qt::ShiftModifier));
    if (plain && backtab) {
        shiftLines(true);
        return;
    }
    if (plain && event->key() == Qt::Key_Tab) {
        if (spansLines(textCursor()))
            shiftLines(false);
        else
            insertPlainText(QString(indentWidth, u' '));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void SqlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    layoutLineNumberArea();
}

bool SqlEditor::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QPlainTextEdit::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    // cursorForPosition() rounds to the nearest gap between characters; the hovered character is
    // the one before that gap when the mouse is left of it.
    const QTextCursor at = cursorForPosition(help->pos());
    const int hovered = help->pos().x() < cursorRect(at).x() ? at.position() - 1 : at.position();
    for (const ErrorMark &error : std::as_const(m_errors)) {
        if (hovered >= error.range.selectionStart() && hovered < error.range.selectionEnd()) {
            QToolTip::showText(help->globalPos(), error.message, viewport());
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

void SqlEditor::layoutLineNumberArea()
{
    const int margin = m_lineNumbers->preferredWidth();
    setViewportMargins(margin, 0, 0, 0);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(area.left(), area.top(), margin, area.height());
}

void SqlEditor::applyTheme()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    if (m_theme.isValid() && dark == m_dark)
        return; // palette changes are frequent; re-highlighting the whole script is not cheap
    m_dark = dark;
    using KSyntaxHighlighting::Repository;
    m_theme =
        syntaxRepository().defaultTheme(dark ? Repository::DarkTheme : Repository::LightTheme);
    m_highlighter->setTheme(m_theme);
    m_highlighter->rehighlight();
    updateExtraSelections();
    m_lineNumbers->update();
}

QColor SqlEditor::themeColor(Theme::EditorColorRole role) const
{
    return QColor::fromRgba(m_theme.editorColor(role));
}

// QPlainTextEdit has a single list of extra selections, so every kind of mark is rebuilt here
// together; the later ones are drawn over the earlier ones.
void SqlEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection line;
    line.format.setBackground(themeColor(Theme::CurrentLine));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = textCursor();
    line.cursor.clearSelection();
    selections.append(line);

    if (m_activeStatement.hasSelection()) {
        // Translucent, so that the current line still shows through it.
        QColor tint = themeColor(Theme::TextSelection);
        tint.setAlpha(60);
        QTextEdit::ExtraSelection statement;
        statement.format.setBackground(tint);
        statement.cursor = m_activeStatement;
        selections.append(statement);
    }

    for (const QTextCursor &linked : std::as_const(m_linked)) {
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(themeColor(Theme::SearchHighlight));
        mark.cursor = linked;
        selections.append(mark);
    }

    QColor errorColor = QColor::fromRgba(m_theme.textColor(Theme::Error));
    if (errorColor.alpha() == 0)
        errorColor = Qt::red;
    for (const ErrorMark &error : std::as_const(m_errors)) {
        QTextEdit::ExtraSelection mark;
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(errorColor);
        mark.cursor = error.range;
        selections.append(mark);
    }

    selections.append(bracketSelections());
    setExtraSelections(selections);
}

QList<QTextEdit::ExtraSelection> SqlEditor::bracketSelections() const
{
    const int position = textCursor().position();
    // The bracket after the cursor wins over the one before it, as in most editors.
    for (const int candidate : {position, position - 1}) {
        const int match = candidate >= 0 ? matchingBracket(document(), candidate) : -1;
        if (match < 0)
            continue;
        QList<QTextEdit::ExtraSelection> pair;
        for (const int at : {candidate, match}) {
            QTextEdit::ExtraSelection bracket;
            bracket.format.setBackground(themeColor(Theme::BracketMatching));
            bracket.cursor = rangeCursor(document(), at, at + 1);
            pair.append(bracket);
        }
        return pair;
    }
    return {};
}

void SqlEditor::toggleComment()
{
    const QTextCursor cursor = textCursor();
    const QList<QTextBlock> blocks = selectedBlocks(cursor);
    // Blank lines neither get a marker nor keep the others from counting as commented.
    QList<QTextBlock> lines;
    std::copy_if(blocks.begin(), blocks.end(), std::back_inserter(lines),
                 [](const QTextBlock &block) { return !block.text().trimmed().isEmpty(); });
    if (lines.isEmpty())
        lines = blocks;
    const bool uncomment = std::all_of(lines.begin(), lines.end(), [](const QTextBlock &block) {
        return block.text().trimmed().startsWith(u"--");
    });

    QTextCursor edit(document());
    edit.beginEditBlock(); // one undo step for all lines
    for (const QTextBlock &block : std::as_const(lines)) {
        if (uncomment) {
            const QString text = block.text();
            const int from = block.position() + leadingSpaces(text);
            const int marker = text.mid(from - block.position()).startsWith(u"-- ") ? 3 : 2;
            rangeCursor(document(), from, from + marker).removeSelectedText();
        } else {
            QTextCursor(block).insertText(u"-- "_s);
        }
    }
    edit.endEditBlock();
    if (spansLines(cursor))
        selectWholeLines(blocks);
}

void SqlEditor::shiftLines(bool outdent)
{
    const QTextCursor cursor = textCursor();
    const QList<QTextBlock> blocks = selectedBlocks(cursor);
    QTextCursor edit(document());
    edit.beginEditBlock();
    for (const QTextBlock &block : blocks) {
        const QString text = block.text();
        if (outdent) {
            int strip = 0;
            while (strip < indentWidth && strip < text.size() && text.at(strip) == u' ')
                ++strip;
            if (strip == 0 && text.startsWith(u'\t'))
                strip = 1;
            rangeCursor(document(), block.position(), block.position() + strip)
                .removeSelectedText();
        } else if (!text.isEmpty()) { // no trailing blanks on empty lines
            QTextCursor(block).insertText(QString(indentWidth, u' '));
        }
    }
    edit.endEditBlock();
    if (spansLines(cursor))
        selectWholeLines(blocks);
}

// After a line command the whole lines stay selected, so that repeating it acts on the same ones.
void SqlEditor::selectWholeLines(const QList<QTextBlock> &blocks)
{
    const QTextBlock &last = blocks.last();
    setTextCursor(
        rangeCursor(document(), blocks.first().position(), last.position() + last.length() - 1));
}

} // namespace mizzle
