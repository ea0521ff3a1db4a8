#include "plan/explain_launcher.h"
#include "plan/plan_diff_view.h"
#include "plan/plan_tab.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Compare Plans: two plan tabs matched node by node in a tab of their own.
class TestPlanDiffView : public QObject
{
    Q_OBJECT
private slots:
    void samePlanTwiceMatchesEveryNode();
    void differentPlansShowWhatChanged();
    void planlessTabsCannotBeCompared();

private:
    static QByteArray data(const QString &name);
    static QStringList column(const QTreeWidget *tree, int column);
};

QByteArray TestPlanDiffView::data(const QString &name)
{
    QFile file(QStringLiteral(MIZZLE_TEST_DATA_DIR) + u"/plans/pg17/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList TestPlanDiffView::column(const QTreeWidget *tree, int column)
{
    QStringList values;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        values << tree->topLevelItem(row)->text(column);
    return values;
}

void TestPlanDiffView::samePlanTwiceMatchesEveryNode()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    PlanTab *a = launcher.openPlanText(data(u"hash_join.json"_s), u"a.json"_s);
    PlanTab *b = launcher.openPlanText(data(u"hash_join.json"_s), u"b.json"_s);
    auto *view = qobject_cast<PlanDiffView *>(launcher.openComparison(a, b));
    QVERIFY(view);
    QCOMPARE(tabs.currentWidget(), view);
    QAbstractItemModelTester tester(view->tree()->model());
    QCOMPARE(view->tree()->topLevelItemCount(), 5);
    QCOMPARE(column(view->tree(), 2), QStringList(5, u"same"_s));
    QCOMPARE(column(view->tree(), 3).first(), QLocale().toString(0.0, 'f', 3));
    QVERIFY2(view->summary().contains(u"0 of 5 nodes differ"_s), qPrintable(view->summary()));
}

void TestPlanDiffView::differentPlansShowWhatChanged()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    PlanTab *a = launcher.openPlanText(data(u"hash_join.json"_s), u"a.json"_s);
    PlanTab *b = launcher.openPlanText(data(u"seq_scan_filter.json"_s), u"b.json"_s);
    auto *view = qobject_cast<PlanDiffView *>(launcher.openComparison(a, b));
    QVERIFY(view);
    const QStringList changes = column(view->tree(), 2);
    QVERIFY2(changes.contains(u"removed"_s) || changes.contains(u"added"_s) ||
                 changes.contains(u"changed"_s),
             qPrintable(changes.join(u", "_s)));
    QVERIFY(!view->summary().contains(u" 0 of "_s));
}

void TestPlanDiffView::planlessTabsCannotBeCompared()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    PlanTab *a = launcher.openPlanText(data(u"hash_join.json"_s), u"a.json"_s);
    PlanTab *broken = launcher.openPlanText("not a plan", u"broken"_s);
    QCOMPARE(launcher.openComparison(a, broken), nullptr);
    QCOMPARE(tabs.count(), 2);
}

QTEST_MAIN(TestPlanDiffView)
#include "tst_plan_diff_view.moc"
