#pragma once

#include "browse/cell_editor.h"

class QPlainTextEdit;

namespace mizzle {

// A long text (over kLongText characters, or holding a line break) edited over several lines,
// exactly as typed: Enter breaks the line, Ctrl+Enter commits. NULL and DEFAULT behave as in
// LineCellEditor: kept until the person types.
class TextAreaCellEditor : public CellEditor
{
    Q_OBJECT
public:
    static constexpr int kLongText = 80;
    // Whether a value is long enough for this editor rather than a line.
    static bool wants(const CellValue &value);

    explicit TextAreaCellEditor(const Options &options, QWidget *parent = nullptr);

    QPlainTextEdit *textEdit() const { return m_text; }
    QSize sizeHint() const override;

protected:
    void showValue(const CellValue &value) override;
    CellValue editedValue() const override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_text;
    CellValue m_shown;
};

} // namespace mizzle
