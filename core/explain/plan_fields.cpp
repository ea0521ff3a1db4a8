#include "explain/plan_fields.h"

#include <QHash>
#include <QJsonArray>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

template <typename Owner> void addExecutionStats(FieldTable<Owner> &table)
{
    using S = PlanExecutionStats;
    table.reals.insert({
        {u"Actual Startup Time"_s, &S::actualStartupTimeMs},
        {u"Actual Total Time"_s, &S::actualTotalTimeMs},
        {u"Actual Rows"_s, &S::actualRows},
        {u"Actual Loops"_s, &S::actualLoops},
    });
    table.texts.insert(
        {{u"Sort Method"_s, &S::sortMethod}, {u"Sort Space Type"_s, &S::sortSpaceType}});
    table.integers.insert({
        {u"Sort Space Used"_s, &S::sortSpaceUsedKb},
        {u"HashAgg Batches"_s, &S::hashAggBatches},
        {u"Peak Memory Usage"_s, &S::peakMemoryUsageKb},
        {u"Disk Usage"_s, &S::diskUsageKb},
        {u"Cache Hits"_s, &S::cacheHits},
        {u"Cache Misses"_s, &S::cacheMisses},
        {u"Cache Evictions"_s, &S::cacheEvictions},
        {u"Cache Overflows"_s, &S::cacheOverflows},
        {u"Exact Heap Blocks"_s, &S::exactHeapBlocks},
        {u"Lossy Heap Blocks"_s, &S::lossyHeapBlocks},
    });
}

FieldTable<PlanNode> makeNodeTable()
{
    using N = PlanNode;
    FieldTable<PlanNode> table;
    addExecutionStats(table);
    table.texts.insert({
        {u"Node Type"_s, &N::nodeType},
        {u"Parent Relationship"_s, &N::parentRelationship},
        {u"Subplan Name"_s, &N::subplanName},
        {u"Custom Plan Provider"_s, &N::customPlanProvider},
        {u"Strategy"_s, &N::strategy},
        {u"Partial Mode"_s, &N::partialMode},
        {u"Operation"_s, &N::operation},
        {u"Command"_s, &N::command},
        {u"Join Type"_s, &N::joinType},
        {u"Scan Direction"_s, &N::scanDirection},
        {u"Relation Name"_s, &N::relationName},
        {u"Schema"_s, &N::schema},
        {u"Alias"_s, &N::alias},
        {u"Function Name"_s, &N::functionName},
        {u"Table Function Name"_s, &N::tableFunctionName},
        {u"CTE Name"_s, &N::cteName},
        {u"Tuplestore Name"_s, &N::tuplestoreName},
        {u"Index Name"_s, &N::indexName},
        {u"Filter"_s, &N::filter},
        {u"Join Filter"_s, &N::joinFilter},
        {u"Index Cond"_s, &N::indexCond},
        {u"Recheck Cond"_s, &N::recheckCond},
        {u"Hash Cond"_s, &N::hashCond},
        {u"Merge Cond"_s, &N::mergeCond},
        {u"One-Time Filter"_s, &N::oneTimeFilter},
        {u"TID Cond"_s, &N::tidCond},
        {u"Order By"_s, &N::orderBy},
        {u"Run Condition"_s, &N::runCondition},
        {u"Function Call"_s, &N::functionCall},
        {u"Table Function Call"_s, &N::tableFunctionCall},
        {u"Cache Key"_s, &N::cacheKey},
        {u"Cache Mode"_s, &N::cacheMode},
        {u"Sampling Method"_s, &N::samplingMethod},
        {u"Repeatable Seed"_s, &N::repeatableSeed},
        {u"Conflict Resolution"_s, &N::conflictResolution},
        {u"Conflict Filter"_s, &N::conflictFilter},
    });
    table.lists.insert({
        {u"Output"_s, &N::output},
        {u"Sampling Parameters"_s, &N::samplingParameters},
        {u"Sort Key"_s, &N::sortKey},
        {u"Presorted Key"_s, &N::presortedKey},
        {u"Group Key"_s, &N::groupKey},
        {u"Params Evaluated"_s, &N::paramsEvaluated},
        {u"Conflict Arbiter Indexes"_s, &N::conflictArbiterIndexes},
    });
    table.flags.insert({
        {u"Parallel Aware"_s, &N::parallelAware},
        {u"Async Capable"_s, &N::asyncCapable},
        {u"Inner Unique"_s, &N::innerUnique},
        {u"Single Copy"_s, &N::singleCopy},
        {u"Disabled"_s, &N::disabled},
    });
    table.reals.insert({
        {u"Startup Cost"_s, &N::startupCost},
        {u"Total Cost"_s, &N::totalCost},
        {u"Plan Rows"_s, &N::planRows},
        {u"Rows Removed by Filter"_s, &N::rowsRemovedByFilter},
        {u"Rows Removed by Join Filter"_s, &N::rowsRemovedByJoinFilter},
        {u"Rows Removed by Index Recheck"_s, &N::rowsRemovedByIndexRecheck},
        {u"Rows Removed by Conflict Filter"_s, &N::rowsRemovedByConflictFilter},
        {u"Heap Fetches"_s, &N::heapFetches},
        {u"Tuples Inserted"_s, &N::tuplesInserted},
        {u"Conflicting Tuples"_s, &N::conflictingTuples},
    });
    table.integers.insert({
        {u"Plan Width"_s, &N::planWidth},
        {u"Workers Planned"_s, &N::workersPlanned},
        {u"Workers Launched"_s, &N::workersLaunched},
        {u"Index Searches"_s, &N::indexSearches},
        {u"Hash Buckets"_s, &N::hashBuckets},
        {u"Original Hash Buckets"_s, &N::originalHashBuckets},
        {u"Hash Batches"_s, &N::hashBatches},
        {u"Original Hash Batches"_s, &N::originalHashBatches},
        {u"Planned Partitions"_s, &N::plannedPartitions},
    });
    return table;
}

