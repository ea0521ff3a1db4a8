#include "explain/plan_attribution.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

bool isGather(const PlanNode &node)
{
    return node.nodeType == u"Gather" || node.nodeType == u"Gather Merge";
}

bool isInitPlanOrSubPlan(const PlanNode &node)
{
    return node.parentRelationship == u"InitPlan" || node.parentRelationship == u"SubPlan";
}

// The divisor that turns a section's summed time into elapsed time (see NodeMetrics).
double sectionDivisor(const Plan &plan, const PlanNode &gather, const PlanNode &sectionRoot)
{
    const std::optional<double> loops = sectionRoot.actualLoops;
    const std::optional<double> time = sectionRoot.actualTotalTimeMs;
    // VERBOSE gives each worker's time; the leader's is what the workers leave of the sum.
    double workersTime = 0;
    double workersLoops = 0;
    double slowest = 0;
    int workers = 0;
    for (const PlanWorker &worker : sectionRoot.workers) {
        if (!worker.actualLoops || *worker.actualLoops <= 0 || !worker.actualTotalTimeMs)
            continue;
        const double workerTime = *worker.actualTotalTimeMs * *worker.actualLoops;
        ++workers;
        workersTime += workerTime;
        workersLoops += *worker.actualLoops;
        slowest = std::max(slowest, workerTime);
    }
    if (workers > 0 && loops && time) {
        const double total = *time * *loops;
        const bool leader = *loops - workersLoops > 0.5;
        if (leader)
            slowest = std::max(slowest, total - workersTime);
        if (slowest > 0)
            return std::clamp(total / slowest, 1.0, double(workers + (leader ? 1 : 0)));
    }
    const qint64 launched = gather.workersLaunched.value_or(gather.workersPlanned.value_or(0));
    // Every process runs the section's root once per execution of the Gather.
    if (loops && gather.actualLoops && *gather.actualLoops > 0) {
        const double processes = *loops / *gather.actualLoops;
        if (processes >= 1 && processes <= double(launched + 1))
            return processes;
    }
    bool leader = true;
    if (launched > 0 && gather.singleCopy.value_or(false))
        leader = false;
    for (const auto &[name, value] : plan.settings) {
        if (launched > 0 && name == u"parallel_leader_participation" && value == u"off")
            leader = false;
    }
    return double(std::max<qint64>(1, launched + (leader ? 1 : 0)));
}

// The end (exclusive) of each node's subtree in pre-order: node n's subtree is [n, end[n]).
std::vector<int> subtreeEnds(const std::vector<FlatPlanNode> &nodes)
{
    std::vector<int> end(nodes.size());
    for (int id = int(nodes.size()) - 1; id >= 0; --id) {
        const FlatPlanNode &node = nodes[size_t(id)];
        end[size_t(id)] = node.children.empty() ? id + 1 : end[size_t(node.children.back())];
    }
    return end;
}

std::vector<int> postOrder(const std::vector<FlatPlanNode> &nodes)
{
    std::vector<int> rank(nodes.size());
    int next = 0;
    std::vector<std::pair<int, size_t>> stack{{0, 0}};
    while (!stack.empty()) {
        auto &[id, child] = stack.back();
        const std::vector<int> &children = nodes[size_t(id)].children;
        if (child < children.size()) {
            const int childId = children[child++];
            stack.push_back({childId, 0});
        } else {
            rank[size_t(id)] = next++;
            stack.pop_back();
        }
    }
    return rank;
}

// Every node that names an InitPlan output, by key: "I<n>" for "(InitPlan n)", "$<n>" for a
// parameter. The greedy digits give the digit boundary: "$10" never counts as "$1".
QHash<QString, std::vector<int>> initPlanReferences(const std::vector<FlatPlanNode> &nodes)
{
    static const QRegularExpression reference(u"\\(InitPlan (\\d+)\\)|\\$(\\d+)"_s);
    QHash<QString, std::vector<int>> references;
    for (size_t id = 0; id < nodes.size(); ++id) {
        for (const QString &text : nodes[id].node->expressionTexts()) {
            if (!text.contains(u'$') && !text.contains(u"InitPlan"))
                continue;
            for (const QRegularExpressionMatch &match : reference.globalMatch(text)) {
                const QString key =
                    match.hasCaptured(1) ? u"I"_s + match.captured(1) : u"$"_s + match.captured(2);
                std::vector<int> &list = references[key];
                if (list.empty() || list.back() != int(id))
                    list.push_back(int(id));
            }
        }
    }
    return references;
}

// The reference keys an InitPlan's name gives: "InitPlan 2" (17) or "InitPlan 2 (returns $1,$2)".
QStringList initPlanKeys(const QString &subplanName)
{
    static const QRegularExpression number(u"^InitPlan (\\d+)"_s);
    static const QRegularExpression returns(u"\\$(\\d+)"_s);
    QStringList keys;
    const QRegularExpressionMatch match = number.match(subplanName);
    if (match.hasMatch())
        keys.append(u"I"_s + match.captured(1));
    const qsizetype returnsAt = subplanName.indexOf(u"returns");
    if (returnsAt >= 0) {
        for (const QRegularExpressionMatch &param : returns.globalMatch(subplanName, returnsAt))
            keys.append(u"$"_s + param.captured(1));
    }
    return keys;
}

