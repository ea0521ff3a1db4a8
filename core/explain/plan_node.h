#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace mizzle::explain {

// Block counts as EXPLAIN (BUFFERS) reports them. PostgreSQL prints all ten together, so a
// node either has the whole group or none of it.
struct PlanBuffers
{
    qint64 sharedHit = 0;
    qint64 sharedRead = 0;
    qint64 sharedDirtied = 0;
    qint64 sharedWritten = 0;
    qint64 localHit = 0;
    qint64 localRead = 0;
    qint64 localDirtied = 0;
    qint64 localWritten = 0;
    qint64 tempRead = 0;
    qint64 tempWritten = 0;

    bool operator==(const PlanBuffers &) const = default;
};

// Milliseconds spent waiting on block I/O (track_io_timing). PostgreSQL 13 to 15 print one
// shared-plus-local pair ("I/O Read Time"); 16 and later split it by kind. Temp timing exists
// from 15 on.
struct PlanIoTimes
{
    std::optional<double> readMs;  // "I/O Read Time" (13-15)
    std::optional<double> writeMs; // "I/O Write Time" (13-15)
    std::optional<double> sharedReadMs;
    std::optional<double> sharedWriteMs;
    std::optional<double> localReadMs;
    std::optional<double> localWriteMs;
    std::optional<double> tempReadMs;
    std::optional<double> tempWriteMs;

    bool isEmpty() const;
    bool operator==(const PlanIoTimes &) const = default;
};

struct PlanWal
{
    qint64 records = 0;
    qint64 fullPageImages = 0;
    qint64 bytes = 0;
    std::optional<qint64> buffersFull; // PostgreSQL 18

    bool operator==(const PlanWal &) const = default;
};

// What both a plan node and one parallel worker's share of it report about execution.
struct PlanExecutionStats
{
    // As printed: per-loop averages over every loop of every process that ran the node.
    std::optional<double> actualStartupTimeMs;
    std::optional<double> actualTotalTimeMs;
    std::optional<double> actualRows;
    std::optional<double> actualLoops;

    QString sortMethod;
    std::optional<qint64> sortSpaceUsedKb;
    QString sortSpaceType; // "Memory" or "Disk"
    std::optional<qint64> hashAggBatches;
    std::optional<qint64> peakMemoryUsageKb; // Hash, HashAggregate and Memoize
    std::optional<qint64> diskUsageKb;       // HashAggregate
    std::optional<qint64> cacheHits;         // Memoize
    std::optional<qint64> cacheMisses;
    std::optional<qint64> cacheEvictions;
    std::optional<qint64> cacheOverflows;
    std::optional<qint64> exactHeapBlocks; // Bitmap Heap Scan
    std::optional<qint64> lossyHeapBlocks;

    std::optional<PlanBuffers> buffers; // inclusive of children, summed over processes
    PlanIoTimes ioTimes;
    std::optional<PlanWal> wal;

    // Every field this model does not know, verbatim, so that nothing PostgreSQL printed is lost.
    QJsonObject extra;
};

// One parallel worker's part of a node ("Workers" in JSON). Times and rows need VERBOSE.
struct PlanWorker : PlanExecutionStats
{
    int workerNumber = -1;
};

// One plan node with every field PostgreSQL 13 to 17 prints in FORMAT JSON. Text left empty
// and unset optionals mean that PostgreSQL did not print the field.
struct PlanNode : PlanExecutionStats
{
    QString nodeType;
    QString parentRelationship; // "Outer", "Inner", "InitPlan", "SubPlan", "Member", "Subquery"
    QString subplanName;        // "InitPlan 1", "InitPlan 1 (returns $0)", "SubPlan 2", "CTE x"
    QString customPlanProvider;
    QString strategy;    // Aggregate and SetOp: "Plain", "Sorted", "Hashed", "Mixed"
    QString partialMode; // "Simple", "Partial", "Finalize"
    QString operation;   // ModifyTable: "Insert", "Update", "Delete", "Merge"
    QString command;     // SetOp: "Intersect", "Except", ...
    QString joinType;
    QString scanDirection;

    QString relationName;
    QString schema;
    QString alias;
    QString functionName;
    QString tableFunctionName;
    QString cteName;
    QString tuplestoreName;
    QString indexName;

    std::optional<bool> parallelAware;
    std::optional<bool> asyncCapable;
    std::optional<bool> innerUnique;
    std::optional<bool> singleCopy;
    std::optional<bool> disabled; // PostgreSQL 18

    std::optional<double> startupCost;
    std::optional<double> totalCost;
    std::optional<double> planRows; // per loop, and per process under a Gather
    std::optional<qint64> planWidth;

    std::optional<qint64> workersPlanned;
    std::optional<qint64> workersLaunched;

    QStringList output;
    QString filter;
    QString joinFilter;
    QString indexCond;
    QString recheckCond;
    QString hashCond;
    QString mergeCond;
    QString oneTimeFilter;
    QString tidCond;
    QString orderBy;
    QString runCondition;
    QString functionCall;
    QString tableFunctionCall;
    QString cacheKey;
    QString cacheMode;
    QString samplingMethod;
    QStringList samplingParameters;
    QString repeatableSeed;
    QStringList sortKey;
    QStringList presortedKey;
    QStringList groupKey;
    QStringList paramsEvaluated; // Gather, PostgreSQL 13-16
    QString conflictResolution;
    QStringList conflictArbiterIndexes;
    QString conflictFilter;

    // Per-loop averages, except Heap Fetches, which PostgreSQL prints as a total.
    std::optional<double> rowsRemovedByFilter;
    std::optional<double> rowsRemovedByJoinFilter;
    std::optional<double> rowsRemovedByIndexRecheck;
    std::optional<double> rowsRemovedByConflictFilter;
    std::optional<double> heapFetches;
    std::optional<double> tuplesInserted;
    std::optional<double> conflictingTuples;
    std::optional<qint64> indexSearches; // PostgreSQL 18

    std::optional<qint64> hashBuckets;
    std::optional<qint64> originalHashBuckets;
    std::optional<qint64> hashBatches;
    std::optional<qint64> originalHashBatches;
    std::optional<qint64> plannedPartitions;

    std::vector<PlanWorker> workers;
    std::vector<PlanNode> children; // in the order PostgreSQL prints them

    // The texts in which an expression may mention an InitPlan's output or a SubPlan.
    QStringList expressionTexts() const;
};

} // namespace mizzle::explain
