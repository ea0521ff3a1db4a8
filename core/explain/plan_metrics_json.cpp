#include "explain/plan_metrics_json.h"

#include "explain/plan_tree.h"

#include <cmath>

namespace mizzle::explain {

namespace {

// A writer that keeps keys in the documented order, which QJsonObject would sort.
class JsonWriter
{
public:
    QByteArray text;

    void key(const char *name)
    {
        if (!m_first)
            text.append(',');
        m_first = false;
        text.append('"').append(name).append("\":");
    }
    void open(char bracket)
    {
        text.append(bracket);
        m_first = true;
    }
    void close(char bracket)
    {
        text.append(bracket);
        m_first = false;
    }
    void separate()
    {
        if (!m_first)
            text.append(',');
        m_first = false;
    }
    void null() { text.append("null"); }
    void boolean(std::optional<bool> value)
    {
        value ? text.append(*value ? "true" : "false") : text.append("null");
    }
    void number(std::optional<double> value, bool round = false)
    {
        if (!value || !std::isfinite(*value)) {
            null();
            return;
        }
        double shown = round ? std::round(*value * 1000.0) / 1000.0 : *value;
        shown += 0.0; // no "-0"
        text.append(QByteArray::number(shown, 'g', QLocale::FloatingPointShortest));
    }
    void integer(qint64 value) { text.append(QByteArray::number(value)); }
    void string(const QString &value)
    {
        if (value.isEmpty()) {
            null();
            return;
        }
        text.append('"');
        for (const char c : value.toUtf8()) {
            switch (c) {
            case '"':
                text.append("\\\"");
                break;
            case '\\':
                text.append("\\\\");
                break;
            case '\n':
                text.append("\\n");
                break;
            case '\t':
                text.append("\\t");
                break;
            case '\r':
                text.append("\\r");
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    text.append("\\u00").append(
                        QByteArray::number(int(c), 16).rightJustified(2, '0'));
                else
                    text.append(c);
            }
        }
        text.append('"');
    }

private:
    bool m_first = true;
};

const char *directionName(EstimateDirection direction)
{
    switch (direction) {
    case EstimateDirection::Under:
        return "under";
    case EstimateDirection::Over:
        return "over";
    case EstimateDirection::None:
        break;
    }
    return "none";
}

void writeBuffers(JsonWriter &json, const std::optional<PlanBuffers> &buffers)
{
    if (!buffers) {
        json.null();
        return;
    }
    json.open('{');
    const std::pair<const char *, qint64> counts[] = {
        {"sharedHit", buffers->sharedHit},         {"sharedRead", buffers->sharedRead},
        {"sharedDirtied", buffers->sharedDirtied}, {"sharedWritten", buffers->sharedWritten},
        {"localHit", buffers->localHit},           {"localRead", buffers->localRead},
        {"localDirtied", buffers->localDirtied},   {"localWritten", buffers->localWritten},
        {"tempRead", buffers->tempRead},           {"tempWritten", buffers->tempWritten},
    };
    for (const auto &[name, count] : counts) {
        json.key(name);
        json.integer(count);
    }
    json.close('}');
}

void writeNode(JsonWriter &json, const PlanNode &node, const NodeMetrics &metrics)
{
    json.open('{');
    json.key("id");
    json.integer(metrics.id);
    json.key("parent");
    metrics.parent >= 0 ? json.integer(metrics.parent) : json.null();
    json.key("type");
    json.string(node.nodeType);
    json.key("relation");
    json.string(node.relationName);
    json.key("alias");
    json.string(node.alias);
    json.key("parentRelationship");
    json.string(node.parentRelationship);
    json.key("subplanName");
    json.string(node.subplanName);
    json.key("startupCost");
    json.number(node.startupCost);
    json.key("totalCost");
    json.number(node.totalCost);
    json.key("planRows");
    json.number(node.planRows);
    json.key("actualRows");
    json.number(node.actualRows);
    json.key("loops");
    json.number(node.actualLoops);
    json.key("inclusiveMs");
    json.number(metrics.inclusiveMs, true);
    json.key("exclusiveMs");
    json.number(metrics.exclusiveMs, true);
    json.key("estimateFactor");
    json.number(metrics.estimateFactor, true);
    json.key("estimateDirection");
    metrics.estimateDirection
        ? json.string(QString::fromLatin1(directionName(*metrics.estimateDirection)))
        : json.null();
    json.key("neverExecuted");
    json.boolean(metrics.neverExecuted);
    json.key("buffers");
    writeBuffers(json, metrics.exclusiveBuffers);
    json.close('}');
}

} // namespace

QByteArray planToMetricsJson(const Plan &plan, const PlanMetrics &metrics)
{
    JsonWriter json;
    json.open('{');
    json.key("planningMs");
    json.number(metrics.planningMs);
    json.key("executionMs");
    json.number(metrics.executionMs);
    json.key("nodes");
    json.open('[');
    const std::vector<FlatPlanNode> nodes = flattenPlan(plan.root);
    for (size_t id = 0; id < nodes.size() && id < metrics.nodes.size(); ++id) {
        json.separate();
        writeNode(json, *nodes[id].node, metrics.nodes[id]);
    }
    json.close(']');
    json.key("invariant");
    json.open('{');
    json.key("ok");
    json.boolean(metrics.invariant.ok);
    json.key("sumExclusiveMs");
    json.number(metrics.invariant.sumExclusiveMs, true);
    json.key("rootInclusiveMs");
    json.number(metrics.invariant.rootInclusiveMs, true);
    json.key("unattributedMs");
    json.number(metrics.invariant.unattributedMs, true);
    json.close('}');
    json.close('}');
    json.text.append('\n');
    return json.text;
}

} // namespace mizzle::explain
