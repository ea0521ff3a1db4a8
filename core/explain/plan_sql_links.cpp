#include "explain/plan_sql_links.h"

#include "explain/plan_node.h"
#include "explain/sql_token_ranges.h"
#include "sql/pg_query_access.h"
#include "sql/sql_token_scanner.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

struct ColumnUse
{
    QString qualifier; // the alias or table before the column, empty when unqualified
    QString column;

    bool matches(const ColumnUse &other) const
    {
        return column == other.column &&
               (qualifier.isEmpty() || other.qualifier.isEmpty() || qualifier == other.qualifier);
    }
};

using ColumnSet = QList<ColumnUse>;

struct RelationUse
{
    QString name;  // table, CTE or function
    QString alias; // what EXPLAIN calls it: the alias, else the name
    SqlRange range;
};

struct ConditionUse
{
    ColumnSet columns;
    SqlRange range;
};

// Where an expression's located parts start, in bytes: the first and the last.
struct ByteSpan
{
    int first = -1;
    int last = -1;
};

// What the statement holds, with its places in the text.
struct StatementUses
{
    QList<RelationUse> relations;
    QList<RelationUse> ctes;
    QList<ConditionUse> conditions;
};

QString lastName(const QJsonArray &names)
{
    return names.isEmpty() ? QString() : names.last()[u"String"_s][u"sval"_s].toString();
}

void addColumn(ColumnSet &set, ColumnUse use)
{
    const bool known = std::any_of(set.cbegin(), set.cend(), [&](const ColumnUse &other) {
        return other.column == use.column && other.qualifier == use.qualifier;
    });
    if (!known)
        set.append(std::move(use));
}

// The columns an expression uses, leaving out those of subqueries inside it (other scopes).
void collectColumns(const QJsonValue &value, ColumnSet &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectColumns(item, out);
        return;
    }
    const QJsonObject node = value.toObject();
    const QString type = parseNodeType(node);
    const QJsonObject fields = parseNodeFields(node);
    if (type == u"ColumnRef"_s) {
        const QJsonArray names = fields[u"fields"_s].toArray();
        if (names.isEmpty() || !names.last()[u"String"_s].isObject())
            return; // alias.*
        addColumn(out,
                  {names.size() >= 2 ? names[names.size() - 2][u"String"_s][u"sval"_s].toString()
                                     : QString(),
                   lastName(names)});
        return;
    }
    if (type == u"SubLink"_s) {
        collectColumns(fields[u"testexpr"_s], out);
        // The planner turns "x IN (SELECT y …)" into a semi-join on x = y: the subquery's
        // output columns are part of the condition. The rest of it is another scope.
        if (fields[u"subLinkType"_s] == u"ANY_SUBLINK"_s)
            for (const QJsonValue &target :
                 fields[u"subselect"_s][u"SelectStmt"_s][u"targetList"_s].toArray())
                collectColumns(target[u"ResTarget"_s][u"val"_s], out);
        return;
    }
    for (const QJsonValue &child : std::as_const(node))
        collectColumns(child, out);
}

void collectLocations(const QJsonValue &value, ByteSpan &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectLocations(item, out);
        return;
    }
    const QJsonObject node = value.toObject();
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == u"location"_s && it->isDouble()) {
            const int byte = it->toInt();
            out.first = out.first < 0 ? byte : std::min(out.first, byte);
            out.last = std::max(out.last, byte);
        } else if (it->isObject() || it->isArray()) {
            collectLocations(*it, out);
        }
    }
}

// The terms ANDed together at the top of a WHERE, HAVING or ON clause.
void collectConjuncts(const QJsonObject &expression, QList<QJsonObject> &out)
{
    if (parseNodeType(expression) == u"BoolExpr"_s &&
        parseNodeFields(expression)[u"boolop"_s] == u"AND_EXPR"_s) {
        for (const QJsonValue &argument : parseNodeFields(expression)[u"args"_s].toArray())
            collectConjuncts(argument.toObject(), out);
    } else if (!expression.isEmpty()) {
        out.append(expression);
    }
}

ColumnSet columnsOf(const QJsonObject &expression)
{
    ColumnSet columns;
    collectColumns(expression, columns);
    return columns;
}

QList<ColumnSet> conjunctColumns(const QJsonObject &expression)
{
    QList<QJsonObject> conjuncts;
    collectConjuncts(expression, conjuncts);
    QList<ColumnSet> sets;
    for (const QJsonObject &conjunct : std::as_const(conjuncts))
        sets.append(columnsOf(conjunct));
    return sets;
}

