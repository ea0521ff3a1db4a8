#pragma once

#include <QToolButton>

namespace mizzle {

namespace monitor {
class AlertWatch;
}

// The status bar's alert count: hidden while nothing is unread, the latest alert in its
// tooltip, and a click that opens the Monitor (where the log is, and which marks them read).
class AlertBadge : public QToolButton
{
    Q_OBJECT
public:
    explicit AlertBadge(QWidget *parent = nullptr);

    // nullptr when no session is open.
    void setWatch(monitor::AlertWatch *watch);

private:
    void refresh();

    monitor::AlertWatch *m_watch = nullptr;
    QMetaObject::Connection m_raised;
    QMetaObject::Connection m_unread;
};

} // namespace mizzle
