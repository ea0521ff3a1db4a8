#include "shell/work_area.h"

#include "shell/start_page.h"

#include <QColor>
#include <QFrame>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

WorkArea::WorkArea(QWidget *banner, QTabWidget *tabs, StartPage *start, QWidget *parent)
    : QWidget(parent)
    , m_band(new QFrame(this))
    , m_tabs(tabs)
    , m_start(start)
    , m_stack(new QStackedWidget(this))
{
    m_band->setObjectName(u"connectionBand"_s);
    m_band->setFixedHeight(4);
    m_band->hide();
    m_stack->addWidget(start);
    m_stack->addWidget(tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_band);
    layout->addWidget(banner);
    layout->addWidget(m_stack, 1);
    // A tab added or closed moves the current index; the last one closed leaves -1.
    connect(tabs, &QTabWidget::currentChanged, this, &WorkArea::follow);
    follow();
}

void WorkArea::setConnectionColor(const QString &color)
{
    const bool shown = QColor::isValidColorName(color);
    m_band->setVisible(shown);
    m_band->setStyleSheet(shown ? u"background: %1;"_s.arg(color) : QString());
    m_tabs->tabBar()->setStyleSheet(shown ? u"QTabBar { border-bottom: 3px solid %1; }"_s.arg(color)
                                          : QString());
}

bool WorkArea::showsStartPage() const
{
    return m_stack->currentWidget() == m_start;
}

void WorkArea::follow()
{
    m_stack->setCurrentWidget(m_tabs->count() == 0 ? static_cast<QWidget *>(m_start) : m_tabs);
}

} // namespace mizzle
