#pragma once

#include "connection/connection_target.h"
#include "profile/connection_profile.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace mizzle {

class ConnectionManager;
class ProfileStore;

// File menu's connection actions: New Connection… (Ctrl+N) and Connect… open the connection
// manager; Recent Connections lists the profiles to connect with; Save Connection as Profile…
// turns the current connection (one opened from a URI, say) into a profile; Disconnect closes
// the session.
class ConnectionActions : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        std::function<void(const QString &filePath)> openProfile;
        std::function<void()> profilesChanged;
        std::function<std::optional<ConnectionTarget>()> currentTarget;
        std::function<void()> disconnect;
    };

    ConnectionActions(QWidget *window, ProfileStore *store, Hooks hooks);

    QList<QAction *> actions() const { return m_actions; }
    // Follows the session: Save as Profile and Disconnect need one.
    void setConnected(bool connected);
    ConnectionManager *manager() const;
    // Opens the manager (one at a time) on a new profile, or on the current connection's.
    ConnectionManager *openManager(bool newProfile, bool fromCurrent = false);

    // Fills Recent Connections as it opens, so that it is never out of date.
    void fillRecent();

private:
    QWidget *m_window;
    ProfileStore *m_store;
    Hooks m_hooks;
    QList<QAction *> m_actions;
    QMenu *m_recent;
    QAction *m_saveAsProfile;
    QAction *m_disconnect;
    QPointer<ConnectionManager> m_manager;
};

// A profile that reaches the same server as the target: its address, TLS settings and
// application_name, a password source of "ask" when the target carried a password (the
// password itself is never written), and the target's pool and read-only settings.
ConnectionProfile profileFromTarget(const ConnectionTarget &target);

} // namespace mizzle
