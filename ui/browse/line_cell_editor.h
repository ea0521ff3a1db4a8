#pragma once

#include "browse/cell_editor.h"

#include <functional>

class QLineEdit;

namespace mizzle {

// A cell edited as one line of text, exactly as typed: no validator, no input mask, no locale,
// no length limit. Text, numbers, dates and times, arrays, and the base of the JSON, bytea and
// foreign-key editors. NULL and DEFAULT show as the placeholder of an empty line; until the
// person types, value() gives them back, and once they do, the text (so clearing the line
// gives '').
//
// An optional soft check marks what is plainly wrong (a number that is none) with a red border
// and a tooltip, and still lets it through: the server judges on save.
class LineCellEditor : public CellEditor
{
    Q_OBJECT
public:
    // What is plainly wrong with a text, or an empty string.
    using Check = std::function<QString(const QString &text)>;

    explicit LineCellEditor(const Options &options, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_line; }
    void setCheck(Check check);
    // The soft check's complaint about the text shown, or empty.
    QString problem() const { return m_problem; }

protected:
    void showValue(const CellValue &value) override;
    CellValue editedValue() const override;
    // Puts a text in as if typed (a file loaded, a side editor's result).
    void setEditedText(const QString &text);
    // After every change of the text, typed or put in, and after showValue.
    virtual void textChanged() {}

private:
    void recheck();

    QLineEdit *m_line;
    Check m_check;
    CellValue m_shown;
    bool m_edited = false;
    QString m_problem;
};

// The soft check of a number column: the text must read as a number.
QString numberProblem(const QString &text);

} // namespace mizzle
