#include "browse/filter_sql.h"

#include "browse/filter_column_type.h"
#include "values/sql_literal.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const ColumnInfo *findColumn(const TableDetails &table, const QString &name)
{
    for (const ColumnInfo &column : table.columns) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

QString conditionName(int index)
{
    return u"condition %1"_s.arg(index + 1);
}

QString quotedName(const QString &name)
{
    return u"\""_s + name + u"\""_s;
}

QString comparison(FilterOperator op)
{
    switch (op) {
    case FilterOperator::NotEqual:
        return u"<>"_s;
    case FilterOperator::Less:
        return u"<"_s;
    case FilterOperator::LessOrEqual:
        return u"<="_s;
    case FilterOperator::Greater:
        return u">"_s;
    case FilterOperator::GreaterOrEqual:
        return u">="_s;
    case FilterOperator::ArrayContains:
    case FilterOperator::JsonContains:
        return u"@>"_s;
    case FilterOperator::ArrayContainedBy:
        return u"<@"_s;
    case FilterOperator::JsonHasKey:
        return u"?"_s;
    case FilterOperator::Like:
        return u"LIKE"_s;
    case FilterOperator::ILike:
        return u"ILIKE"_s;
    case FilterOperator::NotLike:
        return u"NOT LIKE"_s;
    default:
        return u"="_s;
    }
}

// Numbers the placeholders and keeps each one's cast for the server check.
class Binder
{
public:
    explicit Binder(int first)
        : m_next(first)
    {}

    QString bind(const QString &value, const QString &cast)
    {
        m_sql.parameters.append(value);
        const QString placeholder = u"$%1::%2"_s.arg(m_next++).arg(cast);
        m_sql.castValues.append(placeholder);
        return placeholder;
    }
    ConditionSql finish(QString sql)
    {
        m_sql.sql = std::move(sql);
        return std::move(m_sql);
    }

private:
    int m_next;
    ConditionSql m_sql;
};

} // namespace

std::optional<Error> conditionProblem(const FilterCondition &condition, int index,
                                      const TableDetails &table)
{
    Error error;
    error.where = conditionName(index);
    const ColumnInfo *column = findColumn(table, condition.column);
    if (!column) {
        error.message = u"The table %1.%2 has no column %3."_s.arg(
            quotedName(table.schema), quotedName(table.name), quotedName(condition.column));
        return error;
    }
    if (!operatorsFor(column->type).contains(condition.op)) {
        error.message = u"\"%1\" does not suit column %2 of type %3."_s.arg(
            operatorLabel(condition.op), quotedName(column->name), column->type);
        return error;
    }
    const int wanted = valueCount(condition.op);
    const auto given = int(condition.values.size());
    if (wanted < 0 ? given == 0 : given != wanted) {
        const QString count = wanted < 0    ? u"one value or more"_s
                              : wanted == 0 ? u"no value"_s
                              : wanted == 1 ? u"one value"_s
                                            : u"%1 values"_s.arg(wanted);
        error.message = u"\"%1\" on column %2 takes %3, not %4."_s.arg(
            operatorLabel(condition.op), quotedName(column->name), count, QString::number(given));
        return error;
    }
    return std::nullopt;
}

Result<ConditionSql> conditionSql(const FilterCondition &condition, int index,
                                  const TableDetails &table, const PgConnection &connection,
                                  int firstParameter)
{
    if (std::optional<Error> problem = conditionProblem(condition, index, table))
        return *problem;
    const ColumnInfo &column = *findColumn(table, condition.column);
    const FilterColumnType type = filterColumnType(column.type);
    const QString name = connection.quoteIdentifier(column.name);
    const QStringList &values = condition.values;
    Binder binder(firstParameter);

    switch (condition.op) {
    case FilterOperator::Equal:
    case FilterOperator::NotEqual:
    case FilterOperator::Less:
    case FilterOperator::LessOrEqual:
    case FilterOperator::Greater:
    case FilterOperator::GreaterOrEqual:
    case FilterOperator::ArrayContains:
    case FilterOperator::ArrayContainedBy:
        return binder.finish(name + u' ' + comparison(condition.op) + u' ' +
                             binder.bind(values.at(0), type.castType));
    case FilterOperator::Between: {
        const QString low = binder.bind(values.at(0), type.castType);
        const QString high = binder.bind(values.at(1), type.castType);
        return binder.finish(u"%1 BETWEEN %2 AND %3"_s.arg(name, low, high));
    }
    case FilterOperator::In:
        return binder.finish(u"%1 = ANY(%2)"_s.arg(
            name, binder.bind(arrayLiteral(values), type.castType + u"[]"_s)));
    case FilterOperator::IsNull:
        return binder.finish(name + u" IS NULL"_s);
    case FilterOperator::IsNotNull:
        return binder.finish(name + u" IS NOT NULL"_s);
    case FilterOperator::Like:
    case FilterOperator::ILike:
    case FilterOperator::NotLike: {
        // Text types match as they are (citext keeps its own case rules); the others through
        // their text form, which is what the grid shows.
        const QString subject = type.family == FilterTypeFamily::Text ? name : name + u"::text"_s;
        return binder.finish(subject + u' ' + comparison(condition.op) + u' ' +
                             binder.bind(values.at(0), u"text"_s));
    }
    case FilterOperator::JsonContains:
    case FilterOperator::JsonHasKey: {
        const QString subject = type.family == FilterTypeFamily::Json ? name + u"::jsonb"_s : name;
        const QString cast = condition.op == FilterOperator::JsonContains ? u"jsonb"_s : u"text"_s;
        return binder.finish(subject + u' ' + comparison(condition.op) + u' ' +
                             binder.bind(values.at(0), cast));
    }
    case FilterOperator::JsonPathEquals: {
        // #>> reads json and jsonb alike, so json needs no cast (which a \u0000 would fail).
        const QString path = binder.bind(jsonPathLiteral(values.at(0)), u"text[]"_s);
        const QString value = binder.bind(values.at(1), u"text"_s);
        return binder.finish(u"(%1 #>> %2) = %3"_s.arg(name, path, value));
    }
    }
    return binder.finish(u"false"_s);
}

QString jsonPathLiteral(const QString &path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.startsWith(u'{'))
        return trimmed;
    if (trimmed.isEmpty())
        return u"{}"_s;
    return arrayLiteral(trimmed.split(u'.'));
}

Result<SqlFragment> filterSql(const TableFilter &filter, const TableDetails &table,
                              const PgConnection &connection, int firstParameter)
{
    if (filter.usesExpression()) {
        if (std::optional<Error> refused = checkFilterExpression(filter.expression))
            return *refused;
        // The line break ends a trailing "--" comment before the closing parenthesis.
        return SqlFragment{u"("_s + filter.expression + u"\n)"_s, {}};
    }
    SqlFragment fragment;
    if (filter.conditions.isEmpty())
        return fragment;
    QStringList terms;
    int next = firstParameter;
    for (int i = 0; i < filter.conditions.size(); ++i) {
        Result<ConditionSql> term =
            conditionSql(filter.conditions.at(i), i, table, connection, next);
        if (!term.ok())
            return term.error();
        terms.append(term->sql);
        fragment.parameters.append(term->parameters);
        next += int(term->parameters.size());
    }
    fragment.sql = u'(' + terms.join(filter.matchAny ? u" OR "_s : u" AND "_s) + u')';
    return fragment;
}

} // namespace mizzle
