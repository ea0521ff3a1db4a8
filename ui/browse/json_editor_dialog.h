#pragma once

#include "values/json_check.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace mizzle {

// The side editor of a json or jsonb cell: the whole value over many lines, checked as the
// person types (where the text stops being JSON, by line, column and offset), OK only while it
// is JSON. Pretty-print re-indents it by its tokens (indentJson), so numbers stay exactly as
// written; OK gives back the text as it stands, never a re-serialized document.
class JsonEditorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit JsonEditorDialog(const QString &json, QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &json);
    // Re-indents the text, four spaces a level; does nothing while it is not JSON.
    void prettyPrint();

    // Where the text stops being JSON, or nothing.
    const std::optional<JsonSyntaxError> &syntaxError() const { return m_error; }
    // What the status line says: "Valid JSON", or the error and its place.
    QString status() const;
    QPlainTextEdit *textEdit() const { return m_text; }
    QPushButton *okButton() const;
    QPushButton *prettyPrintButton() const { return m_pretty; }

private:
    void check();

    QPlainTextEdit *m_text;
    QLabel *m_status;
    QPushButton *m_pretty;
    QDialogButtonBox *m_buttons;
    std::optional<JsonSyntaxError> m_error;
};

} // namespace mizzle
