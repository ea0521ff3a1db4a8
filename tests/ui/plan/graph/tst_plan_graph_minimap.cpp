#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "plan/graph/plan_graph_minimap.h"
#include "plan/graph/plan_graph_view.h"
#include "plan_samples.h"
#include "test_database.h"

#include <QImage>
#include <QPaintEvent>
#include <QPalette>
#include <QScrollBar>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The graph's minimap as a way around a plan: its frame follows what the main view shows, and
// pressing or dragging in it moves the main view.
class TestPlanGraphMinimap : public QObject
{
    Q_OBJECT
private slots:
    void frameCoversTheSceneWhenAllIsVisible();
    void frameFollowsZoomAndScroll();
    void refitsToANewPlan();
    void pressAndDragMoveTheMainView();
    void frameIsDrawnOnThePalette();
    void repaintsWhereTheFrameGoes();
    void pictureFollowsTheScene();
};

namespace {

// Hash Join (0): Seq Scan a (1), Hash (2): Seq Scan b (3).
const QString analyzed = u"hand/graph_hash_join.json"_s;

// A complete binary tree of nested loops, `depth` joins deep, over distinct tables: a plan far
// wider than any window, with no similar children to fold away.
QByteArray bushyNode(int depth, int &table)
{
    if (depth == 0)
        return R"json({"Node Type": "Seq Scan", "Relation Name": "t)json" +
               QByteArray::number(table++) + R"json(", "Plan Rows": 10})json";
    return R"json({"Node Type": "Nested Loop", "Join Type": "Inner", "Plan Rows": 10, "Plans": [)json" +
           bushyNode(depth - 1, table) + ',' + bushyNode(depth - 1, table) + "]}";
}

QByteArray bushy(int depth)
{
    int table = 0;
    return R"json([{"Plan": )json" + bushyNode(depth, table) + "}]";
}

QRectF shownByMain(const QGraphicsView &view)
{
    return view.mapToScene(view.viewport()->rect()).boundingRect();
}

bool near(const QRectF &a, const QRectF &b)
{
    return qAbs(a.left() - b.left()) <= 1 && qAbs(a.top() - b.top()) <= 1 &&
           qAbs(a.right() - b.right()) <= 1 && qAbs(a.bottom() - b.bottom()) <= 1;
}

QString describe(const QRectF &rect)
{
    return u"(%1, %2 %3×%4)"_s.arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

// A graph view on screen, showing a plan it shares the lifetime of.
struct ShownGraph
{
    explicit ShownGraph(explain::Plan shown)
        : plan(std::move(shown))
        , metrics(explain::derivePlanMetrics(plan))
    {
        view.resize(900, 600);
        view.setPlan(plan, metrics);
        view.show();
    }

    explain::Plan plan;
    explain::PlanMetrics metrics;
    PlanGraphView view;
};

// Collects where a widget paints.
class PaintRecorder : public QObject
{
public:
    QRegion painted;

    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return false;
    }
};

void TestPlanGraphMinimap::frameCoversTheSceneWhenAllIsVisible()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    PlanGraphMinimap *minimap = view.minimap();
    QCOMPARE(minimap->objectName(), u"planGraphMinimap"_s);
    QVERIFY(minimap->isVisible());
    const QRectF frame = minimap->visibleSceneRect();
    QVERIFY2(frame.contains(view.sceneRect()),
             qPrintable(describe(frame) + u" vs "_s + describe(view.sceneRect())));

    // The minimap sits inside the main view's bottom-right corner.
    QVERIFY(view.viewport()->geometry().contains(minimap->geometry()));
    QVERIFY(minimap->geometry().center().x() > view.viewport()->geometry().center().x());
    QVERIFY(minimap->geometry().center().y() > view.viewport()->geometry().center().y());

    view.clear();
    QVERIFY(!minimap->isVisible());
}

void TestPlanGraphMinimap::frameFollowsZoomAndScroll()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    const PlanGraphMinimap *minimap = view.minimap();
    const QRectF scene = view.sceneRect();

    view.scale(3, 3);
    QRectF frame = minimap->visibleSceneRect();
    QVERIFY2(near(frame, shownByMain(view)),
             qPrintable(describe(frame) + u" vs "_s + describe(shownByMain(view))));
    QVERIFY2(frame.width() < scene.width() && frame.height() < scene.height(),
             qPrintable(describe(frame) + u" vs "_s + describe(scene)));
    QVERIFY(scene.adjusted(-1, -1, 1, 1).contains(frame));

    // Scrolled to the far card, the frame goes with it.
    const QPointF far = view.cardRect(3).center();
    QVERIFY(!frame.contains(far));
    view.centerOn(far);
    frame = minimap->visibleSceneRect();
    QVERIFY(frame.contains(far));
    QVERIFY(near(frame, shownByMain(view)));

    // A wider window shows more of the scene.
    const double before = frame.width();
    view.resize(1200, 600);
    QVERIFY(view.viewport()->width() > 900);
    QVERIFY2(minimap->visibleSceneRect().width() > before + 50,
             qPrintable(describe(minimap->visibleSceneRect())));
}

