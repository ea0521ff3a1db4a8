#pragma once

#include "browse/browse_state.h"
#include "connection/connection_target.h"
#include "shell/launch_options.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QTabWidget;

namespace mizzle {

class AlertBadge;
class BusyIndicator;
class CompletionCatalog;
class ConnectionPicker;
class ConnectionPool;
class ConnectionSession;
class DocumentActions;
class ErrorBanner;
class ExplainLauncher;
class ExportLauncher;
class ApplicationMenus;
class ConnectionActions;
class StartPage;
class ProfilePassword;
class WorkArea;
class Playground;
class ProfileStore;
class SchemaBrowser;
class HistoryDock;
class QueryTab;
class SessionTabs;

// The studio's window: the connection picker, the schema tree, the tabs, and a status bar with
// the connection and the pool's state. It holds one ConnectionSession at a time, which owns
// everything of that connection; every database call goes through the session's pool and its
// asynchronous API, so the window never waits on the network.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LaunchOptions options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects as the launch options say: a profile, a URI, or the playground.
    void start();
    void startPlayground();
    void openProfile(const QString &filePath);
    void openUri(const QString &uri);
    void openTarget(const ConnectionTarget &target);
    void openTable(const QString &schema, const QString &name);
    // With a filter and sort to open with, as the command line gives them.
    void openTable(const QString &schema, const QString &name,
                   const std::optional<BrowseState> &start);
    // A new SQL editor tab on the current connection, or nullptr when not connected.
    QueryTab *openQueryTab(const QString &text = {});

    SchemaBrowser *schemaBrowser() const { return m_browser; }
    QTabWidget *tabs() const { return m_tabs; }
    ErrorBanner *banner() const { return m_banner; }
    HistoryDock *history() const { return m_history; }
    DocumentActions *documents() const { return m_documents; }
    SessionTabs *sessionTabs() const { return m_sessionTabs; }
    QAction *monitorAction() const { return m_monitorAction; }
    ApplicationMenus *menus() const { return m_menus; }
    ConnectionActions *connectionActions() const { return m_connections; }
    WorkArea *workArea() const { return m_work; }
    StartPage *startPage() const { return m_start; }
    ProfilePassword *passwords() const { return m_passwords; }
    // Closes the session and its tabs; the window stays, not connected.
    void disconnectSession();
    // What asks before the window closes with work that would be lost (askBeforeQuitting, a
    // question in a message box); true lets it close. Tests answer it themselves.
    void setQuitConfirmation(std::function<bool(const QStringList &lost)> confirm)
    {
        m_confirmQuit = std::move(confirm);
    }
    AlertBadge *alertBadge() const { return m_alertBadge; }
    ConnectionSession *session() const { return m_session.get(); }
    ConnectionPool *pool() const;
    CompletionCatalog *completionCatalog() const;
    QString poolStatusText() const;
    // The connection in the status bar, as rich text: its name and how it is kept read-only.
    QString connectionStatusText() const;

signals:
    void sessionReady();
    // What the launch options asked for is on screen, or it failed: ok says which.
    void settled(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    bool askBeforeQuitting(const QStringList &lost);
    void closeSession();
    void showError(const Error &error);
    void onSnapshotLoaded();
    void showConnected(const ConnectionTarget &target, const QString &readOnlyLabel);
    void updatePoolStatus();
    void setBusy(const QString &message);
    void settle(bool ok);
    void insertFromHistory(const QString &sql);

    LaunchOptions m_options;
    std::unique_ptr<ProfileStore> m_profiles;
    Playground *m_playground = nullptr;
    std::unique_ptr<ConnectionSession> m_session;
    HistoryDock *m_history;
    ConnectionPicker *m_picker;
    ErrorBanner *m_banner;
    SchemaBrowser *m_browser;
    QTabWidget *m_tabs;
    QLabel *m_connectionLabel;
    QLabel *m_poolLabel;
    BusyIndicator *m_busy;
    ExplainLauncher *m_plans;
    ExportLauncher *m_exports = nullptr;
    QAction *m_newQueryAction;
    QAction *m_monitorAction;
    ApplicationMenus *m_menus = nullptr;
    ConnectionActions *m_connections = nullptr;
    StartPage *m_start = nullptr;
    ProfilePassword *m_passwords = nullptr;
    WorkArea *m_work = nullptr;
    std::function<bool(const QStringList &)> m_confirmQuit = [this](const QStringList &lost) {
        return askBeforeQuitting(lost);
    };
    AlertBadge *m_alertBadge;
    DocumentActions *m_documents;
    SessionTabs *m_sessionTabs;
    bool m_settled = false;
};

} // namespace mizzle
