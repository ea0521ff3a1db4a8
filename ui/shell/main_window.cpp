#include "shell/main_window.h"

#include "browse/schema_browser.h"
#include "browse/table_tab.h"
#include "catalog/catalog.h"
#include "catalog/type_catalog.h"
#include "common/busy_indicator.h"
#include "common/error_banner.h"
#include "common/password_dialog.h"
#include "common/profile_password.h"
#include "completion/completion_catalog.h"
#include "connection/connection_pool.h"
#include "editor/document_actions.h"
#include "editor/query_tab.h"
#include "export/export_launcher.h"
#include "history/history_dock.h"
#include "monitor/alert_badge.h"
#include "monitor/alert_settings.h"
#include "monitor/alert_watch.h"
#include "plan/explain_launcher.h"
#include "playground/playground.h"
#include "profile/profile_parser.h"
#include "profile/profile_store.h"
#include "session/connection_session.h"
#include "session/read_only_status.h"
#include "shell/application_menus.h"
#include "shell/connection_actions.h"
#include "shell/connection_picker.h"
#include "shell/quit_guard.h"
#include "shell/session_tabs.h"
#include "shell/settings_dialog.h"
#include "shell/start_page.h"
#include "shell/work_area.h"
#include "sqltext/sql_editor.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(LaunchOptions options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(std::move(options))
    , m_profiles(std::make_unique<ProfileStore>(m_options.profileDirectory))
    , m_history(new HistoryDock(this))
    , m_picker(new ConnectionPicker(m_profiles.get(), this))
    , m_banner(new ErrorBanner(this))
    , m_browser(new SchemaBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_connectionLabel(new QLabel(this))
    , m_poolLabel(new QLabel(this))
    , m_busy(new BusyIndicator(this))
    , m_plans(new ExplainLauncher(m_tabs, this))
    , m_alertBadge(new AlertBadge(this))
{
    setWindowTitle(tr("Mizzle"));
    auto *toolbar = addToolBar(tr("Connection"));
    toolbar->setObjectName(u"connectionToolbar"_s);
    toolbar->setMovable(false);
    toolbar->addWidget(m_picker);
    m_newQueryAction = toolbar->addAction(tr("New SQL editor"), this, [this] { openQueryTab(); });
    m_newQueryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_newQueryAction->setToolTip(tr("Open a SQL editor on this connection (Ctrl+T)"));
    m_newQueryAction->setEnabled(false);
    // A --screenshot must be reproducible: it neither restores nor replaces the saved session.
    m_documents = new DocumentActions(
        m_tabs, m_newQueryAction, [this] { return openQueryTab(); }, m_options.sessionFile,
        m_options.screenshotPath.isEmpty(), this);
    m_sessionTabs = new SessionTabs(m_tabs, m_documents, m_plans, this);
    m_exports = new ExportLauncher(
        this, [this] { return m_browser->schemaNames(); },
        [this](const QString &sql) { openQueryTab(sql); }, this);
    m_connections = new ConnectionActions(
        this, m_profiles.get(),
        {[this](const QString &file) { openProfile(file); },
         [this] {
             m_picker->reload();
             m_start->refresh(m_session ? m_session->target().displayName : QString());
         },
         [this]() -> std::optional<ConnectionTarget> {
             return m_session ? std::optional(m_session->target()) : std::nullopt;
         },
         [this] { disconnectSession(); }});
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions(m_connections->actions());
    file->addSeparator();
    file->addActions(m_documents->actions());
    file->addSeparator();
    file->addAction(m_exports->exportAction());
    connect(m_exports, &ExportLauncher::problem, this, &MainWindow::showError);
    menuBar()->addMenu(tr("&Plan"))->addActions(m_plans->actions());
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_monitorAction =
        view->addAction(tr("&Monitor"), this, [this] { m_sessionTabs->openMonitor(); });
    m_monitorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_monitorAction->setToolTip(tr("Mizzle's pool, the server and PgBouncer, live (Ctrl+M)"));
    m_monitorAction->setEnabled(false);
    view->addAction(m_history->toggleViewAction());
    m_menus = new ApplicationMenus(this, file, view, [this] { return pool(); });
    connect(m_menus->preferencesAction(), &QAction::triggered, this, [this] {
        SettingsDialog dialog([this] { return m_session ? m_session->alerts() : nullptr; }, this);
        dialog.exec();
    });
    m_passwords = new ProfilePassword(
        [this](const QString &profile, const QString &problem, bool offer) {
            return askForPassword(this, profile, problem, offer);
        },
        this);
    connect(m_passwords, &ProfilePassword::problem, this,
            [this](const Error &error) { m_banner->showInfo(error.toString()); });
    connect(m_alertBadge, &QToolButton::clicked, this, [this] { m_sessionTabs->openMonitor(); });
    connect(m_documents, &DocumentActions::problem, this, &MainWindow::showError);
    connect(this, &MainWindow::sessionReady, m_documents, &DocumentActions::restore);

    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    m_start = new StartPage(m_profiles.get(), this);
    m_work = new WorkArea(m_banner, m_tabs, m_start, this);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_browser);
    splitter->addWidget(m_work);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});
    setCentralWidget(splitter);

    addDockWidget(Qt::BottomDockWidgetArea, m_history);
    m_history->hide();
    toolbar->addAction(m_history->toggleViewAction());
    connect(m_history, &HistoryDock::statementChosen, this, &MainWindow::insertFromHistory);

    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_alertBadge);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_poolLabel);
    m_connectionLabel->setText(tr("Not connected"));

    connect(m_start, &StartPage::playgroundChosen, this, &MainWindow::startPlayground);
    connect(m_start, &StartPage::profileChosen, this, &MainWindow::openProfile);
    connect(m_start, &StartPage::uriChosen, this, &MainWindow::openUri);
    connect(m_start, &StartPage::newConnectionRequested, this,
            [this] { m_connections->openManager(true); });
    connect(m_start, &StartPage::newQueryRequested, this, [this] { openQueryTab(); });
    connect(m_start, &StartPage::tableChosen, this,
            qOverload<const QString &, const QString &>(&MainWindow::openTable));
    connect(m_picker, &ConnectionPicker::playgroundChosen, this, &MainWindow::startPlayground);
    connect(m_picker, &ConnectionPicker::profileChosen, this, &MainWindow::openProfile);
    connect(m_picker, &ConnectionPicker::uriChosen, this, &MainWindow::openUri);
    connect(m_browser, &SchemaBrowser::relationActivated, this,
            qOverload<const QString &, const QString &>(&MainWindow::openTable));
    connect(m_browser, &SchemaBrowser::exportRequested, m_exports, &ExportLauncher::openExport);
    connect(m_browser, &SchemaBrowser::createScriptRequested, m_exports,
            &ExportLauncher::showCreateScript);
    resize(1280, 800);
    // Where the window and its docks were when it last closed; a screenshot must not depend on
    // it.
    if (m_options.screenshotPath.isEmpty()) {
        QSettings settings;
        restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
        restoreState(settings.value(u"window/state"_s).toByteArray());
    }
}

