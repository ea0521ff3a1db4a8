#include "plan/plan_node_label.h"

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

QString operatorName(const explain::PlanNode &node)
{
    const QString &type = node.nodeType;
    if (type == u"ModifyTable" && !node.operation.isEmpty())
        return node.operation;
    if (type == u"Aggregate" || type == u"SetOp") {
        const QString base = type == u"Aggregate" ? u"Aggregate"_s : u"SetOp"_s;
        if (node.strategy == u"Sorted" && type == u"Aggregate")
            return u"GroupAggregate"_s;
        if (node.strategy == u"Hashed")
            return u"Hash"_s + base;
        if (node.strategy == u"Mixed")
            return u"Mixed"_s + base;
        return base;
    }
    const bool join = type == u"Nested Loop" || type.endsWith(u" Join");
    if (join && !node.joinType.isEmpty() && node.joinType != u"Inner") {
        if (type == u"Nested Loop")
            return u"Nested Loop %1 Join"_s.arg(node.joinType);
        return u"%1 %2 Join"_s.arg(type.chopped(5), node.joinType);
    }
    return type;
}

// "public.orders o": the alias only where it differs from the table's name.
QString relationText(const explain::PlanNode &node)
{
    QString relation = node.relationName;
    if (relation.isEmpty())
        relation = !node.cteName.isEmpty()          ? node.cteName
                   : !node.functionName.isEmpty()   ? node.functionName
                   : !node.tuplestoreName.isEmpty() ? node.tuplestoreName
                                                    : node.tableFunctionName;
    else if (!node.schema.isEmpty())
        relation = node.schema + u'.' + relation;
    if (relation.isEmpty())
        return node.alias;
    if (!node.alias.isEmpty() && node.alias != node.relationName && node.alias != relation)
        relation += u' ' + node.alias;
    return relation;
}

} // namespace

QString planNodeLabel(const explain::PlanNode &node)
{
    QString label = operatorName(node);
    if (node.partialMode == u"Partial" || node.partialMode == u"Finalize")
        label = node.partialMode + u' ' + label;
    if (node.parallelAware.value_or(false))
        label = u"Parallel "_s + label;
    if (node.scanDirection == u"Backward")
        label += u" Backward"_s;
    if (!node.indexName.isEmpty())
        label += u" using "_s + node.indexName;
    const QString relation = relationText(node);
    if (!relation.isEmpty())
        label += u" on "_s + relation;
    if (!node.subplanName.isEmpty())
        label = node.subplanName + u": "_s + label;
    return label;
}

} // namespace mizzle
