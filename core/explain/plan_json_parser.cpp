#include "explain/plan_json_parser.h"

#include "explain/plan_fields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

using detail::fieldError;
using detail::integerValue;
using detail::realValue;

const QString jsonHint = u"Paste the output of EXPLAIN (FORMAT JSON) as psql or another client "
                         "prints it."_s;

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A whole line of decoration: the column header, its rule, the row count, an expanded record.
bool isDecorationLine(QByteArrayView line)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed == "QUERY PLAN")
        return true;
    if (!trimmed.isEmpty() && trimmed.front() == '-') {
        // "-------" under the header, or "-[ RECORD 1 ]------" in expanded mode.
        if (trimmed.startsWith("-[ RECORD "))
            return true;
        return std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c == '-'; });
    }
    static const QRegularExpression rowCount(u"^\\(\\d+ rows?\\)$"_s);
    return trimmed.startsWith('(') && rowCount.match(QString::fromLatin1(trimmed)).hasMatch();
}

// Line and column (both from 1, the column in characters) of a byte offset.
QString positionText(const QByteArray &text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const qsizetype lineStart = offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = text.left(lineStart).count('\n') + 1;
    const qsizetype column =
        QString::fromUtf8(text.constData() + lineStart, offset - lineStart).size() + 1;
    return u"line %1, column %2"_s.arg(line).arg(column);
}

Result<std::optional<PlanBuffers>> readCounterObject(const QJsonObject &object, const QString &path,
                                                     PlanIoTimes &ioTimes, QJsonObject &unknown)
{
    std::optional<PlanBuffers> buffers;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const detail::CounterRead read =
            detail::readCounter(it.key(), it.value(), buffers, ioTimes, nullptr);
        if (read == detail::CounterRead::WrongType)
            return fieldError(path, it.key(), u"a number"_s);
        if (read == detail::CounterRead::NotACounter)
            unknown.insert(it.key(), it.value());
    }
    return buffers;
}

Result<void> readPlanning(const QJsonObject &object, Plan &plan)
{
    QJsonObject unknown;
    auto buffers = readCounterObject(object, u"Planning"_s, plan.planningIoTimes, unknown);
    if (!buffers)
        return buffers.error();
    plan.planningBuffers = buffers.value();
    QJsonObject rest;
    for (auto it = unknown.begin(); it != unknown.end(); ++it) {
        std::optional<qint64> *target = nullptr;
        if (it.key() == u"Memory Used")
            target = &plan.planningMemoryUsedKb;
        else if (it.key() == u"Memory Allocated")
            target = &plan.planningMemoryAllocatedKb;
        if (!target) {
            rest.insert(it.key(), it.value());
            continue;
        }
        *target = integerValue(it.value());
        if (!*target)
            return fieldError(u"Planning"_s, it.key(), u"a number"_s);
    }
    if (!rest.isEmpty())
        plan.extra.insert(u"Planning"_s, rest);
    return {};
}

Result<void> readTriggers(const QJsonValue &value, Plan &plan)
{
    if (!value.isArray())
        return fieldError(u"Triggers"_s, u"Triggers"_s, u"a list of objects"_s);
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = u"Triggers[%1]"_s.arg(i);
        const QJsonObject object = array.at(i).toObject();
        PlanTrigger trigger;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            if (key == u"Trigger Name" || key == u"Constraint Name" || key == u"Relation") {
                if (!it.value().isString())
                    return fieldError(path, key, u"a string"_s);
                QString &text = key == u"Trigger Name"      ? trigger.name
                                : key == u"Constraint Name" ? trigger.constraintName
                                                            : trigger.relation;
                text = it.value().toString();
            } else if (key == u"Time" || key == u"Calls") {
                std::optional<double> &number = key == u"Time" ? trigger.timeMs : trigger.calls;
                number = realValue(it.value());
                if (!number)
                    return fieldError(path, key, u"a number"_s);
            } else {
                trigger.extra.insert(key, it.value());
            }
        }
        plan.triggers.append(trigger);
    }
    return {};
}

