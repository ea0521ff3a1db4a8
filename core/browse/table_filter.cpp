#include "browse/table_filter.h"

#include "browse/filter_column_type.h"

namespace mizzle {

using namespace Qt::StringLiterals;

bool TableFilter::isEmpty() const
{
    return conditions.isEmpty() && !usesExpression();
}

bool TableFilter::usesExpression() const
{
    return !expression.trimmed().isEmpty();
}

QList<FilterOperator> operatorsFor(const QString &type)
{
    using enum FilterOperator;
    switch (filterColumnType(type).family) {
    case FilterTypeFamily::Text:
    case FilterTypeFamily::Unknown:
        return {Equal,       NotEqual, Like,           ILike,   NotLike, In,       Less,
                LessOrEqual, Greater,  GreaterOrEqual, Between, IsNull,  IsNotNull};
    case FilterTypeFamily::Ordered:
        return {Equal, NotEqual, Less,      LessOrEqual, Greater, GreaterOrEqual, Between,
                In,    IsNull,   IsNotNull, Like,        ILike,   NotLike};
    case FilterTypeFamily::Bytea:
        return {Equal,          NotEqual, Less, LessOrEqual, Greater,
                GreaterOrEqual, Between,  In,   IsNull,      IsNotNull};
    case FilterTypeFamily::Boolean:
        return {Equal, NotEqual, IsNull, IsNotNull};
    case FilterTypeFamily::Unordered:
        return {IsNull, IsNotNull, Like, ILike, NotLike};
    case FilterTypeFamily::Array:
        return {ArrayContains, ArrayContainedBy, IsNull, IsNotNull, Equal, NotEqual};
    case FilterTypeFamily::Json:
    case FilterTypeFamily::Jsonb:
        return {JsonContains, JsonHasKey, JsonPathEquals, IsNull, IsNotNull};
    }
    return {IsNull, IsNotNull};
}

namespace {

constexpr std::pair<FilterOperator, const char *> kTokens[] = {
    {FilterOperator::Equal, "="},
    {FilterOperator::NotEqual, "<>"},
    {FilterOperator::Less, "<"},
    {FilterOperator::LessOrEqual, "<="},
    {FilterOperator::Greater, ">"},
    {FilterOperator::GreaterOrEqual, ">="},
    {FilterOperator::Between, "between"},
    {FilterOperator::In, "in"},
    {FilterOperator::IsNull, "is null"},
    {FilterOperator::IsNotNull, "is not null"},
    {FilterOperator::Like, "like"},
    {FilterOperator::ILike, "ilike"},
    {FilterOperator::NotLike, "not like"},
    {FilterOperator::ArrayContains, "@>"},
    {FilterOperator::ArrayContainedBy, "<@"},
    {FilterOperator::JsonContains, "json @>"},
    {FilterOperator::JsonHasKey, "?"},
    {FilterOperator::JsonPathEquals, "path="},
};

} // namespace

QString filterOperatorToken(FilterOperator op)
{
    for (const auto &[candidate, token] : kTokens) {
        if (candidate == op)
            return QString::fromLatin1(token);
    }
    return {};
}

std::optional<FilterOperator> filterOperatorFromToken(const QString &token)
{
    for (const auto &[op, candidate] : kTokens) {
        if (token == QLatin1StringView(candidate))
            return op;
    }
    return std::nullopt;
}

QString operatorLabel(FilterOperator op)
{
    switch (op) {
    case FilterOperator::Equal:
        return u"="_s;
    case FilterOperator::NotEqual:
        return u"≠"_s;
    case FilterOperator::Less:
        return u"<"_s;
    case FilterOperator::LessOrEqual:
        return u"≤"_s;
    case FilterOperator::Greater:
        return u">"_s;
    case FilterOperator::GreaterOrEqual:
        return u"≥"_s;
    case FilterOperator::Between:
        return u"between"_s;
    case FilterOperator::In:
        return u"in"_s;
    case FilterOperator::IsNull:
        return u"is null"_s;
    case FilterOperator::IsNotNull:
        return u"is not null"_s;
    case FilterOperator::Like:
        return u"like"_s;
    case FilterOperator::ILike:
        return u"ilike"_s;
    case FilterOperator::NotLike:
        return u"not like"_s;
    case FilterOperator::ArrayContains:
    case FilterOperator::JsonContains:
        return u"contains"_s;
    case FilterOperator::ArrayContainedBy:
        return u"is contained by"_s;
    case FilterOperator::JsonHasKey:
        return u"has key"_s;
    case FilterOperator::JsonPathEquals:
        return u"path ="_s;
    }
    return {};
}

int valueCount(FilterOperator op)
{
    switch (op) {
    case FilterOperator::In:
        return -1;
    case FilterOperator::IsNull:
    case FilterOperator::IsNotNull:
        return 0;
    case FilterOperator::Between:
    case FilterOperator::JsonPathEquals:
        return 2;
    default:
        return 1;
    }
}

} // namespace mizzle
