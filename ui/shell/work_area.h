#pragma once

#include <QWidget>

class QFrame;
class QStackedWidget;
class QTabWidget;

namespace mizzle {

class StartPage;

// The window's right-hand side: a band in the connection's colour (a production profile's red
// stands out), the error banner, then the tabs, or the start page while no tab is open.
class WorkArea : public QWidget
{
    Q_OBJECT
public:
    WorkArea(QWidget *banner, QTabWidget *tabs, StartPage *start, QWidget *parent = nullptr);

    // "#rrggbb", or empty for none. The tab bar takes the colour too.
    void setConnectionColor(const QString &color);
    bool showsStartPage() const;

private:
    void follow();

    QFrame *m_band;
    QTabWidget *m_tabs;
    StartPage *m_start;
    QStackedWidget *m_stack;
};

} // namespace mizzle
