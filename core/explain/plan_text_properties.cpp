#include "explain/plan_text_properties.h"

#include "explain/plan_fields.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

std::optional<double> real(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<qint64> integer(QString text)
{
    text = text.trimmed();
    if (text.endsWith(u"kB"_s))
        text.chop(2);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// "name=value name=value", as Buffers, I/O Timings, WAL and Heap Blocks print their counts.
QHash<QString, QString> assignments(const QString &text)
{
    QHash<QString, QString> values;
    static const QRegularExpression pair(u"([A-Za-z/ ]*?)=([-0-9.]+)"_s);
    for (const QRegularExpressionMatch &match : pair.globalMatch(text))
        values.insert(match.captured(1).trimmed(), match.captured(2));
    return values;
}

// "N (originally M)": the two counts, the second the first when not given.
std::pair<std::optional<qint64>, std::optional<qint64>> withOriginal(const QString &text)
{
    static const QRegularExpression pattern(u"^(\\d+)(?: \\(originally (\\d+)\\))?$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    const std::optional<qint64> now = integer(match.captured(1));
    return {now, match.hasCaptured(2) ? integer(match.captured(2)) : now};
}

void readBuffers(const QString &value, std::optional<PlanBuffers> &buffers)
{
    if (!buffers)
        buffers.emplace();
    for (const QString &group : value.split(u", "_s)) {
        const QString kind = group.section(u' ', 0, 0);
        const QHash<QString, QString> counts = assignments(group.section(u' ', 1));
        const auto count = [&counts](const char *name) {
            return integer(counts.value(QLatin1StringView(name))).value_or(0);
        };
        if (kind == u"shared") {
            buffers->sharedHit = count("hit");
            buffers->sharedRead = count("read");
            buffers->sharedDirtied = count("dirtied");
            buffers->sharedWritten = count("written");
        } else if (kind == u"local") {
            buffers->localHit = count("hit");
            buffers->localRead = count("read");
            buffers->localDirtied = count("dirtied");
            buffers->localWritten = count("written");
        } else if (kind == u"temp") {
            buffers->tempRead = count("read");
            buffers->tempWritten = count("written");
        }
    }
}

// PostgreSQL 16 and later: "shared read=0.1 write=0.2, local read=..., temp read=..."; 15:
// "shared/local read=... write=..., temp ..."; 13 and 14: "read=... write=...".
void readIoTimings(const QString &value, PlanIoTimes &times)
{
    for (const QString &group : value.split(u", "_s)) {
        const QString kind = group.contains(u' ') ? group.section(u' ', 0, 0) : QString();
        const QHash<QString, QString> values =
            assignments(kind.isEmpty() ? group : group.mid(kind.size()));
        std::optional<double> PlanIoTimes::*read = &PlanIoTimes::readMs;
        std::optional<double> PlanIoTimes::*write = &PlanIoTimes::writeMs;
        if (kind == u"shared") {
            read = &PlanIoTimes::sharedReadMs;
            write = &PlanIoTimes::sharedWriteMs;
        } else if (kind == u"local") {
            read = &PlanIoTimes::localReadMs;
            write = &PlanIoTimes::localWriteMs;
        } else if (kind == u"temp") {
            read = &PlanIoTimes::tempReadMs;
            write = &PlanIoTimes::tempWriteMs;
        }
        if (values.contains(u"read"_s))
            times.*read = real(values.value(u"read"_s));
        if (values.contains(u"write"_s))
            times.*write = real(values.value(u"write"_s));
    }
}

// Incremental Sort's "Full-sort Groups: 3  Sort Method: quicksort  Average Memory: 26kB  Peak
// Memory: 26kB" as the object FORMAT JSON prints under the same key.
QJsonObject sortGroups(const QStringList &items)
{
    QJsonObject groups;
    QJsonObject memory;
    QJsonObject disk;
    for (const QString &item : items) {
        const QString key = item.section(u": "_s, 0, 0);
        const QString value = item.section(u": "_s, 1);
        if (key.endsWith(u"Groups"_s))
            groups.insert(u"Group Count"_s, double(integer(value).value_or(0)));
        else if (key.startsWith(u"Sort Method"_s))
            groups.insert(u"Sort Methods Used"_s, QJsonArray::fromStringList(value.split(u", "_s)));
        else if (key.endsWith(u"Memory"_s) || key.endsWith(u"Disk"_s))
            (key.endsWith(u"Memory"_s) ? memory : disk)
                .insert(key.startsWith(u"Average"_s) ? u"Average Sort Space Used"_s
                                                     : u"Peak Sort Space Used"_s,
                        double(integer(value).value_or(0)));
    }
    if (!memory.isEmpty())
        groups.insert(u"Sort Space Memory"_s, memory);
    if (!disk.isEmpty())
        groups.insert(u"Sort Space Disk"_s, disk);
    return groups;
}

// One "Key: value" item of the execution figures nodes and workers share.
bool readStatsItem(const QString &key, const QString &value, PlanExecutionStats &stats, bool hash)
{
    if (readCounterDetail(key, value, stats.buffers, stats.ioTimes, &stats.wal))
        return true;
    if (key == u"Sort Method") {
        stats.sortMethod = value;
    } else if (key == u"Memory" || key == u"Disk") {
        stats.sortSpaceType = key;
        stats.sortSpaceUsedKb = integer(value);
    } else if (key == u"Batches" && !hash) {
        stats.hashAggBatches = integer(value);
    } else if (key == u"Memory Usage") {
        stats.peakMemoryUsageKb = integer(value);
    } else if (key == u"Disk Usage") {
        stats.diskUsageKb = integer(value);
    } else if (key == u"Hits" || key == u"Misses" || key == u"Evictions" || key == u"Overflows") {
        std::optional<qint64> PlanExecutionStats::*member =
            key == u"Hits"        ? &PlanExecutionStats::cacheHits
            : key == u"Misses"    ? &PlanExecutionStats::cacheMisses
            : key == u"Evictions" ? &PlanExecutionStats::cacheEvictions
                                  : &PlanExecutionStats::cacheOverflows;
        stats.*member = integer(value);
    } else if (key == u"Heap Blocks") {
        const QHash<QString, QString> blocks = assignments(value);
        if (blocks.contains(u"exact"_s))
            stats.exactHeapBlocks = integer(blocks.value(u"exact"_s));
        if (blocks.contains(u"lossy"_s))
            stats.lossyHeapBlocks = integer(blocks.value(u"lossy"_s));
    } else {
        return false;
    }
    return true;
}

// Lines that print several "Key: value" items separated by two spaces.
bool isMultiItemLine(const QString &key)
{
    static const QStringList keys = {
        u"Sort Method"_s, u"Buckets"_s, u"Batches"_s,          u"Planned Partitions"_s,
        u"Hits"_s,        u"Storage"_s, u"Full-sort Groups"_s, u"Pre-sorted Groups"_s};
    return keys.contains(key);
}

void keepUnknown(QJsonObject &extra, const QString &key, const QString &value)
{
    if (key.isEmpty()) {
        QJsonArray lines = extra.value(u"Unparsed Lines"_s).toArray();
        lines.append(value);
        extra.insert(u"Unparsed Lines"_s, lines);
    } else {
        extra.insert(key, value);
    }
}

bool readNodeItem(const QString &key, const QString &value, PlanNode &node)
{
    const detail::FieldTable<PlanNode> &fields = detail::nodeFieldTable();
    const auto &texts = fields.texts;
    const auto &lists = fields.lists;
    const auto &reals = fields.reals;
    const auto &integers = fields.integers;
    const auto &flags = fields.flags;
    const bool hash = node.nodeType == u"Hash";
    if (const auto text = texts.constFind(key); text != texts.cend()) {
        node.*(*text) = value;
    } else if (const auto list = lists.constFind(key); list != lists.cend()) {
        // Grouping sets print one Group Key line per set; the first is the node's.
        if (!(node.*(*list)).isEmpty())
            return false;
        node.*(*list) = splitTopLevel(value);
    } else if (const auto number = reals.constFind(key); number != reals.cend()) {
        node.*(*number) = real(value);
    } else if (const auto count = integers.constFind(key); count != integers.cend()) {
        node.*(*count) = integer(value);
    } else if (const auto flag = flags.constFind(key); flag != flags.cend()) {
        node.*(*flag) = value == u"true";
    } else if (hash && (key == u"Buckets" || key == u"Batches")) {
        const auto [now, original] = withOriginal(value);
        (key == u"Buckets" ? node.hashBuckets : node.hashBatches) = now;
        (key == u"Buckets" ? node.originalHashBuckets : node.originalHashBatches) = original;
    } else if (key == u"Sampling") {
        static const QRegularExpression sampling(
            u"^(\\S+) \\((.*?)\\)(?: REPEATABLE \\((.*)\\))?$"_s);
        const QRegularExpressionMatch match = sampling.match(value);
        if (!match.hasMatch())
            return false;
        node.samplingMethod = match.captured(1);
        node.samplingParameters = splitTopLevel(match.captured(2));
        node.repeatableSeed = match.captured(3);
    } else {
        return readStatsItem(key, value, node, hash);
    }
    return true;
}

} // namespace

QStringList splitTopLevel(const QString &text)
{
    QStringList items;
    int depth = 0;
    QChar quote;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar(); // a doubled quote closes and reopens: the same in the end
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
        } else if (depth == 0 && c == u',' && i + 1 < text.size() && text.at(i + 1) == u' ') {
            items.append(text.mid(start, i - start));
            start = i + 2;
        }
    }
    items.append(text.mid(start));
    return items;
}

