#pragma once

#include <QList>
#include <QString>
#include <utility>

namespace mizzle {

// One object to order: its key and the rank of its kind (schemas before types before functions
// before tables, say), which decides between objects that do not depend on each other.
struct OrderItem
{
    QString key;
    int rank = 0;
};

// The items' indexes in an order in which each comes after every item it depends on
// (dependent, dependency); among those free to go next, the lowest rank and then the earliest
// index goes first, so the order is stable. Edges naming keys not in items are ignored. A cycle
// is broken at its lowest-ranked, earliest item, which then goes before what it depends on:
// the statements that could close such a cycle (foreign keys) come after the data anyway.
QList<qsizetype> dependencyOrder(const QList<OrderItem> &items,
                                 const QList<std::pair<QString, QString>> &edges);

} // namespace mizzle
