#include "browse/json_cell_editor.h"

#include "browse/json_editor_dialog.h"
#include "values/json_check.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QToolButton>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

bool isOpenKey(const QKeyEvent *key)
{
    constexpr Qt::KeyboardModifiers relevant =
        Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier | Qt::MetaModifier;
    return key->key() == Qt::Key_E && (key->modifiers() & relevant) == Qt::ControlModifier;
}

} // namespace

QString jsonProblem(const QString &text)
{
    const std::optional<JsonSyntaxError> error = checkJsonSyntax(text);
    if (!error)
        return {};
    return JsonCellEditor::tr("Not JSON near offset %1: %2")
        .arg(error->position)
        .arg(error->message);
}

JsonCellEditor::JsonCellEditor(const Options &options, QWidget *parent)
    : LineCellEditor(options, parent)
{
    setCheck(jsonProblem);
    QToolButton *side = addButton(u"{…}"_s, tr("Edit the whole value in a side editor (Ctrl+E)"));
    connect(side, &QToolButton::clicked, this, &JsonCellEditor::openSideEditor);
}

void JsonCellEditor::openSideEditor()
{
    if (m_dialog)
        return;
    const CellValue current = value();
    m_dialog = new JsonEditorDialog(
        current.kind == CellValue::Kind::Text ? current.text : QString(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    beginDialog();
    connect(m_dialog, &QDialog::finished, this, [this] { endDialog(); });
    // The text as the dialog first shows it: its text edit turns a "\r\n" into "\n", so a
    // value left unchanged there is kept as it was rather than taken back from it.
    connect(m_dialog, &QDialog::accepted, this, [this, shown = m_dialog->text()] {
        if (m_dialog->text() != shown)
            setEditedText(m_dialog->text());
        emit commitRequested();
    });
    m_dialog->open();
}

bool JsonCellEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == lineEdit() &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) &&
        isOpenKey(static_cast<QKeyEvent *>(event))) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            openSideEditor();
        return true;
    }
    return LineCellEditor::eventFilter(watched, event);
}

} // namespace mizzle