bool readCounterDetail(const QString &key, const QString &value,
                       std::optional<PlanBuffers> &buffers, PlanIoTimes &ioTimes,
                       std::optional<PlanWal> *wal)
{
    if (key == u"Buffers") {
        readBuffers(value, buffers);
    } else if (key == u"I/O Timings") {
        readIoTimings(value, ioTimes);
    } else if (key == u"WAL" && wal) {
        const QHash<QString, QString> counts = assignments(value);
        PlanWal &target = wal->emplace();
        target.records = integer(counts.value(u"records"_s)).value_or(0);
        target.fullPageImages = integer(counts.value(u"fpi"_s)).value_or(0);
        target.bytes = integer(counts.value(u"bytes"_s)).value_or(0);
        if (counts.contains(u"buffers full"_s))
            target.buffersFull = integer(counts.value(u"buffers full"_s));
    } else {
        return false;
    }
    return true;
}

void readNodeDetail(const QString &line, PlanNode &node)
{
    const qsizetype colon = line.indexOf(u": "_s);
    if (colon <= 0) {
        keepUnknown(node.extra, {}, line);
        return;
    }
    const QString firstKey = line.left(colon);
    if (firstKey == u"Full-sort Groups" || firstKey == u"Pre-sorted Groups") {
        node.extra.insert(firstKey, sortGroups(line.split(u"  "_s)));
        return;
    }
    const QStringList items =
        isMultiItemLine(firstKey) ? line.split(u"  "_s, Qt::SkipEmptyParts) : QStringList{line};
    for (const QString &item : items) {
        const QString key = item.section(u": "_s, 0, 0);
        const QString value = item.section(u": "_s, 1);
        if (!item.contains(u": "_s))
            keepUnknown(node.extra, {}, item);
        else if (!readNodeItem(key, value, node))
            keepUnknown(node.extra, key, value);
    }
}