std::optional<bool> flag(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

PlanJit readJit(const QJsonObject &object)
{
    PlanJit jit;
    jit.raw = object;
    jit.functions = integerValue(object.value(u"Functions"));
    const QJsonObject options = object.value(u"Options").toObject();
    jit.inlining = flag(options, u"Inlining"_s);
    jit.optimization = flag(options, u"Optimization"_s);
    jit.expressions = flag(options, u"Expressions"_s);
    jit.deforming = flag(options, u"Deforming"_s);
    const QJsonObject timing = object.value(u"Timing").toObject();
    const QJsonValue generation = timing.value(u"Generation");
    if (generation.isObject()) {
        jit.generationMs = realValue(generation.toObject().value(u"Total"));
        jit.deformMs = realValue(generation.toObject().value(u"Deform"));
    } else {
        jit.generationMs = realValue(generation);
    }
    jit.inliningMs = realValue(timing.value(u"Inlining"));
    jit.optimizationMs = realValue(timing.value(u"Optimization"));
    jit.emissionMs = realValue(timing.value(u"Emission"));
    jit.totalMs = realValue(timing.value(u"Total"));
    return jit;
}

Result<void> readSerialization(const QJsonObject &object, Plan &plan)
{
    PlanSerialization serialization;
    QJsonObject unknown;
    PlanIoTimes ioTimes; // SERIALIZE prints no I/O timing today; anything else stays raw
    auto buffers = readCounterObject(object, u"Serialization"_s, ioTimes, unknown);
    if (!buffers)
        return buffers.error();
    serialization.buffers = buffers.value();
    for (auto it = unknown.begin(); it != unknown.end(); ++it) {
        if (it.key() == u"Time")
            serialization.timeMs = realValue(it.value());
        else if (it.key() == u"Output Volume")
            serialization.outputVolumeKb = integerValue(it.value());
        else if (it.key() == u"Format")
            serialization.format = it.value().toString();
        else
            serialization.extra.insert(it.key(), it.value());
    }
    plan.serialization = serialization;
    return {};
}

Result<Plan> readPlan(const QJsonObject &object)
{
    Plan plan;
    if (!object.contains(u"Plan") && object.contains(u"Node Type")) {
        Result<void> root = detail::readPlanNode(object, u"Plan"_s, plan.root);
        if (!root)
            return root.error();
        return plan;
    }
    if (!object.value(u"Plan").isObject())
        return Error{u"The JSON holds no \"Plan\" object."_s, {}, jsonHint, {}, {}, -1};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        Result<void> read;
        if (key == u"Plan") {
            read = detail::readPlanNode(value.toObject(), u"Plan"_s, plan.root);
        } else if (key == u"Planning Time" || key == u"Execution Time") {
            std::optional<double> &time =
                key == u"Planning Time" ? plan.planningTimeMs : plan.executionTimeMs;
            time = realValue(value);
            if (!time)
                read = fieldError(key, key, u"a number"_s);
        } else if (key == u"Planning" && value.isObject()) {
            read = readPlanning(value.toObject(), plan);
        } else if (key == u"Triggers") {
            read = readTriggers(value, plan);
        } else if (key == u"JIT" && value.isObject()) {
            plan.jit = readJit(value.toObject());
        } else if (key == u"Serialization" && value.isObject()) {
            read = readSerialization(value.toObject(), plan);
        } else if (key == u"Settings" && value.isObject()) {
            const QJsonObject settings = value.toObject();
            for (auto setting = settings.begin(); setting != settings.end(); ++setting)
                plan.settings.append({setting.key(), setting.value().toVariant().toString()});
        } else if (key == u"Query Text" && value.isString()) {
            plan.queryText = value.toString();
        } else if (key == u"Query Identifier" && (value.isDouble() || value.isString())) {
            const std::optional<qint64> id = integerValue(value);
            plan.queryIdentifier = id ? QString::number(*id) : value.toString();
        } else {
            plan.extra.insert(key, value);
        }
        if (!read)
            return read.error();
    }
    return plan;
}

} // namespace

