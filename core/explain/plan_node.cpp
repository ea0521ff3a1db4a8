#include "explain/plan_node.h"

namespace mizzle::explain {

bool PlanIoTimes::isEmpty() const
{
    return !readMs && !writeMs && !sharedReadMs && !sharedWriteMs && !localReadMs &&
           !localWriteMs && !tempReadMs && !tempWriteMs;
}

QStringList PlanNode::expressionTexts() const
{
    QStringList texts;
    for (const QString *text :
         {&filter, &joinFilter, &indexCond, &recheckCond, &hashCond, &mergeCond, &oneTimeFilter,
          &tidCond, &orderBy, &runCondition, &functionCall, &tableFunctionCall, &cacheKey,
          &repeatableSeed, &conflictFilter}) {
        if (!text->isEmpty())
            texts.append(*text);
    }
    for (const QStringList *list :
         {&output, &samplingParameters, &sortKey, &presortedKey, &groupKey, &paramsEvaluated})
        texts.append(*list);
    // Fields this model does not name may hold expressions too (a custom scan's, say).
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it.value().isString())
            texts.append(it.value().toString());
    }
    return texts;
}

} // namespace mizzle::explain
