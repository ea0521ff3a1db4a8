#include "export/dependency_order.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestDependencyOrder : public QObject
{
    Q_OBJECT
private slots:
    void independentItemsGoByRankThenIndex();
    void anItemFollowsWhatItDependsOn();
    void edgesToUnknownKeysAreIgnored();
    void aCycleIsBrokenAtItsFirstItem();
};

namespace {

QStringList keysInOrder(const QList<OrderItem> &items,
                        const QList<std::pair<QString, QString>> &edges)
{
    QStringList keys;
    for (const qsizetype index : dependencyOrder(items, edges))
        keys.append(items.at(index).key);
    return keys;
}

} // namespace

void TestDependencyOrder::independentItemsGoByRankThenIndex()
{
    const QList<OrderItem> items{
        {u"table b"_s, 4}, {u"schema"_s, 0}, {u"table a"_s, 4}, {u"type"_s, 1}};
    QCOMPARE(keysInOrder(items, {}),
             (QStringList{u"schema"_s, u"type"_s, u"table b"_s, u"table a"_s}));
}

void TestDependencyOrder::anItemFollowsWhatItDependsOn()
{
    // A function (rank 2) returning a table's rows must follow the table (rank 4), and a view on
    // a view follows the view it reads, whatever their names.
    const QList<OrderItem> items{
        {u"f"_s, 2}, {u"t"_s, 4}, {u"view a"_s, 5}, {u"view b"_s, 5}, {u"u"_s, 4}};
    const QList<std::pair<QString, QString>> edges{
        {u"f"_s, u"t"_s}, {u"view a"_s, u"view b"_s}, {u"view b"_s, u"t"_s}};
    QCOMPARE(keysInOrder(items, edges),
             (QStringList{u"t"_s, u"f"_s, u"u"_s, u"view b"_s, u"view a"_s}));
}

void TestDependencyOrder::edgesToUnknownKeysAreIgnored()
{
    const QList<OrderItem> items{{u"a"_s, 0}, {u"b"_s, 0}};
    QCOMPARE(keysInOrder(items, {{u"a"_s, u"pg_catalog thing"_s}, {u"b"_s, u"b"_s}}),
             (QStringList{u"a"_s, u"b"_s}));
}

void TestDependencyOrder::aCycleIsBrokenAtItsFirstItem()
{
    const QList<OrderItem> items{{u"z"_s, 0}, {u"hen"_s, 1}, {u"egg"_s, 1}, {u"after"_s, 2}};
    const QList<std::pair<QString, QString>> edges{
        {u"hen"_s, u"egg"_s}, {u"egg"_s, u"hen"_s}, {u"after"_s, u"egg"_s}};
    QCOMPARE(keysInOrder(items, edges), (QStringList{u"z"_s, u"hen"_s, u"egg"_s, u"after"_s}));
}

QTEST_GUILESS_MAIN(TestDependencyOrder)
#include "tst_dependency_order.moc"
