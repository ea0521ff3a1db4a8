#include "monitor/blocking_tree.h"

#include <QSet>
#include <algorithm>

namespace mizzle::monitor {

namespace {

using Waiters = QHash<int, QList<int>>; // blocker -> sessions waiting on it directly

// Everyone held up by `pid`, through any chain of waits; a visited set keeps cycles finite.
QSet<int> heldUpBy(const Waiters &waiters, int pid)
{
    QSet<int> reached;
    QList<int> frontier{pid};
    while (!frontier.isEmpty()) {
        const int next = frontier.takeLast();
        for (int waiter : waiters.value(next)) {
            if (waiter != pid && !reached.contains(waiter)) {
                reached.insert(waiter);
                frontier.append(waiter);
            }
        }
    }
    return reached;
}

bool worseFirst(const BlockingRoot &a, const BlockingRoot &b)
{
    if (a.transitive != b.transitive)
        return a.transitive > b.transitive;
    if (a.direct != b.direct)
        return a.direct > b.direct;
    return a.pid < b.pid;
}

} // namespace

QList<BlockingRoot> blockingRoots(const QHash<int, QList<int>> &blockedBy)
{
    Waiters waiters;
    for (auto it = blockedBy.cbegin(); it != blockedBy.cend(); ++it) {
        for (int blocker : it.value()) {
            QList<int> &list = waiters[blocker];
            // A parallel query's workers can make the same blocker appear more than once.
            if (blocker != it.key() && !list.contains(it.key()))
                list.append(it.key());
        }
    }
    QList<int> blockers = waiters.keys();
    std::sort(blockers.begin(), blockers.end());

    QHash<int, QSet<int>> reach;
    for (int blocker : blockers)
        reach.insert(blocker, heldUpBy(waiters, blocker));
    const auto rootOf = [&](int pid, bool cycle) {
        return BlockingRoot{
            pid, int(waiters.value(pid).size()), int(reach.value(pid).size()), cycle, {}};
    };

    QList<BlockingRoot> roots;
    QSet<int> covered;
    for (int blocker : blockers) {
        if (blockedBy.value(blocker).isEmpty()) {
            roots.append(rootOf(blocker, false));
            covered.unite(reach.value(blocker));
            covered.insert(blocker);
        }
    }
    // What no free root reaches waits in a cycle: take its worst member as the root, repeatedly,
    // until every blocker belongs to some root's tree.
    while (true) {
        std::optional<BlockingRoot> worst;
        for (int blocker : blockers) {
            if (covered.contains(blocker))
                continue;
            const BlockingRoot candidate = rootOf(blocker, true);
            if (!worst || worseFirst(candidate, *worst))
                worst = candidate;
        }
        if (!worst)
            break;
        roots.append(*worst);
        covered.unite(reach.value(worst->pid));
        covered.insert(worst->pid);
    }
    std::sort(roots.begin(), roots.end(), worseFirst);
    return roots;
}

} // namespace mizzle::monitor
