#pragma once

#include "explain/plan_node.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace mizzle::explain {

struct PlanTrigger
{
    QString name;
    QString constraintName;
    QString relation;
    std::optional<double> timeMs;
    std::optional<double> calls;
    QJsonObject extra;
};

struct PlanJit
{
    std::optional<qint64> functions;
    std::optional<bool> inlining;
    std::optional<bool> optimization;
    std::optional<bool> expressions;
    std::optional<bool> deforming;
    std::optional<double> generationMs; // PostgreSQL 17 also splits out deforming, below
    std::optional<double> deformMs;
    std::optional<double> inliningMs;
    std::optional<double> optimizationMs;
    std::optional<double> emissionMs;
    std::optional<double> totalMs;
    QJsonObject raw; // the whole "JIT" object as printed
};

// SERIALIZE (PostgreSQL 17): the cost of turning the result rows into protocol messages.
struct PlanSerialization
{
    std::optional<double> timeMs;
    std::optional<qint64> outputVolumeKb;
    QString format;
    std::optional<PlanBuffers> buffers;
    QJsonObject extra;
};

// One EXPLAIN result: the plan tree and what PostgreSQL prints around it.
struct Plan
{
    PlanNode root;
    std::optional<double> planningTimeMs;
    std::optional<double> executionTimeMs;
    std::optional<PlanBuffers> planningBuffers;
    PlanIoTimes planningIoTimes;
    std::optional<qint64> planningMemoryUsedKb; // MEMORY (PostgreSQL 17)
    std::optional<qint64> planningMemoryAllocatedKb;
    QList<PlanTrigger> triggers;
    std::optional<PlanJit> jit;
    std::optional<PlanSerialization> serialization;
    QList<std::pair<QString, QString>> settings; // SETTINGS: the GUCs that differ from default
    QString queryText;                           // auto_explain's "Query Text"
    QString queryIdentifier; // VERBOSE with compute_query_id, kept as text: it is a full int64
    QJsonObject extra;       // unknown top-level fields and unknown parts of "Planning"
};

} // namespace mizzle::explain
