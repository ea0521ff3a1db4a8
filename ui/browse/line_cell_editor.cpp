#include "browse/line_cell_editor.h"

#include "values/number_text.h"

#include <QLineEdit>
#include <limits>

namespace mizzle {

using namespace Qt::StringLiterals;

LineCellEditor::LineCellEditor(const Options &options, QWidget *parent)
    : CellEditor(options, parent)
    , m_line(new QLineEdit(this))
{
    // QLineEdit cuts text to 32767 characters by default: a long array or a bytea's hex would
    // be saved cut short.
    m_line->setMaxLength(std::numeric_limits<int>::max());
    m_line->setFrame(false);
    setInputWidget(m_line);
    connect(m_line, &QLineEdit::textEdited, this, [this] {
        m_edited = true;
        recheck();
        textChanged();
    });
}

void LineCellEditor::setCheck(Check check)
{
    m_check = std::move(check);
    recheck();
}

void LineCellEditor::showValue(const CellValue &value)
{
    m_shown = value;
    m_edited = false;
    m_line->setText(value.text);
    m_line->setPlaceholderText(value.isNull()      ? u"NULL"_s
                               : value.isDefault() ? u"DEFAULT"_s
                                                   : QString());
    m_line->selectAll();
    recheck();
    textChanged();
}

CellValue LineCellEditor::editedValue() const
{
    // Untouched, the value goes back exactly as it came.
    if (!m_edited)
        return m_shown;
    return CellValue::of(m_line->text());
}

void LineCellEditor::setEditedText(const QString &text)
{
    m_line->setText(text);
    m_edited = true;
    recheck();
    textChanged();
}

void LineCellEditor::recheck()
{
    // A NULL or DEFAULT left as it is has nothing to check.
    const bool special = !m_edited && m_shown.kind != CellValue::Kind::Text;
    m_problem = m_check && !special ? m_check(m_line->text()) : QString();
    m_line->setStyleSheet(m_problem.isEmpty() ? QString()
                                              : u"QLineEdit { border: 1px solid #d32f2f; }"_s);
    if (m_check)
        m_line->setToolTip(m_problem);
}

QString numberProblem(const QString &text)
{
    if (looksLikeNumber(text))
        return {};
    return text.trimmed().isEmpty()
               ? LineCellEditor::tr("Empty is not a number: Ctrl+Shift+N makes the cell NULL.")
               : LineCellEditor::tr("This does not read as a number; the server will refuse it.");
}

} // namespace mizzle
