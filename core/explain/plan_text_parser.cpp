#include "explain/plan_text_parser.h"

#include "explain/plan_text_lines.h"
#include "explain/plan_text_node_line.h"
#include "explain/plan_text_properties.h"
#include "explain/plan_text_summary.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

using detail::TextLine;

const QString textHint = u"Give the plan as EXPLAIN printed it, with its indentation."_s;

Error lineError(const TextLine &line, const QString &message)
{
    return Error{message, u"line %1"_s.arg(line.number), textHint, {}, {}, -1};
}

qsizetype indentOf(const QString &text)
{
    qsizetype indent = 0;
    while (indent < text.size() && text.at(indent) == u' ')
        ++indent;
    return indent;
}

// A node whose detail lines are being read.
struct OpenNode
{
    PlanNode *node = nullptr;
    qsizetype detailIndent = 0;   // where its detail lines and its children's arrows start
    PlanWorker *worker = nullptr; // the "Worker N:" block being read, if any
};

// "InitPlan 1 (returns $0)", "SubPlan 2", "CTE name": the line above an InitPlan, SubPlan or
// CTE's "->".
bool isSubplanLabel(const QString &text)
{
    static const QRegularExpression label(u"^(InitPlan \\d+.*|SubPlan \\d+.*|CTE \\S.*)$"_s);
    return !text.contains(u": "_s) && label.match(text).hasMatch();
}

// What FORMAT JSON prints as "Parent Relationship", which the text format leaves out: it
// follows from the parent's kind and the child's place.
void inferRelationships(PlanNode &root)
{
    static const QStringList memberParents = {u"Append"_s, u"Merge Append"_s, u"BitmapAnd"_s,
                                              u"BitmapOr"_s, u"Custom Scan"_s};
    std::vector<PlanNode *> pending{&root};
    while (!pending.empty()) {
        PlanNode &parent = *pending.back();
        pending.pop_back();
        int plain = 0;
        for (const PlanNode &child : parent.children)
            plain += child.subplanName.isEmpty() ? 1 : 0;
        int position = 0;
        for (PlanNode &child : parent.children) {
            pending.push_back(&child);
            if (!child.subplanName.isEmpty())
                continue;
            if (memberParents.contains(parent.nodeType) ||
                (parent.nodeType == u"ModifyTable" && plain > 1))
                child.parentRelationship = u"Member"_s;
            else if (parent.nodeType == u"Subquery Scan")
                child.parentRelationship = u"Subquery"_s;
            else
                child.parentRelationship = position == 0 ? u"Outer"_s : u"Inner"_s;
            ++position;
        }
    }
}

// What FORMAT JSON prints and the text format leaves out when it is zero or false: once the
// plan shows it was run with BUFFERS (or WAL), every executed node and worker without the line
// had zeros; filters that removed nothing, a Gather that is not Single Copy, and so on.
void inferOmittedValues(PlanNode &root)
{
    bool buffers = false;
    bool wal = false;
    std::vector<PlanNode *> nodes{&root};
    for (size_t i = 0; i < nodes.size(); ++i) {
        buffers = buffers || nodes[i]->buffers.has_value();
        wal = wal || nodes[i]->wal.has_value();
        for (PlanNode &child : nodes[i]->children)
            nodes.push_back(&child);
    }
    const auto zero = [](auto &value) {
        if (!value)
            value = 0;
    };
    for (PlanNode *node : nodes) {
        if (node->nodeType == u"Gather" && !node->singleCopy)
            node->singleCopy = false;
        if (node->nodeType == u"Aggregate" && node->startupCost &&
            (node->strategy == u"Hashed" || node->strategy == u"Mixed"))
            zero(node->plannedPartitions);
        if (!node->actualLoops)
            continue;
        if (buffers && !node->buffers)
            node->buffers.emplace();
        if (wal && !node->wal)
            node->wal.emplace();
        if (!node->filter.isEmpty())
            zero(node->rowsRemovedByFilter);
        if (!node->joinFilter.isEmpty())
            zero(node->rowsRemovedByJoinFilter);
        if (node->nodeType == u"Bitmap Heap Scan") {
            zero(node->exactHeapBlocks);
            zero(node->lossyHeapBlocks);
            if (!node->recheckCond.isEmpty())
                zero(node->rowsRemovedByIndexRecheck);
        }
        if (node->hashAggBatches)
            zero(node->diskUsageKb);
        for (PlanWorker &worker : node->workers) {
            if (buffers && !worker.buffers && worker.actualLoops)
                worker.buffers.emplace();
            if (worker.hashAggBatches)
                zero(worker.diskUsageKb);
        }
    }
}

