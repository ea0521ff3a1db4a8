#include "browse/text_area_cell_editor.h"

#include <QKeyEvent>
#include <QPlainTextEdit>

namespace mizzle {

using namespace Qt::StringLiterals;

bool TextAreaCellEditor::wants(const CellValue &value)
{
    return value.text.size() > kLongText || value.text.contains(u'\n');
}

TextAreaCellEditor::TextAreaCellEditor(const Options &options, QWidget *parent)
    : CellEditor(options, parent)
    , m_text(new QPlainTextEdit(this))
{
    m_text->setTabChangesFocus(true);
    m_text->setToolTip(tr("Enter breaks the line; Ctrl+Enter saves the cell"));
    setInputWidget(m_text);
}

QSize TextAreaCellEditor::sizeHint() const
{
    const QFontMetrics metrics(m_text->font());
    return {metrics.averageCharWidth() * 60, metrics.lineSpacing() * 6};
}

void TextAreaCellEditor::showValue(const CellValue &value)
{
    m_shown = value;
    m_text->setPlainText(value.text);
    m_text->setPlaceholderText(value.isNull()      ? u"NULL"_s
                               : value.isDefault() ? u"DEFAULT"_s
                                                   : QString());
    m_text->document()->setModified(false);
    m_text->selectAll();
}

CellValue TextAreaCellEditor::editedValue() const
{
    // Untouched, the value goes back as it came: the document would turn a "\r\n" into "\n".
    if (!m_text->document()->isModified())
        return m_shown;
    return CellValue::of(m_text->toPlainText());
}

bool TextAreaCellEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            emit commitRequested();
            return true;
        }
    }
    return CellEditor::eventFilter(watched, event);
}

} // namespace mizzle
