#include "explain/plan_comparison.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

class Comparison
{
public:
    Comparison(QStringList &differences, double tolerance)
        : m_differences(differences)
        , m_tolerance(tolerance)
    {}

    void nodes(const PlanNode &expected, const PlanNode &actual, const QString &path);

private:
    void note(const QString &where, const QString &field, const QString &expected,
              const QString &actual)
    {
        m_differences.append(u"%1: %2 %3 vs %4"_s.arg(where, field, expected, actual));
    }
    static QString shown(const std::optional<double> &value)
    {
        return value ? QString::number(*value, 'g', 17) : u"(none)"_s;
    }
    void text(const QString &where, const char *field, const QString &a, const QString &b)
    {
        if (a != b)
            note(where, QLatin1StringView(field), u'"' + a + u'"', u'"' + b + u'"');
    }
    void list(const QString &where, const char *field, const QStringList &a, const QStringList &b)
    {
        if (a != b)
            note(where, QLatin1StringView(field), a.join(u" | "_s), b.join(u" | "_s));
    }
    template <typename T>
    void exact(const QString &where, const char *field, const std::optional<T> &a,
               const std::optional<T> &b)
    {
        if (a != b) {
            note(where, QLatin1StringView(field), a ? shown(double(*a)) : shown({}),
                 b ? shown(double(*b)) : shown({}));
        }
    }
    // A count the text format prints only when it is not zero.
    template <typename T>
    void count(const QString &where, const char *field, const std::optional<T> &a,
               const std::optional<T> &b)
    {
        if (a.value_or(0) != b.value_or(0))
            exact(where, field, a, b);
    }
    void time(const QString &where, const char *field, const std::optional<double> &a,
              const std::optional<double> &b)
    {
        if (a.has_value() != b.has_value() || (a && std::abs(*a - *b) > m_tolerance + 1e-9)) {
            note(where, QLatin1StringView(field), shown(a), shown(b));
        }
    }
    void stats(const QString &where, const PlanExecutionStats &a, const PlanExecutionStats &b);

    QStringList &m_differences;
    double m_tolerance;
};

void Comparison::stats(const QString &where, const PlanExecutionStats &a,
                       const PlanExecutionStats &b)
{
    time(where, "Actual Startup Time", a.actualStartupTimeMs, b.actualStartupTimeMs);
    time(where, "Actual Total Time", a.actualTotalTimeMs, b.actualTotalTimeMs);
    exact(where, "Actual Rows", a.actualRows, b.actualRows);
    exact(where, "Actual Loops", a.actualLoops, b.actualLoops);
    text(where, "Sort Method", a.sortMethod, b.sortMethod);
    text(where, "Sort Space Type", a.sortSpaceType, b.sortSpaceType);
    exact(where, "Sort Space Used", a.sortSpaceUsedKb, b.sortSpaceUsedKb);
    count(where, "HashAgg Batches", a.hashAggBatches, b.hashAggBatches);
    count(where, "Peak Memory Usage", a.peakMemoryUsageKb, b.peakMemoryUsageKb);
    count(where, "Disk Usage", a.diskUsageKb, b.diskUsageKb);
    count(where, "Cache Hits", a.cacheHits, b.cacheHits);
    count(where, "Cache Misses", a.cacheMisses, b.cacheMisses);
    count(where, "Cache Evictions", a.cacheEvictions, b.cacheEvictions);
    count(where, "Cache Overflows", a.cacheOverflows, b.cacheOverflows);
    count(where, "Exact Heap Blocks", a.exactHeapBlocks, b.exactHeapBlocks);
    count(where, "Lossy Heap Blocks", a.lossyHeapBlocks, b.lossyHeapBlocks);
    if (a.buffers.value_or(PlanBuffers{}) != b.buffers.value_or(PlanBuffers{}))
        m_differences.append(where + u": Buffers differ"_s);
    if (a.wal.value_or(PlanWal{}) != b.wal.value_or(PlanWal{}))
        m_differences.append(where + u": WAL differs"_s);
}