PlanWorker &workerNumbered(PlanNode &node, int number)
{
    for (PlanWorker &worker : node.workers) {
        if (worker.workerNumber == number)
            return worker;
    }
    node.workers.emplace_back().workerNumber = number;
    return node.workers.back();
}

} // namespace

Result<Plan> parseTextPlan(const QByteArray &input)
{
    const QList<TextLine> lines = detail::planTextLines(input);
    if (lines.isEmpty())
        return Error{u"There is no plan: the text is empty."_s, {}, textHint, {}, {}, -1};
    Plan plan;
    qsizetype i = 0;
    // auto_explain starts with the query, which may run over several lines.
    if (lines.at(0).text.trimmed().startsWith(u"Query Text: "_s)) {
        plan.queryText = lines.at(0).text.trimmed().mid(12);
        for (i = 1; i < lines.size() && !detail::hasNodeLineFigures(lines.at(i).text); ++i)
            plan.queryText += u'\n' + lines.at(i).text;
        if (i == lines.size())
            return lineError(lines.last(), u"The query text is not followed by a plan."_s);
    }
    const TextLine &rootLine = lines.at(i);
    const qsizetype base = indentOf(rootLine.text);
    if (rootLine.text.trimmed().startsWith(u"->"_s) ||
        !detail::readNodeLine(rootLine.text, plan.root)) {
        return lineError(rootLine, u"The plan does not start with a plan node, such as "
                                   "\"Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\"."_s);
    }

    std::vector<OpenNode> open{{&plan.root, base + 2, nullptr}};
    QString label; // a subplan label waiting for its "->" line
    qsizetype labelIndent = -1;
    for (++i; i < lines.size(); ++i) {
        const TextLine &line = lines.at(i);
        const qsizetype indent = indentOf(line.text);
        const QString text = line.text.trimmed();
        if (indent <= base) {
            if (!label.isEmpty())
                return lineError(line, u"\"%1\" is not followed by its plan."_s.arg(label));
            if (indent < base)
                return lineError(line, u"This line is indented less than the plan's first line."_s);
            break; // the summary after the tree
        }
        if (text.startsWith(u"->"_s)) {
            // A child's arrow sits where its parent's details start, or two further under a
            // subplan label.
            const bool labelled = !label.isEmpty() && indent == labelIndent + 2;
            const qsizetype parentIndent = labelled ? labelIndent : indent;
            while (!open.empty() && open.back().detailIndent > parentIndent)
                open.pop_back();
            if (open.empty() || open.back().detailIndent != parentIndent)
                return lineError(line, u"This node is not indented under any other node."_s);
            PlanNode &child = open.back().node->children.emplace_back();
            open.back().worker = nullptr;
            if (!detail::readNodeLine(text.mid(2), child))
                return lineError(line, u"This line has an arrow but no plan node."_s);
            if (labelled) {
                child.subplanName = label;
                child.parentRelationship =
                    label.startsWith(u"SubPlan"_s) ? u"SubPlan"_s : u"InitPlan"_s;
            }
            label.clear();
            open.push_back({&child, indent + 6, nullptr});
            continue;
        }
        if (!label.isEmpty())
            return lineError(line, u"\"%1\" is not followed by its plan."_s.arg(label));
        while (open.size() > 1 && open.back().detailIndent > indent)
            open.pop_back();
        OpenNode &owner = open.back();
        if (owner.worker && indent == owner.detailIndent + 2) {
            detail::readWorkerDetail(text, *owner.worker);
            continue;
        }
        if (indent != owner.detailIndent)
            return lineError(line, u"This line is not indented like a detail of a node."_s);
        owner.worker = nullptr;
        static const QRegularExpression worker(u"^Worker (\\d+):\\s*(.*)$"_s);
        if (const QRegularExpressionMatch match = worker.match(text); match.hasMatch()) {
            owner.worker = &workerNumbered(*owner.node, match.captured(1).toInt());
            detail::readWorkerDetail(match.captured(2), *owner.worker);
        } else if (isSubplanLabel(text)) {
            label = text;
            labelIndent = indent;
        } else {
            detail::readNodeDetail(text, *owner.node);
        }
    }
    if (!label.isEmpty())
        return lineError(lines.last(), u"\"%1\" is not followed by its plan."_s.arg(label));
    inferRelationships(plan.root);
    inferOmittedValues(plan.root);
    Result<void> summary = detail::readTextSummary(lines, i, base, plan);
    if (!summary)
        return summary.error();
    return plan;
}

} // namespace mizzle::explain