void addConditions(const QJsonObject &clause, const SqlTokenRanges &tokens, StatementUses &uses)
{
    QList<QJsonObject> conjuncts;
    collectConjuncts(clause, conjuncts);
    for (const QJsonObject &conjunct : std::as_const(conjuncts)) {
        const ColumnSet columns = columnsOf(conjunct);
        ByteSpan located;
        collectLocations(conjunct, located);
        if (!columns.isEmpty() && located.first >= 0)
            uses.conditions.append({columns, tokens.condition(located.first, located.last)});
    }
}

void collectUses(const QJsonValue &value, const SqlTokenRanges &tokens, StatementUses &uses)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectUses(item, tokens, uses);
        return;
    }
    const QJsonObject node = value.toObject();
    const QString type = parseNodeType(node);
    const QJsonObject fields = parseNodeFields(node);
    const auto addRelation = [&](const QString &name, int byte) {
        const QString alias = fields[u"alias"_s][u"aliasname"_s].toString();
        const QString known = alias.isEmpty() ? name : alias;
        uses.relations.append({name, known, tokens.relation(byte, known)});
    };
    if (type == u"RangeVar"_s) {
        addRelation(fields[u"relname"_s].toString(), fields[u"location"_s].toInt());
    } else if (type == u"RangeFunction"_s) {
        const QJsonObject call =
            fields[u"functions"_s][0][u"List"_s][u"items"_s][0][u"FuncCall"_s].toObject();
        addRelation(lastName(call[u"funcname"_s].toArray()), call[u"location"_s].toInt());
    } else if (type == u"CommonTableExpr"_s) {
        const QString name = fields[u"ctename"_s].toString();
        uses.ctes.append({name, name, tokens.relation(fields[u"location"_s].toInt(), {})});
    }
    // A typed node's fields are an object of their own, so the clauses are met one level down.
    for (const QString &clause : {u"whereClause"_s, u"havingClause"_s, u"quals"_s})
        addConditions(node[clause].toObject(), tokens, uses);
    for (const QJsonValue &child : node)
        if (child.isObject() || child.isArray())
            collectUses(child, tokens, uses);
}

QStringList conditionsOf(const PlanNode &node)
{
    QStringList conditions;
    for (const QString &text : {node.filter, node.joinFilter, node.indexCond, node.recheckCond,
                                node.hashCond, node.mergeCond, node.tidCond})
        if (!text.isEmpty())
            conditions.append(text);
    return conditions;
}

// Stands for the node's own alias in the parse cache. A control character is never part of a
// name EXPLAIN prints.
const QString ownAlias = QStringLiteral("\x01");

// The condition with every "alias." of the node written as the placeholder, so that the
// thousands of partitions of one table, each printing its own alias, share one cache entry.
QString withoutOwnAlias(const QString &condition, const QString &alias)
{
    if (alias.isEmpty())
        return condition;
    const QString prefix = quoteIdentifierIfNeeded(alias) + u'.';
    QString key;
    qsizetype from = 0;
    for (qsizetype at = condition.indexOf(prefix); at >= 0;
         at = condition.indexOf(prefix, at + 1)) {
        const QChar before = at > 0 ? condition.at(at - 1) : QChar();
        if (before.isLetterOrNumber() || before == u'_' || before == u'"' || before == u'$')
            continue; // the end of a longer name
        key += QStringView(condition).mid(from, at - from);
        key += ownAlias + u'.';
        from = at + prefix.size();
    }
    key += QStringView(condition).mid(from);
    return key;
}

// The node's condition terms as column sets, its own columns qualified with its alias in the
// text (a scan prints them unqualified without VERBOSE). Each text is parsed once.
QList<ColumnSet> nodeConditionColumns(const PlanNode &node, const QString &aliasInText,
                                      QHash<QString, QList<ColumnSet>> &parsed)
{
    QList<ColumnSet> sets;
    for (const QString &condition : conditionsOf(node)) {
        const QString key = withoutOwnAlias(condition, node.alias);
        auto known = parsed.constFind(key);
        if (known == parsed.cend()) {
            QList<ColumnSet> terms = conjunctColumns(pgQueryExpressionTree(condition));
            for (ColumnSet &columns : terms)
                for (ColumnUse &use : columns)
                    if (use.qualifier.isEmpty() || use.qualifier == node.alias)
                        use.qualifier = ownAlias;
            known = parsed.insert(key, terms);
        }
        for (ColumnSet columns : *known) {
            for (ColumnUse &use : columns)
                if (use.qualifier == ownAlias)
                    use.qualifier = aliasInText;
            sets.append(columns);
        }
    }
    return sets;
}