void TestPlanGraphMinimap::refitsToANewPlan()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    const explain::Plan wide = test::parsedPlan(bushy(6));
    const explain::PlanMetrics wideMetrics = explain::derivePlanMetrics(wide);
    const PlanGraphMinimap *minimap = view.minimap();
    const QRect area = minimap->viewport()->rect();

    view.setPlan(wide, wideMetrics);
    QCOMPARE(view.cardCount(), 127);
    // The whole of the new plan fits, and it fills the minimap's width.
    const QRect drawn = minimap->mapFromScene(view.sceneRect()).boundingRect();
    QVERIFY2(area.adjusted(-1, -1, 1, 1).contains(drawn),
             qPrintable(describe(drawn) + u" in "_s + describe(area)));
    QVERIFY2(drawn.width() >= area.width() - 6, qPrintable(describe(drawn)));
    QVERIFY(near(minimap->visibleSceneRect(), shownByMain(view)));
}

void TestPlanGraphMinimap::pressAndDragMoveTheMainView()
{
    ShownGraph shown(test::parsedPlan(bushy(6)));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    PlanGraphMinimap *minimap = view.minimap();

    int leftmost = 0;
    int rightmost = 0;
    for (int id = 0; id < view.cardCount(); ++id) {
        if (view.cardRect(id).center().x() < view.cardRect(leftmost).center().x())
            leftmost = id;
        if (view.cardRect(id).center().x() > view.cardRect(rightmost).center().x())
            rightmost = id;
    }
    const QPointF left = view.cardRect(leftmost).center();
    const QPointF right = view.cardRect(rightmost).center();
    QVERIFY(!shownByMain(view).contains(left));
    QVERIFY(!shownByMain(view).contains(right));

    QTest::mousePress(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(left));
    QVERIFY2(shownByMain(view).contains(left),
             qPrintable(describe(shownByMain(view)) + u" lacks %1"_s.arg(left.x())));
    QVERIFY(!shownByMain(view).contains(right));
    QVERIFY(near(minimap->visibleSceneRect(), shownByMain(view)));

    QTest::mouseMove(minimap->viewport(), minimap->mapFromScene(right));
    QVERIFY2(shownByMain(view).contains(right),
             qPrintable(describe(shownByMain(view)) + u" lacks %1"_s.arg(right.x())));
    QVERIFY(!shownByMain(view).contains(left));
    QTest::mouseRelease(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(right));
}

void TestPlanGraphMinimap::frameIsDrawnOnThePalette()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    PlanGraphMinimap *minimap = view.minimap();
    const QColor window(0x20, 0x22, 0x25);
    QPalette dark = minimap->palette();
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    minimap->setPalette(dark);

    // An empty corner of the scene, tinted while the frame covers it.
    const QPointF probe = view.sceneRect().topLeft() + QPointF(16, 16);
    const auto pixel = [&] {
        return minimap->viewport()->grab().toImage().pixelColor(minimap->mapFromScene(probe));
    };
    QVERIFY(minimap->visibleSceneRect().contains(probe));
    QVERIFY2(pixel() != window, qPrintable(pixel().name()));

    view.scale(3, 3);
    view.centerOn(view.cardRect(3).center());
    QVERIFY(!minimap->visibleSceneRect().contains(probe));
    QCOMPARE(pixel().name(), window.name());
}

void TestPlanGraphMinimap::repaintsWhereTheFrameGoes()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    PlanGraphMinimap *minimap = view.minimap();
    PaintRecorder recorder;
    minimap->viewport()->installEventFilter(&recorder);
    // Where the frame is drawn now must be repainted, whatever moved it. One round of events
    // repaints the main view, which sets off the minimap's repaint in the next.
    const auto repaintedFrame = [&] {
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        const QRect frame = minimap->mapFromScene(minimap->visibleSceneRect()).boundingRect() &
                            minimap->viewport()->rect();
        return (QRegion(frame) - recorder.painted).isEmpty();
    };
    const auto settle = [&] {
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        recorder.painted = {};
    };

    settle();
    view.scale(3, 3);
    QVERIFY(repaintedFrame());
    settle();
    view.centerOn(view.cardRect(3).center());
    QVERIFY(repaintedFrame());
    settle();
    view.resize(700, 500);
    QVERIFY(repaintedFrame());

    // Zooming out while the whole plan fits moves no scroll bar, yet the frame grows.
    view.resetTransform();
    view.resize(1200, 900);
    settle();
    QCOMPARE(view.horizontalScrollBar()->maximum(), 0);
    view.scale(0.8, 0.8);
    QCOMPARE(view.horizontalScrollBar()->maximum(), 0);
    QVERIFY(repaintedFrame());
}

void TestPlanGraphMinimap::pictureFollowsTheScene()
{
    ShownGraph shown(test::planFile(analyzed));
    QVERIFY(QTest::qWaitForWindowExposed(&shown.view));
    PlanGraphView &view = shown.view;
    PlanGraphMinimap *minimap = view.minimap();
    // A spot of the card with no text on it, which selection fills with another colour.
    const QPoint spot = minimap->mapFromScene(view.cardRect(3).topRight() + QPointF(-15, 20));
    const auto pixel = [&] { return minimap->viewport()->grab().toImage().pixelColor(spot); };
    const QColor before = pixel();
    QVERIFY2(before != minimap->palette().color(QPalette::Window), qPrintable(before.name()));
    view.setSelectedNode(3);
    // The scene reports its changes once control is back in the event loop.
    QCoreApplication::processEvents();
    QVERIFY2(pixel() != before, qPrintable(before.name()));
}

QTEST_MAIN(TestPlanGraphMinimap)
#include "tst_plan_graph_minimap.moc"
