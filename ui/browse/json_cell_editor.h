#pragma once

#include "browse/json_editor_dialog.h"
#include "browse/line_cell_editor.h"

#include <QPointer>

namespace mizzle {

// A json or jsonb cell: its text on one line, marked when it is not JSON, and a side editor
// (JsonEditorDialog, from the {…} button or Ctrl+E) for the whole value. What the side editor
// gives back is taken exactly and committed.
class JsonCellEditor : public LineCellEditor
{
    Q_OBJECT
public:
    explicit JsonCellEditor(const Options &options, QWidget *parent = nullptr);

    // Opens the side editor on the text in the line (window-modal, without blocking).
    void openSideEditor();
    JsonEditorDialog *sideEditor() const { return m_dialog; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<JsonEditorDialog> m_dialog;
};

// The soft check of a JSON column.
QString jsonProblem(const QString &text);

} // namespace mizzle
