#include "explain/plan_text_summary.h"

#include "explain/plan_text_properties.h"

#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

std::optional<double> milliseconds(QString text)
{
    text = text.trimmed();
    if (text.endsWith(u" ms"_s))
        text.chop(3);
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<qint64> kilobytes(QString text)
{
    text = text.trimmed();
    if (text.endsWith(u"kB"_s))
        text.chop(2);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// "work_mem = '64kB', search_path = 'a, b'": the values are quoted as SQL literals.
void readSettings(const QString &value, Plan &plan)
{
    for (const QString &setting : splitTopLevel(value)) {
        const qsizetype equals = setting.indexOf(u" = "_s);
        if (equals < 0)
            continue;
        QString text = setting.mid(equals + 3);
        if (text.size() >= 2 && text.startsWith(u'\'') && text.endsWith(u'\''))
            text = text.mid(1, text.size() - 2).replace(u"''"_s, u"'"_s);
        plan.settings.append({setting.left(equals), text});
    }
}

// "Trigger RI_ConstraintTrigger_a_1 for constraint fk on users: time=1.250 calls=3"; without
// VERBOSE a constraint trigger's own name is left out.
bool readTrigger(const QString &line, Plan &plan)
{
    static const QRegularExpression trigger(
        u"^Trigger(?: (?!for constraint )(.+?))?(?: for constraint (.+?))?(?: on (.+?))?: "
        "(?:time=([0-9.]+) )?calls=([0-9]+)$"_s);
    const QRegularExpressionMatch match = trigger.match(line);
    if (!match.hasMatch())
        return false;
    PlanTrigger entry;
    entry.name = match.captured(1);
    entry.constraintName = match.captured(2);
    entry.relation = match.captured(3);
    if (match.hasCaptured(4))
        entry.timeMs = match.captured(4).toDouble();
    entry.calls = match.captured(5).toDouble();
    plan.triggers.append(entry);
    return true;
}

// The JIT block's lines, also kept as the object FORMAT JSON prints.
void readJitLine(const QString &key, const QString &value, PlanJit &jit)
{
    if (key == u"Functions") {
        jit.functions = kilobytes(value);
        jit.raw.insert(key, double(jit.functions.value_or(0)));
    } else if (key == u"Options") {
        QJsonObject options;
        for (const QString &option : value.split(u", "_s)) {
            const QString name = option.section(u' ', 0, 0);
            const bool on = option.section(u' ', 1) == u"true";
            options.insert(name, on);
            std::optional<bool> *flag = name == u"Inlining"       ? &jit.inlining
                                        : name == u"Optimization" ? &jit.optimization
                                        : name == u"Expressions"  ? &jit.expressions
                                        : name == u"Deforming"    ? &jit.deforming
                                                                  : nullptr;
            if (flag)
                *flag = on;
        }
        jit.raw.insert(key, options);
    } else if (key == u"Timing") {
        // "Generation 0.417 ms (Deform 0.091 ms), Inlining 0.000 ms, ..., Total 7.727 ms"
        QJsonObject timing;
        static const QRegularExpression part(
            u"(\\w+) ([0-9.]+) ms(?: \\(Deform ([0-9.]+) ms\\))?"_s);
        for (const QRegularExpressionMatch &match : part.globalMatch(value)) {
            const QString name = match.captured(1);
            const double ms = match.captured(2).toDouble();
            if (name == u"Generation") {
                jit.generationMs = ms;
                if (match.hasCaptured(3)) {
                    jit.deformMs = match.captured(3).toDouble();
                    timing.insert(name,
                                  QJsonObject{{u"Deform"_s, *jit.deformMs}, {u"Total"_s, ms}});
                    continue;
                }
            } else if (name == u"Inlining") {
                jit.inliningMs = ms;
            } else if (name == u"Optimization") {
                jit.optimizationMs = ms;
            } else if (name == u"Emission") {
                jit.emissionMs = ms;
            } else if (name == u"Total") {
                jit.totalMs = ms;
            }
            timing.insert(name, ms);
        }
        jit.raw.insert(key, timing);
    } else {
        jit.raw.insert(key, value);
    }
}

void readSerialization(const QString &value, PlanSerialization &serialization)
{
    static const QRegularExpression parts(
        u"^(?:time=([0-9.]+) ms  )?output=([0-9]+)kB  format=(\\w+)$"_s);
    const QRegularExpressionMatch match = parts.match(value);
    if (!match.hasMatch()) {
        serialization.extra.insert(u"Serialization"_s, value);
        return;
    }
    if (match.hasCaptured(1))
        serialization.timeMs = match.captured(1).toDouble();
    serialization.outputVolumeKb = match.captured(2).toLongLong();
    serialization.format = match.captured(3);
}

Error lineError(const TextLine &line, const QString &message)
{
    return Error{message,
                 u"line %1"_s.arg(line.number),
                 u"Give the plan as EXPLAIN printed it, with its indentation."_s,
                 {},
                 {},
                 -1};
}

} // namespace

Result<void> readTextSummary(const QList<TextLine> &lines, qsizetype from, qsizetype base,
                             Plan &plan)
{
    QString group; // the line at the root's indentation that the indented lines belong to
    for (qsizetype i = from; i < lines.size(); ++i) {
        const TextLine &line = lines.at(i);
        const qsizetype indent = line.text.size() - line.text.trimmed().size();
        const QString text = line.text.trimmed();
        const QString key = text.section(u": "_s, 0, 0);
        const QString value = text.contains(u": "_s) ? text.section(u": "_s, 1) : QString();
        if (indent < base)
            return lineError(line, u"This line is indented less than the plan's first line."_s);
        if (indent > base) {
            if (group == u"Planning") {
                if (key == u"Memory") {
                    static const QRegularExpression memory(
                        u"used=([0-9]+)kB\\s+allocated=([0-9]+)kB"_s);
                    const QRegularExpressionMatch match = memory.match(value);
                    if (match.hasMatch()) {
                        plan.planningMemoryUsedKb = match.captured(1).toLongLong();
                        plan.planningMemoryAllocatedKb = match.captured(2).toLongLong();
                    }
                } else if (!readCounterDetail(key, value, plan.planningBuffers,
                                              plan.planningIoTimes, nullptr)) {
                    plan.extra.insert(u"Planning "_s + key, value);
                }
            } else if (group == u"JIT" && plan.jit) {
                readJitLine(key, value, *plan.jit);
            } else if (group == u"Serialization" && plan.serialization) {
                PlanIoTimes ignored;
                if (!readCounterDetail(key, value, plan.serialization->buffers, ignored, nullptr))
                    plan.serialization->extra.insert(key, value);
            } else {
                return lineError(line, u"This line is indented like a detail of the plan, but "
                                       "it comes after the plan's summary lines."_s);
            }
            continue;
        }
        group = text.endsWith(u':') ? text.chopped(1) : key;
        if (text == u"Planning:" || text == u"JIT:") {
            if (text == u"JIT:")
                plan.jit.emplace();
        } else if (key == u"Planning Time" || key == u"Execution Time") {
            (key == u"Planning Time" ? plan.planningTimeMs : plan.executionTimeMs) =
                milliseconds(value);
        } else if (key == u"Settings") {
            readSettings(value, plan);
        } else if (key == u"Serialization") {
            readSerialization(value, plan.serialization.emplace());
        } else if (key == u"Query Identifier") {
            plan.queryIdentifier = value;
        } else if (!readTrigger(text, plan)) {
            plan.extra.insert(key, value);
        }
    }
    return {};
}

} // namespace mizzle::explain::detail
