#pragma once

#include "browse/filter_check.h"
#include "browse/table_filter.h"
#include "catalog/catalog_types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace mizzle {

class FilterConditionRow;

// Above a table's grid: conditions, each a column, an operator suited to the column's type and
// its values, joined by AND or OR; or a raw WHERE expression instead, which PostgreSQL's parser
// checks as it is typed. Enter or Apply asks for it to be applied; a problem the parser or the
// server finds shows next to the condition it concerns, and nothing else changes.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(const TableDetails &table, QWidget *parent = nullptr);

    TableFilter filter() const;
    void setFilter(const TableFilter &filter);
    void addCondition(const FilterCondition &condition);
    int conditionCount() const;
    FilterConditionRow *conditionRow(int index) const;
    QLineEdit *expressionEdit() const { return m_expression; }
    QLabel *expressionProblem() const { return m_expressionProblem; }

    // Shows each problem next to its condition (or the expression); clears the others.
    void showProblems(const QList<FilterProblem> &problems);

signals:
    void applyRequested();

private:
    void checkExpression();
    void removeRow(FilterConditionRow *row);

    TableDetails m_table;
    QVBoxLayout *m_rows;
    QComboBox *m_join;
    QLineEdit *m_expression;
    QLabel *m_expressionProblem;
    QPushButton *m_useExpression;
    QList<FilterConditionRow *> m_conditions;
};

// One condition of the filter bar: column, operator, values, and the problem found with it.
class FilterConditionRow : public QWidget
{
    Q_OBJECT
public:
    FilterConditionRow(const TableDetails &table, QWidget *parent = nullptr);

    FilterCondition condition() const;
    void setCondition(const FilterCondition &condition);
    void showProblem(const QString &message);
    QString problem() const;
    QComboBox *columnBox() const { return m_column; }
    QComboBox *operatorBox() const { return m_operator; }
    QLineEdit *valueEdit(int index) const;

    // "a, b, "c, d"" into its values: commas part them, double quotes keep one together.
    static QStringList splitList(const QString &text);

signals:
    void removeRequested();
    void applyRequested();

private:
    void fillOperators();
    void showValueEdits();

    const TableDetails &m_table;
    QComboBox *m_column;
    QComboBox *m_operator;
    QLineEdit *m_first;
    QLineEdit *m_second;
    QLabel *m_problem;
};

} // namespace mizzle