QByteArray stripPsqlDecorations(const QByteArray &text)
{
    QByteArray result;
    result.reserve(text.size());
    qsizetype start = 0;
    qsizetype expandedPrefix = 0; // the width of "QUERY PLAN |" while in an expanded record
    // A UTF-8 byte order mark, as some editors save, is not JSON either.
    if (text.startsWith("\xEF\xBB\xBF")) {
        result.append("   ");
        start = 3;
    }
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        const bool lastLine = end < 0;
        if (lastLine)
            end = text.size();
        QByteArray line = text.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (isDecorationLine(line)) {
            line.clear();
            expandedPrefix = 0;
        } else {
            // Expanded mode puts "QUERY PLAN |" before the first line of the value, and blanks
            // up to the same "|" before the others.
            static const QRegularExpression expanded(u"^\\s*QUERY PLAN\\s*\\|"_s);
            const QRegularExpressionMatch match = expanded.match(QString::fromUtf8(line));
            if (match.hasMatch()) {
                expandedPrefix = match.capturedLength();
            } else if (expandedPrefix > 0 &&
                       !(line.size() >= expandedPrefix && line.at(expandedPrefix - 1) == '|' &&
                         line.left(expandedPrefix - 1).trimmed().isEmpty())) {
                expandedPrefix = 0;
            }
            if (expandedPrefix > 0)
                line.replace(0, expandedPrefix, QByteArray(expandedPrefix, ' '));
            // Aligned output ends every continued line with "+"; JSON never ends a line so.
            qsizetype last = line.size();
            while (last > 0 && isBlank(line.at(last - 1)))
                --last;
            if (last > 0 && line.at(last - 1) == '+')
                line.truncate(last - 1);
        }
        result.append(line);
        if (lastLine)
            break;
        result.append('\n');
        start = end + 1;
    }
    return result;
}

Result<QList<Plan>> parseJsonPlans(const QByteArray &json)
{
    const QByteArray text = stripPsqlDecorations(json);
    const qsizetype first = std::find_if_not(text.begin(), text.end(), isBlank) - text.begin();
    if (first == text.size())
        return Error{u"There is no plan: the text is empty."_s, {}, jsonHint, {}, {}, -1};
    if (text.at(first) != '[' && text.at(first) != '{') {
        return Error{u"The text is not a JSON plan: JSON plans start with [ or {."_s,
                     positionText(text, first),
                     u"Run EXPLAIN (FORMAT JSON) and give its output."_s,
                     {},
                     {},
                     -1};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt's offset is just past the character it could not use; point at that character.
        return Error{u"The plan is not valid JSON: %1."_s.arg(parseError.errorString()),
                     positionText(text, std::max(0, parseError.offset - 1)),
                     jsonHint,
                     {},
                     {},
                     -1};
    }
    QJsonArray entries;
    if (document.isArray())
        entries = document.array();
    else
        entries.append(document.object());
    if (entries.isEmpty())
        return Error{u"There is no plan: the JSON array is empty."_s, {}, jsonHint, {}, {}, -1};
    QList<Plan> plans;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject()) {
            return Error{u"The JSON array holds something other than a plan object."_s,
                         u"item %1 of the array"_s.arg(i + 1),
                         jsonHint,
                         {},
                         {},
                         -1};
        }
        Result<Plan> plan = readPlan(entries.at(i).toObject());
        if (!plan) {
            Error error = plan.error();
            if (entries.size() > 1)
                error.where = u"plan %1: %2"_s.arg(i + 1).arg(error.where);
            return error;
        }
        plans.append(std::move(plan).value());
    }
    return plans;
}

Result<Plan> parseJsonPlan(const QByteArray &json)
{
    Result<QList<Plan>> plans = parseJsonPlans(json);
    if (!plans)
        return plans.error();
    return std::move(plans.value().first());
}

} // namespace mizzle::explain
