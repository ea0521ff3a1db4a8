#pragma once

#include "base/result.h"
#include "catalog/catalog_types.h"
#include "connection/pg_connection.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace mizzle {

// What a table tab's filter bar asks for: conditions on columns joined by AND or OR, or one raw
// WHERE expression the user typed. Everything here is plain data and pure functions; the server
// check of the values lives in browse/filter_check.h.

enum class FilterOperator {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Between,
    In,
    IsNull,
    IsNotNull,
    Like,
    ILike,
    NotLike,
    ArrayContains,    // arrays: @>
    ArrayContainedBy, // arrays: <@
    JsonContains,     // jsonb @> (json is cast to jsonb)
    JsonHasKey,       // jsonb ?
    JsonPathEquals    // (col #>> path) = value, compared as text
};

struct FilterCondition
{
    QString column;
    FilterOperator op = FilterOperator::Equal;
    // Between: 2; In: 1 or more; IsNull/IsNotNull: none; JsonPathEquals: {path, value}, the path
    // written "a.b.0" or as a text[] literal "{a,b,0}" (needed for a key holding a dot);
    // others: 1.
    QStringList values;

    bool operator==(const FilterCondition &) const = default;
};

struct TableFilter
{
    QList<FilterCondition> conditions;
    bool matchAny = false; // OR instead of AND
    QString expression;    // a raw WHERE expression; when not blank it replaces the conditions

    // No conditions and a blank expression: the table unfiltered.
    bool isEmpty() const;
    // The raw expression is in force (it is not blank).
    bool usesExpression() const;
    bool operator==(const TableFilter &) const = default;
};

// The operators offered for a column of this type (the format_type text, e.g. "integer[]",
// "jsonb", "character varying(40)", "timestamp with time zone", a domain or enum name), in menu
// order. like / ilike / not like are offered for text-like types and, through a cast of the
// column to text, for numbers, dates and times, uuids, enums and types Mizzle does not know;
// never for arrays, json, bytea or boolean. A type Mizzle does not know (an enum, a domain, an
// extension's type) gets the text menu: it is most often an enum or a domain over text.
QList<FilterOperator> operatorsFor(const QString &type);
// "=", "≠", "<", "≤", ">", "≥", "between", "in", "is null", "is not null", "like", "ilike",
// "not like", "contains", "is contained by", "has key", "path ="
QString operatorLabel(FilterOperator op);
// -1 for In (one or more), else how many values the operator takes.
int valueCount(FilterOperator op);
// The operator's name in files that keep a filter (browse state, links): "=", "<>", "<", "<=",
// ">", ">=", "between", "in", "is null", "is not null", "like", "ilike", "not like", "@>",
// "<@", "json @>", "?", "path=". Stable, unlike the labels, which are for people.
QString filterOperatorToken(FilterOperator op);
std::optional<FilterOperator> filterOperatorFromToken(const QString &token);

// A piece of SQL with $n placeholders numbered from firstParameter, and the values to bind.
struct SqlFragment
{
    QString sql;
    PgConnection::Parameters parameters;
};

// "(cond AND cond ...)" for the table, or the parenthesised raw expression (which must pass
// checkFilterExpression; its Error then has where = "expression"). Identifiers are quoted with
// connection.quoteIdentifier; every value is a bound parameter cast to the column's type without
// its type modifier ($1::integer, $1::character varying: a cast to varchar(20) would silently
// cut a longer value and match rows it should not); In binds one array parameter
// ($1::integer[]), like / ilike / not like bind text. ≠ and not like follow SQL: they never
// match NULL. An unknown column, a wrong number of values, or an operator that does not suit
// the column's type is an Error naming the condition (Error::where = "condition N", 1-based)
// and the column. An empty filter gives an empty sql.
Result<SqlFragment> filterSql(const TableFilter &filter, const TableDetails &table,
                              const PgConnection &connection, int firstParameter = 1);

// libpg_query's verdict on a raw WHERE expression before anything is sent: std::nullopt when it
// parses as exactly one expression, else an Error (where = "expression") whose position is the
// 1-based UTF-16 position in the expression where the parser stopped. More than an expression
// ("1; DROP TABLE x", "true) OR (1", "true ORDER BY 1") is refused, and so are parameters ($1),
// which would take the values of the statement the filter is put into.
std::optional<Error> checkFilterExpression(const QString &expression);

} // namespace mizzle