MainWindow::~MainWindow()
{
    closeSession();
    if (m_playground && !m_options.keepPlayground)
        m_playground->stop();
}

void MainWindow::start()
{
    const QString &target = m_options.target;
    if (target.isEmpty())
        startPlayground();
    else if (looksLikeConnectionString(target))
        openUri(target);
    else
        openProfile(target);
}

void MainWindow::startPlayground()
{
    closeSession();
    if (!m_playground) {
        const QString directory = m_options.playgroundDirectory.isEmpty()
                                      ? Playground::defaultDirectory()
                                      : m_options.playgroundDirectory;
        m_playground = new Playground(directory, this);
        connect(m_playground, &Playground::progress, this, &MainWindow::setBusy);
        connect(m_playground, &Playground::failed, this, [this](const Error &error) {
            showError(error);
            settle(false);
        });
        connect(m_playground, &Playground::ready, this,
                [this](const ConnectionParameters &parameters) {
                    ConnectionTarget target;
                    target.displayName = tr("Playground");
                    target.parameters = parameters;
                    target.playground = true;
                    openTarget(target);
                });
    }
    m_picker->setCurrentLabel(tr("Playground (local demo cluster)"));
    m_playground->start();
}

void MainWindow::openProfile(const QString &filePath)
{
    Result<ParsedProfile> parsed = loadProfileFile(filePath);
    if (!parsed) {
        showError(parsed.error());
        settle(false);
        return;
    }
    const ConnectionProfile &profile = parsed->profile;
    Result<ConnectionParameters> parameters = profile.connectionParameters();
    if (!parameters) {
        showError(parameters.error());
        settle(false);
        return;
    }
    if (QFileInfo(filePath).absolutePath() != QFileInfo(m_profiles->directory()).absoluteFilePath())
        m_profiles->remember(filePath);
    m_picker->reload();
    m_picker->setCurrentLabel(profile.name);

    ConnectionTarget target;
    target.displayName = profile.name;
    target.color = profile.color;
    target.pool = profile.pool;
    target.readOnly = profile.readOnly;
    target.readOnlyRole = profile.readOnlyRole;
    if (profile.pgbouncer) {
        // A console that cannot be addressed costs the Monitor its PgBouncer section, not the
        // connection: say so and go on.
        Result<ConnectionParameters> console = profile.pgbouncer->connectionParameters(filePath);
        if (console)
            target.pgbouncer = std::move(console).value();
        else
            m_banner->showInfo(console.error().toString());
    }
    if (!parsed->warnings.isEmpty())
        m_banner->showInfo(parsed->warnings.join(u'\n'));
    // The password, where the profile's source is a prompt or the keychain, comes first.
    m_passwords->resolve(profile, std::move(parameters).value(),
                         [this, target](ConnectionParameters withPassword) mutable {
                             target.parameters = std::move(withPassword);
                             openTarget(target);
                         });
}

