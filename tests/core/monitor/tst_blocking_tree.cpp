#include "monitor/blocking_tree.h"

#include <QTest>

using namespace mizzle::monitor;

// Who waits on whom becomes a ranked list of root blockers, with counts of distinct sessions
// that hold even when sessions wait on several blockers or on each other.
class TestBlockingTree : public QObject
{
    Q_OBJECT
private slots:
    void nobodyWaitsNoRoots();
    void aChainHasOneRootCountingEveryone();
    void rootsAreRankedWorstFirst();
    void aSessionWaitingOnTwoBlockersIsCountedOnce();
    void aWaitCycleGetsOneRootMarkedAsACycle();
    void aBlockerNotInTheMapIsARoot();
    void repeatedBlockersCountOnce();
};

void TestBlockingTree::nobodyWaitsNoRoots()
{
    QVERIFY(blockingRoots({}).isEmpty());
    QVERIFY(blockingRoots({{10, {}}, {11, {}}}).isEmpty());
}

void TestBlockingTree::aChainHasOneRootCountingEveryone()
{
    // 30 waits on 20, which waits on 10.
    const QList<BlockingRoot> roots = blockingRoots({{20, {10}}, {30, {20}}});
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0].pid, 10);
    QCOMPARE(roots[0].direct, 1);
    QCOMPARE(roots[0].transitive, 2);
    QVERIFY(!roots[0].cycle);
}

void TestBlockingTree::rootsAreRankedWorstFirst()
{
    // 5 holds up one session; 7 holds up two directly; 3 holds up one that holds up two more.
    const QList<BlockingRoot> roots =
        blockingRoots({{6, {5}}, {8, {7}}, {9, {7}}, {4, {3}}, {11, {4}}, {12, {4}}});
    QCOMPARE(roots.size(), 3);
    QCOMPARE(roots[0].pid, 3);
    QCOMPARE(roots[0].transitive, 3);
    QCOMPARE(roots[0].direct, 1);
    QCOMPARE(roots[1].pid, 7);
    QCOMPARE(roots[1].transitive, 2);
    QCOMPARE(roots[1].direct, 2);
    QCOMPARE(roots[2].pid, 5);
    QCOMPARE(roots[2].transitive, 1);
}

void TestBlockingTree::aSessionWaitingOnTwoBlockersIsCountedOnce()
{
    // A diamond: 2 and 3 wait on 1; 4 waits on both 2 and 3.
    const QList<BlockingRoot> diamond = blockingRoots({{2, {1}}, {3, {1}}, {4, {2, 3}}});
    QCOMPARE(diamond.size(), 1);
    QCOMPARE(diamond[0].pid, 1);
    QCOMPARE(diamond[0].direct, 2);
    QCOMPARE(diamond[0].transitive, 3);

    // Two free blockers of one session are both roots; the tie goes to the lower pid.
    const QList<BlockingRoot> shared = blockingRoots({{9, {8, 7}}});
    QCOMPARE(shared.size(), 2);
    QCOMPARE(shared[0].pid, 7);
    QCOMPARE(shared[1].pid, 8);
    QCOMPARE(shared[1].transitive, 1);
}

void TestBlockingTree::aWaitCycleGetsOneRootMarkedAsACycle()
{
    // 1 and 2 wait on each other (a deadlock not yet detected), and 3 waits on 1.
    const QList<BlockingRoot> roots = blockingRoots({{1, {2}}, {2, {1}}, {3, {1}}});
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0].pid, 1);
    QVERIFY(roots[0].cycle);
    QCOMPARE(roots[0].direct, 2);
    QCOMPARE(roots[0].transitive, 2); // 2 and 3; 1 does not hold itself up

    // A bare cycle of three ends too, with its lowest pid as the root.
    const QList<BlockingRoot> ring = blockingRoots({{4, {5}}, {5, {6}}, {6, {4}}});
    QCOMPARE(ring.size(), 1);
    QCOMPARE(ring[0].pid, 4);
    QCOMPARE(ring[0].transitive, 2);
    QVERIFY(ring[0].cycle);
}

void TestBlockingTree::aBlockerNotInTheMapIsARoot()
{
    // pg_blocking_pids names pid 0 for a prepared transaction, which pg_stat_activity lacks.
    const QList<BlockingRoot> roots = blockingRoots({{42, {0}}, {43, {42}}});
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0].pid, 0);
    QCOMPARE(roots[0].transitive, 2);
    QVERIFY(!roots[0].cycle);
}

void TestBlockingTree::repeatedBlockersCountOnce()
{
    const QList<BlockingRoot> roots = blockingRoots({{2, {1, 1, 1}}});
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0].direct, 1);
    QCOMPARE(roots[0].transitive, 1);
}

QTEST_APPLESS_MAIN(TestBlockingTree)
#include "tst_blocking_tree.moc"