FieldTable<PlanWorker> makeWorkerTable()
{
    FieldTable<PlanWorker> table;
    addExecutionStats(table);
    return table;
}

const FieldTable<PlanWorker> &workerTable()
{
    static const FieldTable<PlanWorker> table = makeWorkerTable();
    return table;
}

enum class FieldRead { Unknown, Read, WrongType };

// Applies a known field; on WrongType, `expected` names the kind of value the key needs.
template <typename Owner>
FieldRead applyField(const FieldTable<Owner> &table, Owner &owner, const QString &key,
                     const QJsonValue &value, QString &expected)
{
    if (auto it = table.texts.constFind(key); it != table.texts.cend()) {
        expected = u"a string"_s;
        if (!value.isString())
            return FieldRead::WrongType;
        owner.*(*it) = value.toString();
        return FieldRead::Read;
    }
    if (auto it = table.lists.constFind(key); it != table.lists.cend()) {
        expected = u"a list of strings"_s;
        QStringList list;
        if (value.isString()) {
            list.append(value.toString());
        } else if (value.isArray()) {
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isString())
                    return FieldRead::WrongType;
                list.append(item.toString());
            }
        } else {
            return FieldRead::WrongType;
        }
        owner.*(*it) = list;
        return FieldRead::Read;
    }
    if (auto it = table.flags.constFind(key); it != table.flags.cend()) {
        expected = u"true or false"_s;
        if (!value.isBool())
            return FieldRead::WrongType;
        owner.*(*it) = value.toBool();
        return FieldRead::Read;
    }
    expected = u"a number"_s;
    if (auto it = table.reals.constFind(key); it != table.reals.cend()) {
        owner.*(*it) = realValue(value);
        return (owner.*(*it)).has_value() ? FieldRead::Read : FieldRead::WrongType;
    }
    if (auto it = table.integers.constFind(key); it != table.integers.cend()) {
        owner.*(*it) = integerValue(value);
        return (owner.*(*it)).has_value() ? FieldRead::Read : FieldRead::WrongType;
    }
    return FieldRead::Unknown;
}

const QHash<QString, qint64 PlanBuffers::*> &bufferKeys()
{
    using B = PlanBuffers;
    static const QHash<QString, qint64 B::*> keys = {
        {u"Shared Hit Blocks"_s, &B::sharedHit},
        {u"Shared Read Blocks"_s, &B::sharedRead},
        {u"Shared Dirtied Blocks"_s, &B::sharedDirtied},
        {u"Shared Written Blocks"_s, &B::sharedWritten},
        {u"Local Hit Blocks"_s, &B::localHit},
        {u"Local Read Blocks"_s, &B::localRead},
        {u"Local Dirtied Blocks"_s, &B::localDirtied},
        {u"Local Written Blocks"_s, &B::localWritten},
        {u"Temp Read Blocks"_s, &B::tempRead},
        {u"Temp Written Blocks"_s, &B::tempWritten},
    };
    return keys;
}

const QHash<QString, std::optional<double> PlanIoTimes::*> &ioTimeKeys()
{
    using T = PlanIoTimes;
    static const QHash<QString, std::optional<double> T::*> keys = {
        {u"I/O Read Time"_s, &T::readMs},
        {u"I/O Write Time"_s, &T::writeMs},
        {u"Shared I/O Read Time"_s, &T::sharedReadMs},
        {u"Shared I/O Write Time"_s, &T::sharedWriteMs},
        {u"Local I/O Read Time"_s, &T::localReadMs},
        {u"Local I/O Write Time"_s, &T::localWriteMs},
        {u"Temp I/O Read Time"_s, &T::tempReadMs},
        {u"Temp I/O Write Time"_s, &T::tempWriteMs},
    };
    return keys;
}

