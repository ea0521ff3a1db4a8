#include "browse/cell_editor.h"

#include <QApplication>
#include <QFocusEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QToolButton>
#include <QToolTip>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

enum class Asked { Nothing, Null, Default };

Asked askedBy(const QKeyEvent *key)
{
    constexpr Qt::KeyboardModifiers relevant =
        Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier | Qt::MetaModifier;
    if ((key->modifiers() & relevant) != (Qt::ControlModifier | Qt::ShiftModifier))
        return Asked::Nothing;
    if (key->key() == Qt::Key_N)
        return Asked::Null;
    if (key->key() == Qt::Key_D)
        return Asked::Default;
    return Asked::Nothing;
}

} // namespace

CellEditor::CellEditor(const Options &options, QWidget *parent)
    : QWidget(parent)
    , m_options(options)
    , m_layout(new QHBoxLayout(this))
{
    // The cell's own text must not show through around the input.
    setAutoFillBackground(true);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    if (m_options.offersDefault) {
        m_defaultButton = new QToolButton(this);
        m_defaultButton->setText(u"DEFAULT"_s);
        m_defaultButton->setToolTip(
            tr("Leave this to the column's default: the server fills it in (Ctrl+Shift+D)"));
        m_defaultButton->setFocusPolicy(Qt::NoFocus);
        m_layout->addWidget(m_defaultButton);
        connect(m_defaultButton, &QToolButton::clicked, this, &CellEditor::commitDefault);
    }
}

void CellEditor::setValue(const CellValue &value)
{
    m_asked.reset();
    showValue(value);
}

CellValue CellEditor::value() const
{
    return m_asked ? *m_asked : editedValue();
}

void CellEditor::commitNull()
{
    if (!m_options.nullable) {
        QToolTip::showText(mapToGlobal(rect().bottomLeft()),
                           tr("This column is NOT NULL: it cannot hold NULL."), this);
        return;
    }
    m_asked = CellValue::null();
    emit commitRequested();
}

void CellEditor::commitDefault()
{
    if (!m_options.offersDefault)
        return;
    m_asked = CellValue::byDefault();
    emit commitRequested();
}

void CellEditor::setInputWidget(QWidget *input)
{
    m_input = input;
    m_layout->insertWidget(0, input, 1);
    setFocusProxy(input);
    watch(input);
}

QToolButton *CellEditor::addButton(const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setFocusPolicy(Qt::NoFocus);
    // Before the DEFAULT button, which stays last.
    m_layout->insertWidget(m_layout->count() - (m_defaultButton ? 1 : 0), button);
    return button;
}

void CellEditor::watch(QWidget *widget)
{
    widget->installEventFilter(this);
}

bool CellEditor::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShortcutOverride:
    case QEvent::KeyPress: {
        const Asked asked = askedBy(static_cast<QKeyEvent *>(event));
        if (asked == Asked::Nothing)
            break;
        // Taking the override keeps a window shortcut on the same keys from firing instead.
        event->accept();
        if (event->type() == QEvent::KeyPress) {
            if (asked == Asked::Null)
                commitNull();
            else
                commitDefault();
        }
        return true;
    }
    case QEvent::FocusOut: {
        // The delegate watches the editor itself, which never has the focus (its input does):
        // it hears of the focus leaving from here. A popup of the input's own (a combo's list,
        // a completer) or a dialog of the editor's is not the focus leaving the editor.
        const auto *focus = static_cast<QFocusEvent *>(event);
        if (focus->reason() == Qt::PopupFocusReason || m_dialogs > 0)
            break;
        QFocusEvent forwarded(QEvent::FocusOut, focus->reason());
        QCoreApplication::sendEvent(this, &forwarded);
        break;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace mizzle
