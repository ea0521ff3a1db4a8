#pragma once

#include "explain/plan_node.h"

#include <QString>
#include <QStringList>

// Internal to the TEXT plan parser: the detail lines under a node ("Filter: (a > 1)",
// "Buckets: 1024  Batches: 1  Memory Usage: 9kB", "Buffers: shared hit=3 read=2"), read into
// the fields FORMAT JSON would fill.
namespace mizzle::explain::detail {

// A node's detail line, trimmed. Lines this parser does not know are kept in `extra`: under
// their key as text, or, without a key, in the "Unparsed Lines" list.
void readNodeDetail(const QString &line, PlanNode &node);

// A line of a "Worker N:" block: "actual time=... rows=... loops=...", or one of the execution
// figures a worker has (sorts, hash aggregation, memoize, buffers, I/O timing, WAL).
void readWorkerDetail(const QString &line, PlanWorker &worker);

// "Buffers: ...", "I/O Timings: ..." and "WAL: ..." values, for nodes, workers, planning and
// serialization. Returns false for another key. `wal` may be null.
bool readCounterDetail(const QString &key, const QString &value,
                       std::optional<PlanBuffers> &buffers, PlanIoTimes &ioTimes,
                       std::optional<PlanWal> *wal);

// "a, f(b, c), 'x, y'" split at the commas that separate items, outside parentheses, brackets
// and quotes.
QStringList splitTopLevel(const QString &text);

} // namespace mizzle::explain::detail
