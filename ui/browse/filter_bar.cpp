#include "browse/filter_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

void setProblemStyle(QLabel *label)
{
    label->setTextFormat(Qt::RichText); // every text set here is escaped first
    label->setStyleSheet(u"color: #b00020"_s);
    label->setWordWrap(true);
    label->hide();
}

} // namespace

FilterConditionRow::FilterConditionRow(const TableDetails &table, QWidget *parent)
    : QWidget(parent)
    , m_table(table)
    , m_column(new QComboBox(this))
    , m_operator(new QComboBox(this))
    , m_first(new QLineEdit(this))
    , m_second(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    for (const ColumnInfo &column : table.columns)
        m_column->addItem(column.name);
    auto *remove = new QToolButton(this);
    remove->setText(u"✕"_s);
    remove->setToolTip(tr("Remove this condition"));
    setProblemStyle(m_problem);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_column);
    layout->addWidget(m_operator);
    layout->addWidget(m_first, 1);
    layout->addWidget(m_second, 1);
    layout->addWidget(m_problem, 1);
    layout->addWidget(remove);
    connect(m_column, &QComboBox::currentIndexChanged, this, &FilterConditionRow::fillOperators);
    connect(m_operator, &QComboBox::currentIndexChanged, this, &FilterConditionRow::showValueEdits);
    connect(remove, &QToolButton::clicked, this, &FilterConditionRow::removeRequested);
    for (QLineEdit *edit : {m_first, m_second})
        connect(edit, &QLineEdit::returnPressed, this, &FilterConditionRow::applyRequested);
    fillOperators();
}

void FilterConditionRow::fillOperators()
{
    const QString type = m_table.columns.value(m_column->currentIndex()).type;
    const QVariant kept = m_operator->currentData();
    m_operator->blockSignals(true);
    m_operator->clear();
    for (const FilterOperator op : operatorsFor(type))
        m_operator->addItem(operatorLabel(op), int(op));
    const int again = m_operator->findData(kept);
    m_operator->setCurrentIndex(std::max(0, again));
    m_operator->blockSignals(false);
    showValueEdits();
}

void FilterConditionRow::showValueEdits()
{
    const auto op = FilterOperator(m_operator->currentData().toInt());
    const int count = valueCount(op);
    m_first->setVisible(count != 0);
    m_second->setVisible(count == 2);
    m_first->setPlaceholderText(op == FilterOperator::In               ? tr("a, b, \"c, d\"")
                                : op == FilterOperator::JsonPathEquals ? tr("path, as a.b.0")
                                : count == 2                           ? tr("from")
                                                                       : tr("value"));
    m_second->setPlaceholderText(op == FilterOperator::JsonPathEquals ? tr("value") : tr("to"));
}

QLineEdit *FilterConditionRow::valueEdit(int index) const
{
    return index == 0 ? m_first : m_second;
}

QStringList FilterConditionRow::splitList(const QString &text)
{
    QStringList values;
    QString current;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'"' && quoted && i + 1 < text.size() && text[i + 1] == u'"') {
            current += u'"'; // "" inside quotes is one quote
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
            any = true;
        } else if (c == u',' && !quoted) {
            values.append(any ? current : current.trimmed());
            current.clear();
            any = false;
        } else if (quoted || !c.isSpace() || !current.isEmpty()) {
            current += c;
        }
    }
    values.append(any ? current : current.trimmed());
    return values;
}

FilterCondition FilterConditionRow::condition() const
{
    FilterCondition condition;
    condition.column = m_column->currentText();
    condition.op = FilterOperator(m_operator->currentData().toInt());
    const int count = valueCount(condition.op);
    if (count < 0)
        condition.values = splitList(m_first->text());
    else if (count >= 1)
        condition.values.append(m_first->text());
    if (count == 2)
        condition.values.append(m_second->text());
    return condition;
}

void FilterConditionRow::setCondition(const FilterCondition &condition)
{
    m_column->setCurrentIndex(std::max(0, m_column->findText(condition.column)));
    m_operator->setCurrentIndex(std::max(0, m_operator->findData(int(condition.op))));
    if (valueCount(condition.op) < 0) {
        QStringList quoted;
        for (const QString &value : condition.values)
            quoted.append(value.contains(u',') || value.contains(u'"') || value.trimmed() != value
                              ? u"\"%1\""_s.arg(QString(value).replace(u"\""_s, u"\"\""_s))
                              : value);
        m_first->setText(quoted.join(u", "));
    } else {
        m_first->setText(condition.values.value(0));
        m_second->setText(condition.values.value(1));
    }
}

void FilterConditionRow::showProblem(const QString &message)
{
    m_problem->setText(message.toHtmlEscaped());
    m_problem->setToolTip(message);
    m_problem->setVisible(!message.isEmpty());
}

QString FilterConditionRow::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->toolTip();
}