struct Tree
{
    const std::vector<FlatPlanNode> &nodes;
    std::vector<int> end;
    bool contains(int ancestor, int node) const
    {
        return node >= ancestor && node < end[size_t(ancestor)];
    }
};

} // namespace

ParallelSections findParallelSections(const Plan &plan, const std::vector<FlatPlanNode> &nodes)
{
    ParallelSections sections;
    sections.gather.assign(nodes.size(), -1);
    sections.processes.assign(nodes.size(), 1.0);
    for (size_t id = 0; id < nodes.size(); ++id) {
        const PlanNode &gather = *nodes[id].node;
        if (!isGather(gather))
            continue;
        // InitPlans and SubPlans of the Gather itself run in the leader alone.
        for (const int root : nodes[id].children) {
            const PlanNode &sectionRoot = *nodes[size_t(root)].node;
            if (isInitPlanOrSubPlan(sectionRoot))
                continue;
            const double processes = sectionDivisor(plan, gather, sectionRoot);
            std::vector<int> pending{root};
            while (!pending.empty()) {
                const int member = pending.back();
                pending.pop_back();
                sections.gather[size_t(member)] = int(id);
                sections.processes[size_t(member)] = processes;
                pending.insert(pending.end(), nodes[size_t(member)].children.begin(),
                               nodes[size_t(member)].children.end());
            }
        }
    }
    return sections;
}

std::vector<Attribution> attributeTime(const std::vector<FlatPlanNode> &nodes,
                                       const ParallelSections &sections,
                                       const std::vector<std::optional<double>> &inclusive,
                                       const std::vector<double> &tolerance)
{
    std::vector<Attribution> attribution(nodes.size());
    if (nodes.empty())
        return attribution;
    const Tree tree{nodes, subtreeEnds(nodes)};
    const std::vector<int> rank = postOrder(nodes);
    QHash<QString, std::vector<int>> references;
    bool referencesIndexed = false;

    for (size_t id = 1; id < nodes.size(); ++id) {
        const int parent = nodes[id].parent;
        const PlanNode &node = *nodes[id].node;
        Attribution &result = attribution[id];
        result.charges = {Charge{parent, 1.0}};
        if (node.parentRelationship != u"InitPlan")
            continue;
        const auto outside = [&](int candidate) {
            return tree.contains(parent, candidate) && !tree.contains(int(id), candidate);
        };

        if (node.subplanName.startsWith(u"CTE ")) {
            const QString name = node.subplanName.mid(4);
            std::vector<int> scans;
            double total = 0;
            for (int other = parent; other < tree.end[size_t(parent)]; ++other) {
                const PlanNode &scan = *nodes[size_t(other)].node;
                if (outside(other) && scan.nodeType == u"CTE Scan" && scan.cteName == name) {
                    scans.push_back(other);
                    total += inclusive[size_t(other)].value_or(0);
                }
            }
            if (scans.empty() || total <= 0)
                continue;
            result.charges.clear();
            result.splitCte = true;
            for (const int scan : scans)
                result.charges.push_back({scan, inclusive[size_t(scan)].value_or(0) / total});
            continue;
        }

        if (!referencesIndexed) {
            references = initPlanReferences(nodes);
            referencesIndexed = true;
        }
        std::vector<int> candidates;
        for (const QString &key : initPlanKeys(node.subplanName)) {
            for (const int referrer : references.value(key)) {
                if (!outside(referrer))
                    continue;
                // A Gather evaluates the parameters its workers need before it starts them.
                const int gather = sections.gather[size_t(referrer)];
                const int target = gather >= 0 && tree.contains(parent, gather) ? gather : referrer;
                if (std::find(candidates.begin(), candidates.end(), target) == candidates.end())
                    candidates.push_back(target);
            }
        }
        if (candidates.empty())
            continue;
        std::sort(candidates.begin(), candidates.end(),
                  [&](int a, int b) { return rank[size_t(a)] < rank[size_t(b)]; });
        int target = candidates.front();
        if (const std::optional<double> own = inclusive[id]) {
            const auto holds = [&](int candidate) {
                return inclusive[size_t(candidate)].value_or(0) + tolerance[size_t(candidate)] +
                           tolerance[id] >=
                       *own;
            };
            const auto found = std::find_if(candidates.begin(), candidates.end(), holds);
            if (found != candidates.end()) {
                target = *found;
            } else {
                // Evaluated on the way into the node (a rescan's parameters, say): the time sits
                // in the nearest ancestor that can hold it.
                while (target != parent && !holds(target))
                    target = nodes[size_t(target)].parent;
            }
        }
        result.charges = {Charge{target, 1.0}};
    }
    return attribution;
}

} // namespace mizzle::explain::detail
