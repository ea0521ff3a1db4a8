#include "sqltext/line_number_area.h"

#include "sqltext/sql_editor.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

using KSyntaxHighlighting::Theme;

namespace mizzle {

namespace {
constexpr int padding = 4;
}

LineNumberArea::LineNumberArea(SqlEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{}

int LineNumberArea::preferredWidth() const
{
    // Room for two digits at least, so that the text does not shift when line 10 appears.
    int digits = 2;
    for (int lines = m_editor->blockCount(); lines >= 100; lines /= 10)
        ++digits;
    return digits * m_editor->fontMetrics().horizontalAdvance(u'9') + 2 * padding;
}

QSize LineNumberArea::sizeHint() const
{
    return {preferredWidth(), 0};
}

void LineNumberArea::follow(const QRect &rect, int dy)
{
    if (dy != 0)
        scroll(0, dy);
    else
        update(0, rect.y(), width(), rect.height());
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.setFont(m_editor->font());
    painter.fillRect(event->rect(), m_editor->themeColor(Theme::IconBorder));
    const int currentLine = m_editor->textCursor().blockNumber();
    const qreal textWidth = width() - padding;
    const qreal lineHeight = m_editor->fontMetrics().height();
    QTextBlock block = m_editor->firstVisibleBlock();
    qreal top = m_editor->blockBoundingGeometry(block).translated(m_editor->contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal blockHeight = m_editor->blockBoundingRect(block).height();
        if (block.isVisible() && top + blockHeight >= event->rect().top()) {
            const bool current = block.blockNumber() == currentLine;
            painter.setPen(
                m_editor->themeColor(current ? Theme::CurrentLineNumber : Theme::LineNumbers));
            painter.drawText(QRectF(0, top, textWidth, lineHeight), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        }
        top += blockHeight;
        block = block.next();
    }
}

} // namespace mizzle
