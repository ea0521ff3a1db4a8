#include "export/dependency_order.h"

#include <QHash>
#include <functional>
#include <queue>
#include <vector>

namespace mizzle {

QList<qsizetype> dependencyOrder(const QList<OrderItem> &items,
                                 const QList<std::pair<QString, QString>> &edges)
{
    const qsizetype count = items.size();
    QHash<QString, qsizetype> indexOf;
    for (qsizetype i = 0; i < count; ++i)
        indexOf.insert(items.at(i).key, i);
    std::vector<std::vector<qsizetype>> dependents(static_cast<size_t>(count));
    std::vector<int> waitingFor(static_cast<size_t>(count), 0);
    for (const auto &[dependent, dependency] : edges) {
        const auto from = indexOf.constFind(dependent);
        const auto to = indexOf.constFind(dependency);
        if (from == indexOf.cend() || to == indexOf.cend() || *from == *to)
            continue;
        dependents[size_t(*to)].push_back(*from);
        ++waitingFor[size_t(*from)];
    }

    using Entry = std::pair<int, qsizetype>; // (rank, index): the smallest goes first
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
    for (qsizetype i = 0; i < count; ++i) {
        if (waitingFor[size_t(i)] == 0)
            ready.push({items.at(i).rank, i});
    }
    std::vector<bool> placed(static_cast<size_t>(count), false);
    QList<qsizetype> order;
    order.reserve(count);
    while (order.size() < count) {
        qsizetype next = -1;
        if (!ready.empty()) {
            next = ready.top().second;
            ready.pop();
            if (placed[size_t(next)])
                continue;
        } else {
            // Only cycles are left: break one at its first item by rank and index.
            for (qsizetype i = 0; i < count; ++i) {
                if (!placed[size_t(i)] &&
                    (next < 0 || Entry{items.at(i).rank, i} < Entry{items.at(next).rank, next}))
                    next = i;
            }
        }
        placed[size_t(next)] = true;
        order.append(next);
        for (const qsizetype dependent : dependents[size_t(next)]) {
            if (--waitingFor[size_t(dependent)] == 0 && !placed[size_t(dependent)])
                ready.push({items.at(dependent).rank, dependent});
        }
    }
    return order;
}

} // namespace mizzle
