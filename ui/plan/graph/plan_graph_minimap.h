#pragma once

#include <QGraphicsView>
#include <QPixmap>
#include <QTransform>

namespace mizzle {

// An overview of another view's whole scene, floating in that view's bottom-right corner. It
// outlines the part of the scene the main view shows, and keeps the outline in step as the main
// view scrolls, zooms, resizes or its scene changes. Pressing or dragging in it centres the main
// view on that point, which is how one gets around a plan of thousands of nodes.
// It shows the scene the main view has when it is made; it never takes the keyboard focus.
// Drawing the items of a 16,000-node plan takes it a quarter of a second, too slow to redo on
// every scroll step: so it paints a picture of them once, redraws the picture only where the
// scene changes, and its own scene is empty but for the main scene's rectangle, which keeps its
// coordinates those of the main scene.
class PlanGraphMinimap : public QGraphicsView
{
    Q_OBJECT
public:
    // The minimap becomes a child of main, which must already have its scene.
    explicit PlanGraphMinimap(QGraphicsView *main);

    // The scene area the main view shows, in scene coordinates: the frame the minimap draws.
    QRectF visibleSceneRect() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void followSceneRect(const QRectF &rect);
    void sceneChanged(const QList<QRectF> &regions);
    void paintPicture(const QRect &area);
    void fitScene();
    void placeInCorner();
    void followMain();
    void centreMainOn(const QPointF &viewportPos);

    QGraphicsView *m_main;
    QGraphicsScene *m_source;      // the main view's scene, which the picture shows
    QPixmap m_picture;             // the source as this view would draw it, viewport-sized
    QTransform m_pictureTransform; // the viewport transform it was drawn with
    QRectF m_frame; // the frame as last repainted, so that only what it leaves and enters redraws
};

} // namespace mizzle
