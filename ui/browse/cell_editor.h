#pragma once

#include "edit/cell_value.h"

#include <QWidget>
#include <optional>

class QHBoxLayout;
class QToolButton;

namespace mizzle {

// What every cell editor shares: the value it was given and the one it gives back as a
// CellValue, so that NULL, '' and DEFAULT never blur; Ctrl+Shift+N to commit NULL (a nullable
// column's editor only); and, in a new row, a DEFAULT button and Ctrl+Shift+D.
//
// A subclass puts its input widget in with setInputWidget (which takes the focus) and may add
// buttons, which never take the focus, so the cell keeps it. commitRequested asks the delegate
// to write the value and close the editor.
class CellEditor : public QWidget
{
    Q_OBJECT
public:
    struct Options
    {
        bool nullable = true;       // the column takes NULL
        bool offersDefault = false; // a new row's cell, which DEFAULT may fill
    };

    explicit CellEditor(const Options &options, QWidget *parent = nullptr);

    // What the cell holds now. Starts the editor afresh: a NULL or DEFAULT asked for before is
    // forgotten.
    void setValue(const CellValue &value);
    // What the cell should hold: NULL or DEFAULT when asked for, else what the input shows.
    CellValue value() const;

    // Ctrl+Shift+N and Ctrl+Shift+D. NULL is refused (with a tooltip saying why) for a NOT NULL
    // column, DEFAULT outside a new row.
    void commitNull();
    void commitDefault();

    bool nullable() const { return m_options.nullable; }
    bool offersDefault() const { return m_options.offersDefault; }
    QToolButton *defaultButton() const { return m_defaultButton; }
    QWidget *inputWidget() const { return m_input; }

signals:
    void commitRequested();

protected:
    // Shows the value in the input; value() then reads it back through editedValue().
    virtual void showValue(const CellValue &value) = 0;
    virtual CellValue editedValue() const = 0;

    void setInputWidget(QWidget *input);
    QToolButton *addButton(const QString &text, const QString &toolTip);
    // Watches a widget of the editor for the keys above and for the focus it loses.
    void watch(QWidget *widget);
    // Between the two, while a dialog of the editor is open, the focus it takes away does not
    // end the editing (the delegate commits and closes an editor that loses the focus). A Qt
    // dialog parented to the editor would pass anyway; a native file dialog has no widget the
    // delegate could trace back to the editor.
    void beginDialog() { ++m_dialogs; }
    void endDialog() { --m_dialogs; }

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Options m_options;
    QHBoxLayout *m_layout;
    QWidget *m_input = nullptr;
    QToolButton *m_defaultButton = nullptr;
    std::optional<CellValue> m_asked; // NULL or DEFAULT, asked for by key or button
    int m_dialogs = 0;
};

} // namespace mizzle
