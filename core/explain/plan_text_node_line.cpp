#include "explain/plan_text_node_line.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

// A node name as the text format prints it, and what it means in FORMAT JSON's terms.
struct NodeName
{
    QString text;
    std::function<void(PlanNode &)> apply;
};

std::vector<NodeName> makeNodeNames()
{
    std::vector<NodeName> names;
    const auto plain = [&names](const QString &type) {
        names.push_back({type, [type](PlanNode &node) { node.nodeType = type; }});
    };
    for (const QString &type : {u"Result"_s,
                                u"ProjectSet"_s,
                                u"Append"_s,
                                u"Merge Append"_s,
                                u"Recursive Union"_s,
                                u"BitmapAnd"_s,
                                u"BitmapOr"_s,
                                u"Seq Scan"_s,
                                u"Sample Scan"_s,
                                u"Gather"_s,
                                u"Gather Merge"_s,
                                u"Index Scan"_s,
                                u"Index Only Scan"_s,
                                u"Bitmap Index Scan"_s,
                                u"Bitmap Heap Scan"_s,
                                u"Tid Scan"_s,
                                u"Tid Range Scan"_s,
                                u"Subquery Scan"_s,
                                u"Function Scan"_s,
                                u"Table Function Scan"_s,
                                u"Values Scan"_s,
                                u"CTE Scan"_s,
                                u"Named Tuplestore Scan"_s,
                                u"WorkTable Scan"_s,
                                u"Materialize"_s,
                                u"Memoize"_s,
                                u"Sort"_s,
                                u"Incremental Sort"_s,
                                u"Group"_s,
                                u"WindowAgg"_s,
                                u"Unique"_s,
                                u"LockRows"_s,
                                u"Limit"_s,
                                u"Hash"_s})
        plain(type);
    // The text format folds the join type into the name: "Hash Left Join", "Nested Loop".
    const QList<std::pair<QString, QString>> joins = {{u"Nested Loop"_s, u"Nested Loop"_s},
                                                      {u"Hash"_s, u"Hash Join"_s},
                                                      {u"Merge"_s, u"Merge Join"_s}};
    for (const auto &[prefix, type] : joins) {
        for (const QString &joinType : {u"Inner"_s, u"Left"_s, u"Full"_s, u"Right"_s, u"Semi"_s,
                                        u"Anti"_s, u"Right Semi"_s, u"Right Anti"_s}) {
            const QString text = joinType == u"Inner"
                                     ? (type == u"Nested Loop" ? type : prefix + u" Join"_s)
                                     : prefix + u' ' + joinType + u" Join"_s;
            names.push_back({text, [type, joinType](PlanNode &node) {
                                 node.nodeType = type;
                                 node.joinType = joinType;
                             }});
        }
    }
    const QList<std::pair<QString, QString>> aggregates = {{u"Aggregate"_s, u"Plain"_s},
                                                           {u"GroupAggregate"_s, u"Sorted"_s},
                                                           {u"HashAggregate"_s, u"Hashed"_s},
                                                           {u"MixedAggregate"_s, u"Mixed"_s}};
    for (const auto &[name, strategy] : aggregates) {
        for (const QString &mode : {u"Simple"_s, u"Partial"_s, u"Finalize"_s}) {
            const QString text = mode == u"Simple" ? name : mode + u' ' + name;
            names.push_back({text, [strategy, mode](PlanNode &node) {
                                 node.nodeType = u"Aggregate"_s;
                                 node.strategy = strategy;
                                 node.partialMode = mode;
                             }});
        }
    }
    for (const auto &[name, strategy] :
         {std::pair(u"SetOp"_s, u"Sorted"_s), std::pair(u"HashSetOp"_s, u"Hashed"_s)}) {
        for (const QString &command :
             {u"Intersect"_s, u"Intersect All"_s, u"Except"_s, u"Except All"_s}) {
            names.push_back({name + u' ' + command, [strategy, command](PlanNode &node) {
                                 node.nodeType = u"SetOp"_s;
                                 node.strategy = strategy;
                                 node.command = command;
                             }});
        }
    }
    for (const QString &operation : {u"Insert"_s, u"Update"_s, u"Delete"_s, u"Merge"_s}) {
        names.push_back({operation, [operation](PlanNode &node) {
                             node.nodeType = u"ModifyTable"_s;
                             node.operation = operation;
                         }});
    }
    for (const QString &operation : {u"Select"_s, u"Insert"_s, u"Update"_s, u"Delete"_s}) {
        const QString text = operation == u"Select" ? u"Foreign Scan"_s : u"Foreign "_s + operation;
        names.push_back({text, [operation](PlanNode &node) {
                             node.nodeType = u"Foreign Scan"_s;
                             node.operation = operation;
                         }});
    }
    // The longest name first, so that "Hash Join" wins over "Hash".
    std::sort(names.begin(), names.end(),
              [](const NodeName &a, const NodeName &b) { return a.text.size() > b.text.size(); });
    return names;
}

const std::vector<NodeName> &nodeNames()
{
    static const std::vector<NodeName> names = makeNodeNames();
    return names;
}

// Reads an identifier as quote_identifier() prints it, at `at`; moves `at` past it.
QString identifier(const QString &text, qsizetype &at)
{
    QString name;
    if (at < text.size() && text.at(at) == u'"') {
        for (++at; at < text.size(); ++at) {
            if (text.at(at) != u'"') {
                name += text.at(at);
            } else if (at + 1 < text.size() && text.at(at + 1) == u'"') {
                name += u'"';
                ++at;
            } else {
                ++at;
                break;
            }
        }
        return name;
    }
    while (at < text.size() && text.at(at) != u' ' && text.at(at) != u'.')
        name += text.at(at++);
    return name;
}