FilterBar::FilterBar(const TableDetails &table, QWidget *parent)
    : QWidget(parent)
    , m_table(table)
    , m_rows(new QVBoxLayout)
    , m_join(new QComboBox(this))
    , m_expression(new QLineEdit(this))
    , m_expressionProblem(new QLabel(this))
    , m_useExpression(new QPushButton(tr("WHERE…"), this))
{
    m_join->addItem(tr("all of (AND)"));
    m_join->addItem(tr("any of (OR)"));
    m_expression->setPlaceholderText(tr("a WHERE expression, for example price > 10 AND "
                                        "name ILIKE 'a%'"));
    m_expression->hide();
    setProblemStyle(m_expressionProblem);
    m_useExpression->setCheckable(true);
    m_useExpression->setToolTip(tr("Type a WHERE expression instead of conditions"));
    auto *add = new QPushButton(tr("+ Condition"), this);
    auto *apply = new QPushButton(tr("Apply"), this);
    auto *clear = new QPushButton(tr("Clear"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Filter: rows matching"), this));
    bar->addWidget(m_join);
    bar->addWidget(add);
    bar->addWidget(m_useExpression);
    bar->addStretch(1);
    bar->addWidget(apply);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(bar);
    layout->addLayout(m_rows);
    layout->addWidget(m_expression);
    layout->addWidget(m_expressionProblem);
    connect(add, &QPushButton::clicked, this, [this] { addCondition({}); });
    connect(apply, &QPushButton::clicked, this, &FilterBar::applyRequested);
    connect(clear, &QPushButton::clicked, this, [this] {
        setFilter({});
        emit applyRequested();
    });
    connect(m_useExpression, &QPushButton::toggled, this, [this](bool on) {
        m_expression->setVisible(on);
        m_join->setEnabled(!on);
        for (FilterConditionRow *row : std::as_const(m_conditions))
            row->setEnabled(!on);
        if (on)
            m_expression->setFocus();
    });
    connect(m_expression, &QLineEdit::textChanged, this, &FilterBar::checkExpression);
    connect(m_expression, &QLineEdit::returnPressed, this, &FilterBar::applyRequested);
}

void FilterBar::addCondition(const FilterCondition &condition)
{
    auto *row = new FilterConditionRow(m_table, this);
    if (!condition.column.isEmpty())
        row->setCondition(condition);
    m_rows->addWidget(row);
    m_conditions.append(row);
    row->setEnabled(!m_useExpression->isChecked());
    connect(row, &FilterConditionRow::removeRequested, this, [this, row] { removeRow(row); });
    connect(row, &FilterConditionRow::applyRequested, this, &FilterBar::applyRequested);
    row->valueEdit(0)->setFocus();
}

void FilterBar::removeRow(FilterConditionRow *row)
{
    m_conditions.removeOne(row);
    row->deleteLater();
}

int FilterBar::conditionCount() const
{
    return int(m_conditions.size());
}

FilterConditionRow *FilterBar::conditionRow(int index) const
{
    return m_conditions.value(index);
}

TableFilter FilterBar::filter() const
{
    TableFilter filter;
    filter.matchAny = m_join->currentIndex() == 1;
    if (m_useExpression->isChecked())
        filter.expression = m_expression->text();
    for (const FilterConditionRow *row : m_conditions)
        filter.conditions.append(row->condition());
    return filter;
}

void FilterBar::setFilter(const TableFilter &filter)
{
    for (FilterConditionRow *row : std::as_const(m_conditions))
        row->deleteLater();
    m_conditions.clear();
    m_join->setCurrentIndex(filter.matchAny ? 1 : 0);
    for (const FilterCondition &condition : filter.conditions)
        addCondition(condition);
    m_expression->setText(filter.expression);
    m_useExpression->setChecked(filter.usesExpression());
    showProblems({});
}

void FilterBar::checkExpression()
{
    const QString text = m_expression->text();
    const std::optional<Error> problem =
        text.trimmed().isEmpty() ? std::nullopt : checkFilterExpression(text);
    if (!problem) {
        m_expressionProblem->hide();
        return;
    }
    // The expression again, with the place where the parser stopped marked in it.
    const qsizetype at = std::clamp<qsizetype>(problem->position - 1, 0, text.size());
    const QString marked =
        text.left(at).toHtmlEscaped() +
        u"<span style=\"background:#ffd6d6; text-decoration: underline\">%1</span>"_s.arg(
            at < text.size() ? text.mid(at, 1).toHtmlEscaped() : u"&nbsp;"_s) +
        text.mid(at + 1).toHtmlEscaped();
    m_expressionProblem->setText(
        u"%1<br><code>%2</code>"_s.arg(problem->message.toHtmlEscaped(), marked));
    m_expressionProblem->show();
}

void FilterBar::showProblems(const QList<FilterProblem> &problems)
{
    for (FilterConditionRow *row : std::as_const(m_conditions))
        row->showProblem({});
    m_expressionProblem->hide();
    for (const FilterProblem &problem : problems) {
        const QString text =
            problem.error.message + (problem.error.sqlState.isEmpty()
                                         ? QString()
                                         : u" (SQLSTATE %1)"_s.arg(problem.error.sqlState));
        if (FilterConditionRow *row = m_conditions.value(problem.condition)) {
            row->showProblem(text);
        } else {
            m_expressionProblem->setText(text.toHtmlEscaped());
            m_expressionProblem->show();
            if (problem.error.position > 0) // mark the place the server names
                m_expression->setSelection(problem.error.position - 1, 1);
        }
    }
}

} // namespace mizzle
