#pragma once

#include <KSyntaxHighlighting/Theme>
#include <QList>
#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace mizzle {

class LineNumberArea;

// The SQL text editor: PostgreSQL highlighting in a theme that follows the palette, line numbers,
// bracket matching, comment toggling and block indenting. It runs nothing itself: its owner marks
// the statement it is about to run and underlines what the server rejected.
class SqlEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SqlEditor(QWidget *parent = nullptr);

    // Tints [start, start + length) as the statement under the cursor; (-1, 0) clears it. Like
    // the error marks, the tint follows edits made around it.
    void setActiveStatement(int start, int length);
    // Underlines [position, position + length), 0-based characters, and shows the message as
    // the tooltip there. Marks accumulate until clearErrors().
    void showError(int position, int length, const QString &message);
    void clearErrors();
    // Marks each (start, end) the way search matches are marked: where a plan node shows in its
    // statement. An empty list clears them.
    void setLinkedRanges(const QList<std::pair<int, int>> &ranges);
    void moveCursorTo(int position);

    QString definitionName() const;
    bool isDarkTheme() const { return m_dark; }

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class LineNumberArea; // paints with the editor's block geometry and theme
    struct ErrorMark
    {
        QTextCursor range;
        QString message;
    };

    void layoutLineNumberArea();
    void applyTheme();
    QColor themeColor(KSyntaxHighlighting::Theme::EditorColorRole role) const;
    void updateExtraSelections();
    QList<QTextEdit::ExtraSelection> bracketSelections() const;
    void toggleComment();
    void shiftLines(bool outdent);
    void selectWholeLines(const QList<QTextBlock> &blocks);

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    LineNumberArea *m_lineNumbers;
    KSyntaxHighlighting::Theme m_theme;
    bool m_dark = false;
    QTextCursor m_activeStatement;
    QList<ErrorMark> m_errors;
    QList<QTextCursor> m_linked;
};

} // namespace mizzle
