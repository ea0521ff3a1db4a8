#include "plan/graph/plan_graph_minimap.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegion>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr QSize minimapSize(180, 120);
constexpr int cornerMargin = 8;
// Past this many separate changes at once (a new plan adds thousands of items), one repaint of
// the whole picture is cheaper than one per change.
constexpr int maxPartialRepaints = 16;

} // namespace

PlanGraphMinimap::PlanGraphMinimap(QGraphicsView *main)
    : QGraphicsView(main)
    , m_main(main)
    , m_source(main->scene())
{
    setObjectName(u"planGraphMinimap"_s);
    setScene(new QGraphicsScene(m_source->sceneRect(), this));
    // Clicks navigate rather than reach the items, and the keyboard stays with the main view.
    setInteractive(false);
    setFocusPolicy(Qt::NoFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    viewport()->setCursor(Qt::PointingHandCursor);
    resize(minimapSize);
    hide();
    connect(m_source, &QGraphicsScene::sceneRectChanged, this, &PlanGraphMinimap::followSceneRect);
    connect(m_source, &QGraphicsScene::changed, this, &PlanGraphMinimap::sceneChanged);
    // Every scroll, zoom, resize or new plan ends in a repaint of the main viewport, while a
    // zoom of a scene smaller than the viewport moves no scroll bar: so the repaint is the
    // one signal that catches them all.
    m_main->viewport()->installEventFilter(this);
}

QRectF PlanGraphMinimap::visibleSceneRect() const
{
    return m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
}

bool PlanGraphMinimap::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if ((type == QEvent::Resize || type == QEvent::Paint) && watched == m_main->viewport()) {
        if (type == QEvent::Resize)
            placeInCorner();
        followMain();
    }
    return QGraphicsView::eventFilter(watched, event);
}

void PlanGraphMinimap::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().window());
    const qreal ratio = viewport()->devicePixelRatio();
    const QSize size = viewport()->size() * ratio;
    if (m_picture.size() != size || m_pictureTransform != viewportTransform()) {
        m_picture = QPixmap(size);
        m_picture.setDevicePixelRatio(ratio);
        m_picture.fill(Qt::transparent); // the palette's background shows through
        m_pictureTransform = viewportTransform();
        paintPicture(viewport()->rect());
    }
    painter->save();
    painter->resetTransform();
    painter->drawPixmap(0, 0, m_picture);
    painter->restore();
}

void PlanGraphMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF frame = visibleSceneRect();
    if (frame.isEmpty())
        return;
    QColor fill = palette().color(QPalette::Highlight);
    QPen pen(fill, 1.5);
    pen.setCosmetic(true); // as thick however far the minimap is zoomed out
    fill.setAlpha(60);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRect(frame);
}

void PlanGraphMinimap::mousePressEvent(QMouseEvent *event)
{
    // Other buttons are swallowed too: passed on, they would start a pan in the main view.
    event->accept();
    if (event->button() == Qt::LeftButton)
        centreMainOn(event->position());
}

void PlanGraphMinimap::mouseMoveEvent(QMouseEvent *event)
{
    event->accept();
    if (event->buttons() & Qt::LeftButton)
        centreMainOn(event->position());
}

void PlanGraphMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fitScene();
}

void PlanGraphMinimap::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    placeInCorner();
    fitScene();
}

void PlanGraphMinimap::followSceneRect(const QRectF &rect)
{
    scene()->setSceneRect(rect);
    fitScene();
}

void PlanGraphMinimap::sceneChanged(const QList<QRectF> &regions)
{
    // A picture drawn with another transform is redrawn whole at the next paint anyway.
    if (m_picture.isNull() || m_pictureTransform != viewportTransform())
        return;
    QRegion dirty;
    for (const QRectF &region : regions)
        dirty += mapFromScene(region).boundingRect().adjusted(-1, -1, 1, 1);
    dirty &= viewport()->rect();
    if (dirty.rectCount() > maxPartialRepaints) {
        m_picture = QPixmap();
        viewport()->update();
        return;
    }
    for (const QRect &area : dirty)
        paintPicture(area);
    viewport()->update(dirty);
}

void PlanGraphMinimap::paintPicture(const QRect &area)
{
    QPainter painter(&m_picture);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.fillRect(area, Qt::transparent);
    painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
    painter.setClipRect(area);
    m_source->render(&painter, QRectF(area), mapToScene(area).boundingRect(),
                     Qt::IgnoreAspectRatio);
}

void PlanGraphMinimap::fitScene()
{
    fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void PlanGraphMinimap::placeInCorner()
{
    const QRect area = m_main->viewport()->geometry();
    move(area.right() - width() - cornerMargin, area.bottom() - height() - cornerMargin);
}

void PlanGraphMinimap::followMain()
{
    const QRectF frame = visibleSceneRect();
    if (frame == m_frame)
        return;
    // Only where the frame was and where it is now need repainting.
    const auto onScreen = [this](const QRectF &rect) {
        return mapFromScene(rect).boundingRect().adjusted(-2, -2, 2, 2);
    };
    const QRegion dirty = QRegion(onScreen(m_frame)).united(onScreen(frame));
    m_frame = frame;
    viewport()->update(dirty);
}

void PlanGraphMinimap::centreMainOn(const QPointF &viewportPos)
{
    m_main->centerOn(mapToScene(viewportPos.toPoint()));
}

} // namespace mizzle
