#include "monitor/alert_badge.h"

#include "monitor/alert_watch.h"

namespace mizzle {

AlertBadge::AlertBadge(QWidget *parent)
    : QToolButton(parent)
{
    setAutoRaise(true);
    setStyleSheet(QStringLiteral("QToolButton { color: white; background: #c62828; "
                                 "border-radius: 8px; padding: 0 6px; }"));
    hide();
}

void AlertBadge::setWatch(monitor::AlertWatch *watch)
{
    disconnect(m_raised);
    disconnect(m_unread);
    m_watch = watch;
    if (watch) {
        m_raised = connect(watch, &monitor::AlertWatch::raised, this, &AlertBadge::refresh);
        m_unread = connect(watch, &monitor::AlertWatch::unreadChanged, this, &AlertBadge::refresh);
        connect(watch, &QObject::destroyed, this, [this, watch] {
            if (m_watch == watch)
                setWatch(nullptr);
        });
    }
    refresh();
}

void AlertBadge::refresh()
{
    const int unread = m_watch ? m_watch->unread() : 0;
    setVisible(unread > 0);
    setText(tr("⚠ %n alert(s)", nullptr, unread));
    if (m_watch && !m_watch->log().empty())
        setToolTip(tr("%1\nClick to open the Monitor.").arg(m_watch->log().back().message));
}

} // namespace mizzle
