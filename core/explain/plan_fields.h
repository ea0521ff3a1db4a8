#pragma once

#include "base/result.h"
#include "explain/plan_node.h"

#include <QHash>
#include <QJsonValue>
#include <QStringList>

// Internal to the plan parsers: how each JSON key (and TEXT property) maps onto the plan model.
namespace mizzle::explain::detail {

// Which member each known key lands in, by kind of value. Fields shared with workers are
// declared on PlanExecutionStats and converted to the owner's member pointers.
template <typename Owner> struct FieldTable
{
    QHash<QString, QString Owner::*> texts;
    QHash<QString, QStringList Owner::*> lists;
    QHash<QString, std::optional<bool> Owner::*> flags;
    QHash<QString, std::optional<double> Owner::*> reals;
    QHash<QString, std::optional<qint64> Owner::*> integers;
};

// A node's fields by their names in FORMAT JSON, which FORMAT TEXT prints the same way.
const FieldTable<PlanNode> &nodeFieldTable();

enum class CounterRead { NotACounter, Read, WrongType };

// Buffers, I/O timing and WAL keys, shared by nodes, workers, "Planning" and "Serialization".
// `wal` may be null where PostgreSQL never prints WAL counters.
CounterRead readCounter(const QString &key, const QJsonValue &value,
                        std::optional<PlanBuffers> &buffers, PlanIoTimes &ioTimes,
                        std::optional<PlanWal> *wal);

// Reads a node object and its subtree. `path` names the node in error messages ("Plan",
// "Plan.Plans[1]"); errors say which field of which node is wrong.
Result<void> readPlanNode(const QJsonObject &object, const QString &path, PlanNode &node);

// The number a JSON value holds, as PostgreSQL prints integers and floats.
std::optional<double> realValue(const QJsonValue &value);
std::optional<qint64> integerValue(const QJsonValue &value);

Error fieldError(const QString &path, const QString &key, const QString &expected);

} // namespace mizzle::explain::detail