void readWorkerDetail(const QString &line, PlanWorker &worker)
{
    if (line.isEmpty())
        return; // "Worker 1:" with its figures on the lines below
    static const QRegularExpression actual(
        u"^actual (?:time=([-0-9.]+)\\.\\.([-0-9.]+) )?rows=([0-9.]+) loops=([0-9.]+)$"_s);
    if (const QRegularExpressionMatch match = actual.match(line); match.hasMatch()) {
        if (match.hasCaptured(1)) {
            worker.actualStartupTimeMs = real(match.captured(1));
            worker.actualTotalTimeMs = real(match.captured(2));
        }
        worker.actualRows = real(match.captured(3));
        worker.actualLoops = real(match.captured(4));
        return;
    }
    const QString firstKey = line.section(u": "_s, 0, 0);
    if (firstKey == u"Full-sort Groups" || firstKey == u"Pre-sorted Groups") {
        worker.extra.insert(firstKey, sortGroups(line.split(u"  "_s)));
        return;
    }
    const QStringList items =
        isMultiItemLine(firstKey) ? line.split(u"  "_s, Qt::SkipEmptyParts) : QStringList{line};
    for (const QString &item : items) {
        const QString key = item.section(u": "_s, 0, 0);
        const QString value = item.section(u": "_s, 1);
        if (!item.contains(u": "_s))
            keepUnknown(worker.extra, {}, item);
        else if (!readStatsItem(key, value, worker, false))
            keepUnknown(worker.extra, key, value);
    }
}

} // namespace mizzle::explain::detail