// "[schema.]name [alias]" after " on ": the object's member depends on the node type.
void readTarget(const QString &text, qsizetype at, PlanNode &node)
{
    QStringList parts{identifier(text, at)};
    while (at < text.size() && text.at(at) == u'.') {
        ++at;
        parts.append(identifier(text, at));
    }
    QString alias;
    if (at < text.size() && text.at(at) == u' ') {
        ++at;
        alias = identifier(text, at);
    }
    static const QHash<QString, QString PlanNode::*> members = {
        {u"Function Scan"_s, &PlanNode::functionName},
        {u"Table Function Scan"_s, &PlanNode::tableFunctionName},
        {u"CTE Scan"_s, &PlanNode::cteName},
        {u"WorkTable Scan"_s, &PlanNode::cteName},
        {u"Named Tuplestore Scan"_s, &PlanNode::tuplestoreName},
    };
    if (node.nodeType == u"Bitmap Index Scan") {
        node.indexName = parts.last();
        return;
    }
    if (node.nodeType == u"Subquery Scan" || node.nodeType == u"Values Scan") {
        node.alias = parts.last(); // these scan no named object: the name is the alias
        return;
    }
    QString PlanNode::*member = members.value(node.nodeType, &PlanNode::relationName);
    node.*member = parts.last();
    if (parts.size() > 1)
        node.schema = parts.at(parts.size() - 2);
    node.alias = alias.isEmpty() ? parts.last() : alias;
}

// Returns whether the name is one PostgreSQL prints.
bool readName(QString name, PlanNode &node)
{
    node.parallelAware = name.startsWith(u"Parallel "_s);
    if (*node.parallelAware)
        name.remove(0, 9);
    node.asyncCapable = name.startsWith(u"Async "_s);
    if (*node.asyncCapable)
        name.remove(0, 6);
    qsizetype rest = -1;
    static const QRegularExpression custom(u"^Custom Scan \\((.*?)\\)(?= |$)"_s);
    if (const QRegularExpressionMatch match = custom.match(name); match.hasMatch()) {
        node.nodeType = u"Custom Scan"_s;
        node.customPlanProvider = match.captured(1);
        rest = match.capturedLength();
    }
    for (const NodeName &known : nodeNames()) {
        if (rest >= 0)
            break;
        if (name.startsWith(known.text) &&
            (name.size() == known.text.size() || name.at(known.text.size()) == u' ')) {
            known.apply(node);
            rest = known.text.size();
        }
    }
    const bool known = rest >= 0;
    if (!known) {
        // A node this parser does not know: its name is what comes before the target.
        static const QRegularExpression target(u" (on|using) "_s);
        const QRegularExpressionMatch match = target.match(name);
        rest = match.hasMatch() ? match.capturedStart() : name.size();
        node.nodeType = name.left(rest);
    }
    QString details = name.mid(rest);
    if (node.nodeType == u"Index Scan" || node.nodeType == u"Index Only Scan") {
        node.scanDirection = u"Forward"_s;
        if (details.startsWith(u" Backward"_s)) {
            node.scanDirection = u"Backward"_s;
            details.remove(0, 9);
        }
        if (details.startsWith(u" using "_s)) {
            qsizetype at = 7;
            node.indexName = identifier(details, at);
            details.remove(0, at);
        }
    }
    if (details.startsWith(u" on "_s))
        readTarget(details, 4, node);
    return known;
}

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

const QRegularExpression &actualPattern()
{
    static const QRegularExpression pattern(
        u"\\s*\\((?:actual (?:time=([-0-9.]+)\\.\\.([-0-9.]+) )?rows=([0-9.]+) loops=([0-9.]+)|"
        "(never executed))\\)$"_s);
    return pattern;
}

const QRegularExpression &costPattern()
{
    static const QRegularExpression pattern(
        u"\\s*\\(cost=([-0-9.]+)\\.\\.([-0-9.]+) rows=([0-9.]+) width=([0-9]+)\\)$"_s);
    return pattern;
}

} // namespace

bool hasNodeLineFigures(const QString &line)
{
    return actualPattern().match(line).hasMatch() || costPattern().match(line).hasMatch();
}

bool readNodeLine(const QString &line, PlanNode &node)
{
    QString text = line.trimmed();
    // A node without figures (COSTS OFF, no ANALYZE) must at least have a name PostgreSQL uses.
    const bool figures = hasNodeLineFigures(text);
    if (const QRegularExpressionMatch actual = actualPattern().match(text); actual.hasMatch()) {
        if (actual.hasCaptured(5)) {
            node.actualStartupTimeMs = 0.0;
            node.actualTotalTimeMs = 0.0;
            node.actualRows = 0.0;
            node.actualLoops = 0.0;
        } else {
            if (actual.hasCaptured(1)) {
                node.actualStartupTimeMs = number(actual.captured(1));
                node.actualTotalTimeMs = number(actual.captured(2));
            }
            node.actualRows = number(actual.captured(3));
            node.actualLoops = number(actual.captured(4));
        }
        text.truncate(actual.capturedStart());
    }
    if (const QRegularExpressionMatch cost = costPattern().match(text); cost.hasMatch()) {
        node.startupCost = number(cost.captured(1));
        node.totalCost = number(cost.captured(2));
        node.planRows = number(cost.captured(3));
        node.planWidth = qint64(number(cost.captured(4)).value_or(0));
        text.truncate(cost.capturedStart());
    }
    if (text.isEmpty())
        return false;
    const bool known = readName(text, node);
    return !node.nodeType.isEmpty() && (known || figures);
}

} // namespace mizzle::explain::detail