void MainWindow::openUri(const QString &uri)
{
    Result<ConnectionParameters> parameters = ConnectionParameters::fromConninfo(uri);
    if (!parameters) {
        showError(parameters.error());
        settle(false);
        return;
    }
    ConnectionTarget target;
    target.displayName = parameters->displayName();
    target.parameters = std::move(parameters).value();
    m_picker->setCurrentLabel(target.displayName);
    openTarget(target);
}

void MainWindow::openTarget(const ConnectionTarget &target)
{
    closeSession();
    m_session = std::make_unique<ConnectionSession>(target);
    m_sessionTabs->setSession(m_session.get());
    ConnectionSession *session = m_session.get();
    connect(session->pool(), &ConnectionPool::statsChanged, this, &MainWindow::updatePoolStatus);
    QSettings settings;
    session->alerts()->setThresholds(loadAlertThresholds(settings));
    m_alertBadge->setWatch(session->alerts());
    m_monitorAction->setEnabled(true);
    m_exports->setPool(session->pool(), target.readOnly || target.readOnlyRole);
    m_connections->setConnected(true);
    m_work->setConnectionColor(target.color);
    m_start->refresh(session->target().displayName);
    connect(session, &ConnectionSession::historyFailed, this, [this](const Error &error) {
        // Losing history is not worth stopping work for: say so and go on without it.
        statusBar()->showMessage(error.toString(), 10000);
    });
    setWindowTitle(tr("%1 — Mizzle").arg(target.displayName));
    m_connectionLabel->setText(tr("Connecting to %1…").arg(target.displayName));
    setBusy(tr("Reading the catalog of %1…").arg(target.displayName));
    const auto shown = [this, session](Result<CatalogSnapshot> snapshot) {
        m_busy->hide();
        if (!snapshot) {
            m_connectionLabel->setText(tr("Not connected"));
            // A refused password asks again (and openTarget runs again) rather than stopping.
            if (m_passwords->retryAfter(snapshot.error()))
                return;
            showError(snapshot.error());
            settle(false);
            return;
        }
        m_passwords->connected();
        const ConnectionTarget &connected = session->target();
        m_banner->hide();
        m_newQueryAction->setEnabled(true);
        m_history->setHistory(session->history());
        if (const auto &problem = session->historyProblem())
            statusBar()->showMessage(problem->toString(), 10000);
        m_browser->setSnapshot(snapshot.value());
        // The sizes come after the tree: on a large database they take most of the time. The
        // session is their context, so sizes of a session closed meanwhile never arrive.
        session->catalog()->loadRelationSizes(session, [this](Result<RelationSizes> sizes) {
            if (sizes)
                m_browser->setSizes(sizes.value());
            else
                statusBar()->showMessage(sizes.error().toString(), 10000);
        });
        showConnected(connected, {});
        m_connectionLabel->setToolTip(connected.parameters.displayName());
        session->catalog()->loadWriteAccess(this, [this, session](Result<WriteAccess> access) {
            // Unknown access is taken as "may write": the label then claims no more than
            // the profile does.
            const ReadOnlyStatus status =
                readOnlyStatus(session->target(), access ? access.value() : WriteAccess{});
            showConnected(session->target(), status.label);
            if (!status.warnings.isEmpty())
                m_banner->showInfo(status.warnings.join(u'\n'));
        });
        if (!session->historyProblem())
            statusBar()->showMessage(tr("Connected to %1").arg(connected.displayName), 5000);
        session->completion()->load();  // in the background, so the first Ctrl+Space finds it
        session->typeCatalog()->load(); // result headers name enums and domains once it has
        emit sessionReady();
        onSnapshotLoaded();
    };
    session->catalog()->loadSnapshot(this, SnapshotSizes::Later, shown);
}

