#include "browse/choice_cell_editor.h"

#include <QComboBox>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// The spellings boolean input accepts, as the one the choices use.
QString canonicalBoolean(const QString &text)
{
    const QString word = text.trimmed().toLower();
    static const QStringList yes{u"t"_s, u"true"_s, u"y"_s, u"yes"_s, u"on"_s, u"1"_s};
    static const QStringList no{u"f"_s, u"false"_s, u"n"_s, u"no"_s, u"off"_s, u"0"_s};
    if (yes.contains(word))
        return u"true"_s;
    if (no.contains(word))
        return u"false"_s;
    return text;
}

QString shownText(const CellValue &value)
{
    switch (value.kind) {
    case CellValue::Kind::Null:
        return u"NULL"_s;
    case CellValue::Kind::Default:
        return u"DEFAULT"_s;
    case CellValue::Kind::Text:
        break;
    }
    return value.text;
}

} // namespace

ChoiceCellEditor::ChoiceCellEditor(const Options &options, const QList<Choice> &choices,
                                   Canonical canonical, QWidget *parent)
    : CellEditor(options, parent)
    , m_combo(new QComboBox(this))
    , m_choices(choices)
    , m_offered(choices.size())
    , m_canonical(std::move(canonical))
{
    for (const Choice &choice : std::as_const(m_choices))
        m_combo->addItem(choice.text);
    setInputWidget(m_combo);
}

ChoiceCellEditor *ChoiceCellEditor::forBoolean(const Options &options, QWidget *parent)
{
    QList<Choice> choices{{u"true"_s, CellValue::of(u"true"_s)},
                          {u"false"_s, CellValue::of(u"false"_s)}};
    if (options.nullable)
        choices.append({u"NULL"_s, CellValue::null()});
    return new ChoiceCellEditor(options, choices, canonicalBoolean, parent);
}

ChoiceCellEditor *ChoiceCellEditor::forEnum(const Options &options, const QStringList &labels,
                                            QWidget *parent)
{
    QList<Choice> choices;
    for (const QString &label : labels)
        choices.append({label, CellValue::of(label)});
    if (options.nullable)
        choices.append({u"NULL"_s, CellValue::null()});
    return new ChoiceCellEditor(options, choices, {}, parent);
}

QStringList ChoiceCellEditor::choiceTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_combo->count(); ++i)
        texts.append(m_combo->itemText(i));
    return texts;
}

int ChoiceCellEditor::find(const CellValue &value) const
{
    for (qsizetype i = 0; i < m_choices.size(); ++i) {
        if (m_choices.at(i).value == value)
            return int(i);
    }
    if (!m_canonical || value.kind != CellValue::Kind::Text)
        return -1;
    const QString canonical = m_canonical(value.text);
    for (qsizetype i = 0; i < m_choices.size(); ++i) {
        const CellValue &choice = m_choices.at(i).value;
        if (choice.kind == CellValue::Kind::Text && m_canonical(choice.text) == canonical)
            return int(i);
    }
    return -1;
}

void ChoiceCellEditor::showValue(const CellValue &value)
{
    // A value added for an earlier showValue goes: the combo offers what it offered, plus this.
    while (m_choices.size() > m_offered) {
        m_choices.removeLast();
        m_combo->removeItem(m_combo->count() - 1);
    }
    int index = find(value);
    if (index < 0) {
        m_choices.append({shownText(value), value});
        m_combo->addItem(shownText(value));
        index = int(m_choices.size() - 1);
    }
    m_shown = value;
    m_shownIndex = index;
    m_combo->setCurrentIndex(index);
}

CellValue ChoiceCellEditor::editedValue() const
{
    const int index = m_combo->currentIndex();
    if (index == m_shownIndex || index < 0)
        return m_shown;
    return m_choices.at(index).value;
}

} // namespace mizzle