bool sameColumns(const ColumnSet &a, const ColumnSet &b)
{
    const auto coveredBy = [](const ColumnSet &from, const ColumnSet &into) {
        return std::all_of(from.cbegin(), from.cend(), [&](const ColumnUse &use) {
            return std::any_of(into.cbegin(), into.cend(),
                               [&](const ColumnUse &other) { return use.matches(other); });
        });
    };
    return !a.isEmpty() && !b.isEmpty() && coveredBy(a, b) && coveredBy(b, a);
}

// The alias the statement knows the node by. PostgreSQL names the partitions (and inheritance
// children) that a table "e" expands into "e_1", "e_2", …: they are "e" in the text.
QString aliasInText(const QString &alias, const QList<RelationUse> &relations)
{
    const auto known = [&relations](const QString &name) {
        return std::any_of(relations.cbegin(), relations.cend(),
                           [&name](const RelationUse &use) { return use.alias == name; });
    };
    const qsizetype underscore = alias.lastIndexOf(u'_');
    if (known(alias) || underscore <= 0)
        return alias;
    bool numbered = false;
    (void)QStringView(alias).mid(underscore + 1).toUInt(&numbered);
    return numbered && known(alias.left(underscore)) ? alias.left(underscore) : alias;
}

QList<SqlRange> relationRanges(const PlanNode &node, const QString &alias,
                               const QList<RelationUse> &relations)
{
    QList<SqlRange> ranges;
    if (alias.isEmpty())
        return ranges;
    for (const RelationUse &use : relations)
        if (use.alias == alias)
            ranges.append(use.range);
    // Two unaliased uses of one table: PostgreSQL prints the second as "posts_1".
    const QString name = !node.relationName.isEmpty() ? node.relationName
                         : !node.cteName.isEmpty()    ? node.cteName
                                                      : node.functionName;
    if (ranges.isEmpty() && !name.isEmpty())
        for (const RelationUse &use : relations)
            if (use.name == name)
                ranges.append(use.range);
    return ranges;
}

} // namespace

PlanSqlLinks PlanSqlLinks::link(const std::vector<FlatPlanNode> &nodes, const QString &sql)
{
    PlanSqlLinks links;
    const QJsonArray statements = pgQueryParseTree(sql)[u"stmts"_s].toArray();
    if (statements.isEmpty())
        return links;
    const SqlTokenRanges tokens(sql);
    StatementUses uses;
    collectUses(statements, tokens, uses);
    const QList<RelationUse> &relations = uses.relations;

    QHash<QString, QList<ColumnSet>> parsedConditions;
    links.m_ranges.resize(nodes.size());
    for (size_t id = 0; id < nodes.size(); ++id) {
        const PlanNode &node = *nodes[id].node;
        QList<SqlRange> &ranges = links.m_ranges[id];
        const QString alias = aliasInText(node.alias, relations);
        ranges = relationRanges(node, alias, relations);
        if (node.subplanName.startsWith(u"CTE "_s))
            for (const RelationUse &cte : std::as_const(uses.ctes))
                if (u"CTE "_s + cte.name == node.subplanName)
                    ranges.append(cte.range);
        for (const ColumnSet &term : nodeConditionColumns(node, alias, parsedConditions))
            for (const ConditionUse &condition : std::as_const(uses.conditions))
                if (sameColumns(term, condition.columns) && !ranges.contains(condition.range))
                    ranges.append(condition.range);
        std::sort(ranges.begin(), ranges.end(),
                  [](const SqlRange &a, const SqlRange &b) { return a.start < b.start; });
    }
    return links;
}

bool PlanSqlLinks::isEmpty() const
{
    return std::all_of(m_ranges.cbegin(), m_ranges.cend(),
                       [](const QList<SqlRange> &ranges) { return ranges.isEmpty(); });
}

QList<SqlRange> PlanSqlLinks::rangesOf(int nodeId) const
{
    return nodeId >= 0 && size_t(nodeId) < m_ranges.size() ? m_ranges[size_t(nodeId)]
                                                           : QList<SqlRange>();
}

int PlanSqlLinks::nodeAt(int position) const
{
    int best = -1, bestLength = 0;
    for (size_t id = 0; id < m_ranges.size(); ++id) {
        for (const SqlRange &range : m_ranges[id]) {
            const int length = range.end - range.start;
            if (range.contains(position) && (best < 0 || length < bestLength)) {
                best = int(id);
                bestLength = length;
            }
        }
    }
    return best;
}

} // namespace mizzle::explain