void MainWindow::showConnected(const ConnectionTarget &target, const QString &readOnlyLabel)
{
    // Until the role's access is known, a read-only profile says what the profile promises.
    QString mode = readOnlyLabel;
    if (mode.isEmpty() && (target.readOnly || target.readOnlyRole))
        mode = tr("read-only");
    m_connectionLabel->setText(u"<span style=\"color:%1\">●</span> %2%3"_s.arg(
        target.color.isEmpty() ? u"#2e7d32"_s : target.color, target.displayName.toHtmlEscaped(),
        // A lock says at a glance that nothing here can write.
        mode.isEmpty() ? QString() : u" · \U0001F512 %1"_s.arg(mode.toHtmlEscaped())));
}

QString MainWindow::connectionStatusText() const
{
    return m_connectionLabel->text();
}

void MainWindow::onSnapshotLoaded()
{
    if (m_options.table.isEmpty()) {
        settle(true);
        return;
    }
    const qsizetype dot = m_options.table.indexOf(u'.');
    const QString schema = dot < 0 ? u"public"_s : m_options.table.left(dot);
    const QString name = dot < 0 ? m_options.table : m_options.table.mid(dot + 1);
    std::optional<BrowseState> start;
    if (!m_options.where.isEmpty() || !m_options.orderBy.isEmpty()) {
        start.emplace();
        start->filter.expression = m_options.where;
        start->sort = m_options.orderBy;
    }
    openTable(schema, name, start);
}

void MainWindow::openTable(const QString &schema, const QString &name)
{
    openTable(schema, name, std::nullopt);
}