Result<void> readWorkers(const QJsonValue &value, const QString &path,
                         std::vector<PlanWorker> &workers)
{
    if (!value.isArray())
        return fieldError(path, u"Workers"_s, u"a list of objects"_s);
    const QJsonArray array = value.toArray();
    workers.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString workerPath = u"%1.Workers[%2]"_s.arg(path).arg(i);
        if (!array.at(i).isObject())
            return Error{u"A worker entry is not a JSON object."_s, workerPath, {}, {}, {}, -1};
        const QJsonObject object = array.at(i).toObject();
        PlanWorker worker;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            const QJsonValue field = it.value();
            if (field.isNull())
                continue;
            if (key == u"Worker Number") {
                const std::optional<qint64> number = integerValue(field);
                if (!number)
                    return fieldError(workerPath, key, u"a number"_s);
                worker.workerNumber = int(*number);
                continue;
            }
            const CounterRead counter =
                readCounter(key, field, worker.buffers, worker.ioTimes, &worker.wal);
            if (counter == CounterRead::WrongType)
                return fieldError(workerPath, key, u"a number"_s);
            if (counter == CounterRead::Read)
                continue;
            QString expected;
            const FieldRead read = applyField(workerTable(), worker, key, field, expected);
            if (read == FieldRead::Unknown)
                worker.extra.insert(key, field);
            else if (read == FieldRead::WrongType)
                return fieldError(workerPath, key, expected);
        }
        workers.push_back(std::move(worker));
    }
    return {};
}

} // namespace

const FieldTable<PlanNode> &nodeFieldTable()
{
    static const FieldTable<PlanNode> table = makeNodeTable();
    return table;
}

std::optional<double> realValue(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

std::optional<qint64> integerValue(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // Qt keeps integral JSON numbers as 64-bit integers, so byte counts stay exact.
    constexpr qint64 notIntegral = std::numeric_limits<qint64>::min();
    const qint64 exact = value.toInteger(notIntegral);
    if (exact != notIntegral)
        return exact;
    const std::optional<double> number = realValue(value);
    if (!number || std::abs(*number) > 9.0e18)
        return std::nullopt;
    return qint64(std::llround(*number));
}

Error fieldError(const QString &path, const QString &key, const QString &expected)
{
    return Error{u"The field \"%1\" should be %2."_s.arg(key, expected), path, {}, {}, {}, -1};
}

CounterRead readCounter(const QString &key, const QJsonValue &value,
                        std::optional<PlanBuffers> &buffers, PlanIoTimes &ioTimes,
                        std::optional<PlanWal> *wal)
{
    if (auto it = bufferKeys().constFind(key); it != bufferKeys().cend()) {
        const std::optional<qint64> number = integerValue(value);
        if (!number)
            return CounterRead::WrongType;
        if (!buffers)
            buffers.emplace();
        (*buffers).*(*it) = *number;
        return CounterRead::Read;
    }
    if (auto it = ioTimeKeys().constFind(key); it != ioTimeKeys().cend()) {
        const std::optional<double> number = realValue(value);
        if (!number)
            return CounterRead::WrongType;
        ioTimes.*(*it) = number;
        return CounterRead::Read;
    }
    if (!wal || !key.startsWith(u"WAL "))
        return CounterRead::NotACounter;
    qint64 PlanWal::*member = nullptr;
    if (key == u"WAL Records")
        member = &PlanWal::records;
    else if (key == u"WAL FPI")
        member = &PlanWal::fullPageImages;
    else if (key == u"WAL Bytes")
        member = &PlanWal::bytes;
    else if (key != u"WAL Buffers Full")
        return CounterRead::NotACounter;
    const std::optional<qint64> number = integerValue(value);
    if (!number)
        return CounterRead::WrongType;
    if (!*wal)
        wal->emplace();
    if (member)
        (**wal).*member = *number;
    else
        (*wal)->buffersFull = *number;
    return CounterRead::Read;
}

Result<void> readPlanNode(const QJsonObject &object, const QString &path, PlanNode &node)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (value.isNull())
            continue;
        if (key == u"Plans") {
            if (!value.isArray())
                return fieldError(path, key, u"a list of plan nodes"_s);
            const QJsonArray plans = value.toArray();
            node.children.resize(size_t(plans.size()));
            for (qsizetype i = 0; i < plans.size(); ++i) {
                const QString childPath = u"%1.Plans[%2]"_s.arg(path).arg(i);
                if (!plans.at(i).isObject())
                    return Error{u"A plan node is not a JSON object."_s, childPath, {}, {}, {}, -1};
                Result<void> child =
                    readPlanNode(plans.at(i).toObject(), childPath, node.children[size_t(i)]);
                if (!child)
                    return child;
            }
            continue;
        }
        if (key == u"Workers") {
            Result<void> workers = readWorkers(value, path, node.workers);
            if (!workers)
                return workers;
            continue;
        }
        const CounterRead counter = readCounter(key, value, node.buffers, node.ioTimes, &node.wal);
        if (counter == CounterRead::WrongType)
            return fieldError(path, key, u"a number"_s);
        if (counter == CounterRead::Read)
            continue;
        QString expected;
        const FieldRead read = applyField(nodeFieldTable(), node, key, value, expected);
        if (read == FieldRead::Unknown)
            node.extra.insert(key, value);
        else if (read == FieldRead::WrongType)
            return fieldError(path, key, expected);
    }
    if (node.nodeType.isEmpty())
        return Error{u"A plan node has no \"Node Type\"."_s, path, {}, {}, {}, -1};
    return {};
}

} // namespace mizzle::explain::detail
