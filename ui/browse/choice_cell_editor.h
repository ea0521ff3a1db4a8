#pragma once

#include "browse/cell_editor.h"

#include <QList>
#include <QStringList>
#include <functional>

class QComboBox;

namespace mizzle {

// A cell that takes one of a few values: a boolean, an enum's labels. A value given that is
// none of the choices (NULL in a NOT NULL column, a new row's DEFAULT, a label since dropped)
// is added as a choice of its own, and a choice left as it was gives back exactly the value
// given ('t' stays 't', not 'true').
class ChoiceCellEditor : public CellEditor
{
    Q_OBJECT
public:
    struct Choice
    {
        QString text;
        CellValue value;
    };
    // The same value in another spelling ("t" and "true"), for finding the choice a value is.
    using Canonical = std::function<QString(const QString &text)>;

    ChoiceCellEditor(const Options &options, const QList<Choice> &choices, Canonical canonical = {},
                     QWidget *parent = nullptr);

    // true, false, and NULL when the column takes it; any of the server's boolean spellings
    // (t, yes, on, 1, ...) finds its choice.
    static ChoiceCellEditor *forBoolean(const Options &options, QWidget *parent = nullptr);
    // The labels in the order given (enumsortorder), and NULL when the column takes it.
    static ChoiceCellEditor *forEnum(const Options &options, const QStringList &labels,
                                     QWidget *parent = nullptr);

    QComboBox *comboBox() const { return m_combo; }
    // The texts the combo offers, in order.
    QStringList choiceTexts() const;

protected:
    void showValue(const CellValue &value) override;
    CellValue editedValue() const override;

private:
    int find(const CellValue &value) const;

    QComboBox *m_combo;
    QList<Choice> m_choices;
    qsizetype m_offered; // how many of m_choices were offered, before any added for a value
    Canonical m_canonical;
    CellValue m_shown;
    int m_shownIndex = -1;
};

} // namespace mizzle
