#include "explain/plan_predicates.h"

#include "sql/pg_query_access.h"
#include "sql/sql_token_scanner.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

using Kind = PlanPredicate::Kind;

QString columnOf(const QJsonValue &value)
{
    const QJsonObject node = value.toObject();
    if (parseNodeType(node) != u"ColumnRef"_s)
        return {};
    const QJsonArray fields = parseNodeFields(node).value(u"fields"_s).toArray();
    return fields.isEmpty() ? QString()
                            : fields.last()[u"String"_s][u"sval"_s].toString(); // alias.column
}

// A literal or a parameter, possibly cast: what the planner treats as fixed for the scan.
bool isValue(const QJsonValue &value)
{
    const QJsonObject node = value.toObject();
    const QString type = parseNodeType(node);
    if (type == u"TypeCast"_s)
        return isValue(parseNodeFields(node).value(u"arg"_s));
    return type == u"A_Const"_s || type == u"ParamRef"_s || type == u"A_ArrayExpr"_s;
}

Kind operatorKind(const QString &op)
{
    if (op == u"="_s)
        return Kind::Equality;
    if (op == u"<"_s || op == u"<="_s || op == u">"_s || op == u">="_s)
        return Kind::Range;
    if (op == u"@>"_s || op == u"<@"_s)
        return Kind::JsonContains;
    if (op == u"?"_s || op == u"?|"_s || op == u"?&"_s)
        return Kind::JsonKey;
    return Kind::Other;
}

PlanPredicate fromExpression(const QJsonObject &node)
{
    const QString type = parseNodeType(node);
    const QJsonObject body = parseNodeFields(node);
    PlanPredicate predicate;
    if (type == u"ColumnRef"_s) {
        predicate = {Kind::BooleanTest, columnOf(node), {}};
        predicate.condition = quoteIdentifierIfNeeded(predicate.column);
    } else if (type == u"BoolExpr"_s && body.value(u"boolop"_s) == u"NOT_EXPR"_s) {
        const QString column = columnOf(body.value(u"args"_s).toArray().first());
        if (!column.isEmpty())
            predicate = {Kind::BooleanTest, column, u"NOT "_s + quoteIdentifierIfNeeded(column)};
    } else if (type == u"NullTest"_s) {
        const QString column = columnOf(body.value(u"arg"_s));
        const bool isNull = body.value(u"nulltesttype"_s) == u"IS_NULL"_s;
        if (!column.isEmpty())
            predicate = {Kind::NullTest, column,
                         quoteIdentifierIfNeeded(column) +
                             (isNull ? u" IS NULL"_s : u" IS NOT NULL"_s)};
    } else if (type == u"A_Expr"_s) {
        const QString kind = body.value(u"kind"_s).toString();
        const QString op =
            body.value(u"name"_s).toArray().last()[u"String"_s][u"sval"_s].toString();
        const QString column = columnOf(body.value(u"lexpr"_s));
        // IN and BETWEEN hold their values in a list.
        const bool listed = kind == u"AEXPR_IN"_s || kind == u"AEXPR_BETWEEN"_s;
        if (column.isEmpty() || (!listed && !isValue(body.value(u"rexpr"_s))))
            return predicate;
        if (kind == u"AEXPR_OP"_s)
            predicate = {operatorKind(op), column, {}};
        else if ((kind == u"AEXPR_OP_ANY"_s && op == u"="_s) || kind == u"AEXPR_IN"_s)
            predicate = {Kind::Equality, column, {}};
        else if (kind == u"AEXPR_BETWEEN"_s)
            predicate = {Kind::Range, column, {}};
    }
    return predicate;
}

void collectConjuncts(const QJsonObject &node, QList<PlanPredicate> &out)
{
    if (parseNodeType(node) == u"BoolExpr"_s &&
        parseNodeFields(node).value(u"boolop"_s) == u"AND_EXPR"_s) {
        for (const QJsonValue &argument : parseNodeFields(node).value(u"args"_s).toArray())
            collectConjuncts(argument.toObject(), out);
        return;
    }
    out.append(fromExpression(node));
}

} // namespace

std::optional<QList<PlanPredicate>> predicatesOf(const QString &expression)
{
    const QJsonObject where = pgQueryExpressionTree(expression);
    if (where.isEmpty())
        return std::nullopt;
    QList<PlanPredicate> predicates;
    collectConjuncts(where, predicates);
    return predicates;
}

} // namespace mizzle::explain
