#include "common/error_banner.h"
#include "plan/explain_launcher.h"
#include "plan/plan_hints_panel.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Plans from elsewhere, opened without a connection: from a file or the clipboard, in JSON or as
// psql prints TEXT.
class TestPlanOpen : public QObject
{
    Q_OBJECT
private slots:
    void jsonPlanOpensInATabOfItsOwn();
    void psqlTextPlanOpensFromTheClipboard();
    void unreadablePlanSaysWhatAndWhere();

private:
    static QByteArray data(const QString &name);
};

QByteArray TestPlanOpen::data(const QString &name)
{
    QFile file(QStringLiteral(MIZZLE_TEST_DATA_DIR) + u"/plans/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestPlanOpen::jsonPlanOpensInATabOfItsOwn()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    const QByteArray json = data(u"pg17/hash_join.json"_s);
    QVERIFY(!json.isEmpty());
    PlanTab *tab = launcher.openPlanText(json, u"hash_join.json"_s);
    QCOMPARE(tabs.count(), 1);
    QCOMPARE(tabs.tabText(0), u"Plan: hash_join.json"_s);
    QVERIFY(tab->errorBanner()->isHidden());
    QCOMPARE(tab->model()->nodeCount(), 5);
    QVERIFY2(tab->model()->index(0, 0).data().toString().startsWith(u"HashAggregate"_s),
             qPrintable(tab->model()->index(0, 0).data().toString()));
    QCOMPARE(tab->rawText().toUtf8(), json);
    // The Raw page lays the text out only once it is looked at.
    QVERIFY(tab->rawView()->toPlainText().isEmpty());
    auto *pages = tab->findChild<QTabWidget *>();
    QVERIFY(pages);
    pages->setCurrentWidget(tab->rawView());
    QCOMPARE(tab->rawView()->toPlainText().toUtf8(), json);
    // No statement and no connection: nothing to run again or to try.
    QVERIFY(tab->findChild<QPushButton *>(u"rerunPlan"_s)->isHidden());
    QVERIFY(tab->hints()->tryIndexButton()->isHidden());
}

void TestPlanOpen::psqlTextPlanOpensFromTheClipboard()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    const QByteArray text = data(u"psql/aligned.txt"_s);
    QVERIFY(!text.isEmpty());
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    QAction *paste = launcher.actions().value(1);
    QVERIFY(paste);
    paste->trigger();
    QCOMPARE(tabs.count(), 1);
    auto *tab = qobject_cast<PlanTab *>(tabs.widget(0));
    QVERIFY(tab);
    QVERIFY2(tab->errorBanner()->isHidden(), qPrintable(tab->errorBanner()->text()));
    QVERIFY(tab->model()->nodeCount() >= 1);
    QCOMPARE(tabs.tabText(0), u"Plan: the clipboard"_s);
}

void TestPlanOpen::unreadablePlanSaysWhatAndWhere()
{
    QTabWidget tabs;
    ExplainLauncher launcher(&tabs);
    PlanTab *tab = launcher.openPlanText("[{\"Plan\": {\"Node Type\": ", u"broken.json"_s);
    QVERIFY(!tab->errorBanner()->isHidden());
    QVERIFY2(tab->errorBanner()->text().contains(u"broken.json"_s),
             qPrintable(tab->errorBanner()->text()));
    QCOMPARE(tab->model()->nodeCount(), 0);
}

QTEST_MAIN(TestPlanOpen)
#include "tst_plan_open.moc"