void MainWindow::openTable(const QString &schema, const QString &name,
                           const std::optional<BrowseState> &start)
{
    if (!m_session)
        return;
    if (TableTab *open = m_sessionTabs->findTable(schema, name)) {
        m_tabs->setCurrentWidget(open);
        return;
    }
    m_browser->select(schema, name);
    setBusy(tr("Opening %1.%2…").arg(schema, name));
    m_session->catalog()->loadTable(
        schema, name, this, [this, start](Result<TableDetails> details) {
            m_busy->hide();
            if (!details) {
                showError(details.error());
                settle(false);
                return;
            }
            statusBar()->clearMessage();
            StartPage::rememberTable(m_session->target().displayName, details->schema,
                                     details->name);
            TableTab *tab = m_sessionTabs->openTable(details.value(), start);
            connect(tab, &TableTab::firstPageShown, this, [this] { settle(true); });
            connect(tab, &TableTab::loadFailed, this, [this] { settle(false); });
        });
}

QueryTab *MainWindow::openQueryTab(const QString &text)
{
    return m_sessionTabs->openQueryTab(text);
}

void MainWindow::insertFromHistory(const QString &sql)
{
    auto *tab = qobject_cast<QueryTab *>(m_tabs->currentWidget());
    if (!tab) {
        openQueryTab(sql);
        return;
    }
    tab->editor()->textCursor().insertText(sql);
    tab->editor()->setFocus();
}

ConnectionPool *MainWindow::pool() const
{
    return m_session ? m_session->pool() : nullptr;
}

CompletionCatalog *MainWindow::completionCatalog() const
{
    return m_session ? m_session->completion() : nullptr;
}

QString MainWindow::poolStatusText() const
{
    if (!m_session)
        return {};
    const PoolStats stats = m_session->pool()->stats();
    return tr("Pool: %1 active, %2 idle, %3 waiting (max %4) · last wait %5 ms")
        .arg(stats.active)
        .arg(stats.idle)
        .arg(stats.waiting)
        .arg(stats.max)
        .arg(stats.lastAcquireWaitMs);
}

void MainWindow::updatePoolStatus()
{
    m_poolLabel->setText(poolStatusText());
}

void MainWindow::disconnectSession()
{
    closeSession();
    m_connectionLabel->setText(tr("Not connected"));
    setWindowTitle(tr("Mizzle"));
}

void MainWindow::closeSession()
{
    // Tabs hold leases, which must not outlive the pool; SQL documents return with the next one.
    m_sessionTabs->setSession(nullptr);
    m_exports->setPool(nullptr);
    m_connections->setConnected(false);
    m_work->setConnectionColor({});
    m_start->refresh({});
    m_browser->clear();
    m_newQueryAction->setEnabled(false);
    m_monitorAction->setEnabled(false);
    m_alertBadge->setWatch(nullptr);
    m_history->setHistory(nullptr);
    m_session.reset();
    m_poolLabel->clear();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QStringList lost = whatQuittingLoses(m_tabs);
    if (!lost.isEmpty() && !m_confirmQuit(lost)) {
        event->ignore();
        return;
    }
    if (m_options.screenshotPath.isEmpty()) {
        QSettings settings;
        settings.setValue(u"window/geometry"_s, saveGeometry());
        settings.setValue(u"window/state"_s, saveState());
    }
    QMainWindow::closeEvent(event);
}

bool MainWindow::askBeforeQuitting(const QStringList &lost)
{
    QMessageBox box(QMessageBox::Warning, tr("Quit Mizzle?"), tr("Quitting now would lose this:"),
                    QMessageBox::Cancel, this);
    box.setInformativeText(u"• "_s + lost.join(u"\n• "_s));
    box.addButton(tr("&Quit Anyway"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() != QMessageBox::Cancel;
}

void MainWindow::showError(const Error &error)
{
    m_busy->hide();
    m_banner->showError(error);
    statusBar()->showMessage(error.message, 10000);
}

void MainWindow::setBusy(const QString &message)
{
    m_busy->show();
    statusBar()->showMessage(message);
}

void MainWindow::settle(bool ok)
{
    if (m_settled)
        return;
    m_settled = true;
    emit settled(ok);
}

} // namespace mizzle
