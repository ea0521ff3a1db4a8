#include "shell/connection_actions.h"

#include "connections/connection_manager.h"
#include "profile/profile_store.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace mizzle {

ConnectionProfile profileFromTarget(const ConnectionTarget &target)
{
    ConnectionProfile profile;
    const ConnectionParameters &parameters = target.parameters;
    profile.name = target.displayName;
    profile.color = target.color;
    profile.host = parameters.value(u"host"_s);
    profile.port = parameters.value(u"port"_s).toInt();
    profile.dbname = parameters.value(u"dbname"_s);
    profile.user = parameters.value(u"user"_s);
    profile.service = parameters.value(u"service"_s);
    if (!profile.service.isEmpty()) {
        // A service names the server itself; the profile format takes one form or the other.
        profile.host.clear();
        profile.port = 0;
        profile.dbname.clear();
        profile.user.clear();
    }
    profile.sslmode = parameters.value(u"sslmode"_s);
    profile.sslrootcert = parameters.value(u"sslrootcert"_s);
    profile.sslcert = parameters.value(u"sslcert"_s);
    profile.sslkey = parameters.value(u"sslkey"_s);
    const QString applicationName = parameters.value(u"application_name"_s);
    if (applicationName != u"Mizzle")
        profile.applicationName = applicationName;
    if (parameters.contains(u"password"_s))
        profile.password.kind = PasswordSource::Kind::Prompt;
    profile.pool = target.pool;
    profile.readOnly = target.readOnly;
    profile.readOnlyRole = target.readOnlyRole;
    return profile;
}

ConnectionActions::ConnectionActions(QWidget *window, ProfileStore *store, Hooks hooks)
    : QObject(window)
    , m_window(window)
    , m_store(store)
    , m_hooks(std::move(hooks))
{
    QAction *newConnection = new QAction(tr("&New Connection…"), this);
    newConnection->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(newConnection, &QAction::triggered, this, [this] { openManager(true); });
    QAction *manage = new QAction(tr("&Connect…"), this);
    manage->setToolTip(tr("The connection manager: choose, edit or test a profile"));
    connect(manage, &QAction::triggered, this, [this] { openManager(false); });
    // Recent connections: the profiles opened lately from elsewhere, then the folder's own.
    m_recent = new QMenu(tr("&Recent Connections"), window);
    connect(m_recent, &QMenu::aboutToShow, this, &ConnectionActions::fillRecent);
    m_saveAsProfile = new QAction(tr("Save Connection as &Profile…"), this);
    connect(m_saveAsProfile, &QAction::triggered, this, [this] { openManager(true, true); });
    m_disconnect = new QAction(tr("&Disconnect"), this);
    connect(m_disconnect, &QAction::triggered, this, [this] { m_hooks.disconnect(); });
    m_actions = {newConnection, manage, m_recent->menuAction(), m_saveAsProfile, m_disconnect};
    setConnected(false);
}

void ConnectionActions::setConnected(bool connected)
{
    m_saveAsProfile->setEnabled(connected);
    m_disconnect->setEnabled(connected);
}

void ConnectionActions::fillRecent()
{
    m_recent->clear();
    QStringList files = m_store->recentFiles();
    for (const Result<ParsedProfile> &profile : m_store->loadAll()) {
        if (profile && !files.contains(profile->profile.filePath))
            files.append(profile->profile.filePath);
    }
    for (const QString &file : std::as_const(files).mid(0, ProfileStore::maxRecentFiles)) {
        const Result<ParsedProfile> profile = loadProfileFile(file);
        const QString name = profile ? profile->profile.name : QFileInfo(file).fileName();
        m_recent->addAction(name, this, [this, file] { m_hooks.openProfile(file); })
            ->setToolTip(file);
    }
    if (files.isEmpty())
        m_recent->addAction(tr("No profiles yet"))->setEnabled(false);
}

ConnectionManager *ConnectionActions::manager() const
{
    return m_manager;
}

ConnectionManager *ConnectionActions::openManager(bool newProfile, bool fromCurrent)
{
    if (!m_manager) {
        m_manager = new ConnectionManager(m_store, m_window);
        m_manager->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_manager, &ConnectionManager::connectRequested, this,
                [this](const QString &file) { m_hooks.openProfile(file); });
        connect(m_manager, &ConnectionManager::profilesChanged, this,
                [this] { m_hooks.profilesChanged(); });
    }
    if (fromCurrent) {
        if (const std::optional<ConnectionTarget> target = m_hooks.currentTarget())
            m_manager->newProfile(profileFromTarget(*target));
    } else if (newProfile) {
        m_manager->newProfile();
    }
    m_manager->show();
    m_manager->raise();
    return m_manager;
}

} // namespace mizzle