void Comparison::nodes(const PlanNode &a, const PlanNode &b, const QString &path)
{
    const QString where = u"%1 (%2)"_s.arg(path, a.nodeType);
    text(where, "Node Type", a.nodeType, b.nodeType);
    text(where, "Parent Relationship", a.parentRelationship, b.parentRelationship);
    text(where, "Subplan Name", a.subplanName, b.subplanName);
    text(where, "Strategy", a.strategy, b.strategy);
    text(where, "Partial Mode", a.partialMode, b.partialMode);
    text(where, "Operation", a.operation, b.operation);
    text(where, "Command", a.command, b.command);
    text(where, "Join Type", a.joinType, b.joinType);
    text(where, "Scan Direction", a.scanDirection, b.scanDirection);
    text(where, "Relation Name", a.relationName, b.relationName);
    text(where, "Schema", a.schema, b.schema);
    text(where, "Alias", a.alias, b.alias);
    text(where, "Function Name", a.functionName, b.functionName);
    text(where, "CTE Name", a.cteName, b.cteName);
    text(where, "Index Name", a.indexName, b.indexName);
    text(where, "Custom Plan Provider", a.customPlanProvider, b.customPlanProvider);
    exact(where, "Parallel Aware", a.parallelAware, b.parallelAware);
    exact(where, "Startup Cost", a.startupCost, b.startupCost);
    exact(where, "Total Cost", a.totalCost, b.totalCost);
    exact(where, "Plan Rows", a.planRows, b.planRows);
    exact(where, "Plan Width", a.planWidth, b.planWidth);
    exact(where, "Workers Planned", a.workersPlanned, b.workersPlanned);
    exact(where, "Workers Launched", a.workersLaunched, b.workersLaunched);
    list(where, "Output", a.output, b.output);
    for (const auto &[field, member] :
         {std::pair("Filter", &PlanNode::filter), std::pair("Join Filter", &PlanNode::joinFilter),
          std::pair("Index Cond", &PlanNode::indexCond),
          std::pair("Recheck Cond", &PlanNode::recheckCond),
          std::pair("Hash Cond", &PlanNode::hashCond),
          std::pair("Merge Cond", &PlanNode::mergeCond),
          std::pair("One-Time Filter", &PlanNode::oneTimeFilter)})
        text(where, field, a.*member, b.*member);
    list(where, "Sort Key", a.sortKey, b.sortKey);
    list(where, "Group Key", a.groupKey, b.groupKey);
    count(where, "Rows Removed by Filter", a.rowsRemovedByFilter, b.rowsRemovedByFilter);
    count(where, "Rows Removed by Join Filter", a.rowsRemovedByJoinFilter,
          b.rowsRemovedByJoinFilter);
    count(where, "Rows Removed by Index Recheck", a.rowsRemovedByIndexRecheck,
          b.rowsRemovedByIndexRecheck);
    count(where, "Heap Fetches", a.heapFetches, b.heapFetches);
    exact(where, "Hash Buckets", a.hashBuckets, b.hashBuckets);
    exact(where, "Hash Batches", a.hashBatches, b.hashBatches);
    exact(where, "Original Hash Buckets", a.originalHashBuckets, b.originalHashBuckets);
    exact(where, "Original Hash Batches", a.originalHashBatches, b.originalHashBatches);
    stats(where, a, b);
    if (a.workers.size() != b.workers.size()) {
        note(where, u"Workers"_s, QString::number(a.workers.size()),
             QString::number(b.workers.size()));
    } else {
        for (size_t i = 0; i < a.workers.size(); ++i) {
            const QString worker = u"%1 worker %2"_s.arg(where).arg(a.workers[i].workerNumber);
            if (a.workers[i].workerNumber != b.workers[i].workerNumber)
                m_differences.append(worker + u": Worker Number differs"_s);
            stats(worker, a.workers[i], b.workers[i]);
        }
    }
    if (a.children.size() != b.children.size()) {
        note(where, u"Plans"_s, QString::number(a.children.size()),
             QString::number(b.children.size()));
        return;
    }
    for (size_t i = 0; i < a.children.size(); ++i)
        nodes(a.children[i], b.children[i], u"%1.Plans[%2]"_s.arg(path).arg(i));
}

} // namespace

QStringList planDifferences(const PlanNode &expected, const PlanNode &actual,
                            double timeToleranceMs)
{
    QStringList differences;
    Comparison(differences, timeToleranceMs).nodes(expected, actual, u"Plan"_s);
    return differences;
}

} // namespace mizzle::explain
