#include "editor/document_actions.h"

#include "common/file_dialogs.h"
#include "editor/query_tab.h"
#include "sqltext/sql_editor.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>
#include <utility>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

constexpr int saveDelayMs = 1000;

// An untitled tab nobody typed into (empty, or filled from the history) holds nothing to lose,
// so it is not brought back.
bool worthKeeping(const SessionDocument &document)
{
    return document.modified || !document.filePath.isEmpty();
}

} // namespace

DocumentActions::DocumentActions(QTabWidget *tabs, QAction *newAction,
                                 std::function<QueryTab *()> newTab, const QString &sessionFile,
                                 bool keepSession, QWidget *window)
    : QObject(window)
    , m_tabs(tabs)
    , m_window(window)
    , m_newTab(std::move(newTab))
    , m_newAction(newAction)
    , m_openAction(new QAction(tr("Open SQL file…"), this))
    , m_saveAction(new QAction(tr("Save"), this))
    , m_saveAsAction(new QAction(tr("Save As…"), this))
    , m_saveTimer(new QTimer(this))
    , m_session(sessionFile)
    , m_keepSession(keepSession)
    , m_lastDirectory(QDir::homePath())
{
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    m_saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_openAction->setEnabled(m_newAction->isEnabled());
    connect(m_newAction, &QAction::enabledChanged, m_openAction, &QAction::setEnabled);
    connect(m_openAction, &QAction::triggered, this, &DocumentActions::chooseFiles);
    connect(m_saveAction, &QAction::triggered, this, [this] {
        if (auto *tab = qobject_cast<QueryTab *>(m_tabs->currentWidget()))
            save(tab, false);
    });
    connect(m_saveAsAction, &QAction::triggered, this, [this] {
        if (auto *tab = qobject_cast<QueryTab *>(m_tabs->currentWidget()))
            save(tab, true);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &DocumentActions::updateActions);
    updateActions();

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(saveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &DocumentActions::saveSession);
}

DocumentActions::~DocumentActions() = default;

QList<QAction *> DocumentActions::actions() const
{
    return {m_newAction, m_openAction, m_saveAction, m_saveAsAction};
}

void DocumentActions::track(QueryTab *tab)
{
    if (tab->title().isEmpty())
        tab->setUntitledTitle(nextUntitledTitle());
    const auto refresh = [this, tab] { updateTabText(tab); };
    connect(tab, &QueryTab::titleChanged, this, refresh);
    connect(tab, &QueryTab::modifiedChanged, this, refresh);
    connect(tab, &QueryTab::transactionChanged, this, refresh);
    connect(tab, &QueryTab::titleChanged, this, &DocumentActions::scheduleSave);
    connect(tab->editor(), &QPlainTextEdit::textChanged, this, &DocumentActions::scheduleSave);
    connect(tab, &QObject::destroyed, this, &DocumentActions::scheduleSave);
    updateTabText(tab);
    updateActions();
    scheduleSave();
}

Result<QueryTab *> DocumentActions::openFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (QueryTab *tab : queryTabs()) {
        if (tab->filePath() == absolute) {
            m_tabs->setCurrentWidget(tab);
            return tab;
        }
    }
    QueryTab *tab = m_newTab();
    if (!tab)
        return Error{tr("Connect to a database before opening a SQL file"), path, {}, {}, {}, -1};
    if (Result<void> loaded = tab->loadFrom(absolute); !loaded) {
        delete tab;
        return loaded.error();
    }
    m_lastDirectory = QFileInfo(absolute).absolutePath();
    return tab;
}

Result<void> DocumentActions::saveTab(int index, const QString &path)
{
    auto *tab = qobject_cast<QueryTab *>(m_tabs->widget(index));
    if (!tab)
        return Error{tr("Only SQL editor tabs can be saved"), path, {}, {}, {}, -1};
    Result<void> saved = tab->saveTo(path);
    if (saved)
        m_lastDirectory = QFileInfo(tab->filePath()).absolutePath();
    return saved;
}

bool DocumentActions::confirmClose(QueryTab *tab)
{
    m_tabs->setCurrentWidget(tab);
    if (tab->isModified()) {
        const auto answer = QMessageBox::question(
            m_window, tr("Unsaved changes"),
            tr("Save the changes to %1 before closing it?").arg(tab->title()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        const bool saved = answer == QMessageBox::Save && save(tab, false);
        if (!saved && answer != QMessageBox::Discard)
            return false;
    }
    if (!tab->hasOpenTransaction())
        return true;
    const auto answer = QMessageBox::question(
        m_window, tr("Transaction open"),
        tr("This tab has a transaction open. Closing it rolls the transaction back. "
           "Close anyway?"),
        QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Close;
}

void DocumentActions::restore()
{
    ensureLoaded();
    if (m_loadProblem)
        emit problem(*std::exchange(m_loadProblem, std::nullopt));
    const QList<SessionDocument> documents = std::exchange(m_pending, {});
    for (qsizetype i = 0; i < documents.size(); ++i) {
        QueryTab *tab = m_newTab();
        if (!tab) { // the connection went away meanwhile: keep the rest for the next one
            m_pending = documents.mid(i);
            break;
        }
        if (Result<void> restored = tab->restore(documents[i]); !restored) {
            delete tab; // its file is gone or unreadable, and it held no unsaved text
            emit problem(restored.error());
        }
    }
    saveSession();
}

void DocumentActions::suspend()
{
    m_pending = openDocuments() + m_pending;
    for (QueryTab *tab : queryTabs())
        delete tab;
    saveSession();
}

void DocumentActions::saveSession()
{
    m_saveTimer->stop();
    if (!ensureLoaded())
        return;
    if (Result<void> saved = m_session.save(openDocuments() + m_pending); !saved)
        emit problem(saved.error());
}

QList<QueryTab *> DocumentActions::queryTabs() const
{
    QList<QueryTab *> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<QueryTab *>(m_tabs->widget(i)))
            tabs.append(tab);
    }
    return tabs;
}

QList<SessionDocument> DocumentActions::openDocuments() const
{
    QList<SessionDocument> documents;
    for (const QueryTab *tab : queryTabs()) {
        if (SessionDocument document = tab->sessionDocument(); worthKeeping(document))
            documents.append(std::move(document));
    }
    return documents;
}

// Reads the session file the first time it is needed. False when there is no session to keep:
// turned off, claimed by another Mizzle, or a file in the way that could not be read.
bool DocumentActions::ensureLoaded()
{
    if (!m_keepSession)
        return false;
    if (!m_loaded) {
        m_loaded = true;
        if (Result<void> claimed = m_session.claim(); !claimed) {
            m_keepSession = false;
            m_loadProblem = claimed.error();
            return false;
        }
        Result<QList<SessionDocument>> loaded = m_session.load();
        if (loaded)
            m_pending = std::move(loaded).value() + m_pending;
        else
            m_loadProblem = loaded.error();
    }
    return m_session.canSave();
}

void DocumentActions::scheduleSave()
{
    if (m_keepSession)
        m_saveTimer->start();
}

void DocumentActions::updateTabText(QueryTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    // A leading "*" for unsaved changes; MainWindow's " ●" for an open transaction stays apart.
    QString text = tab->title();
    text.replace(u'&', u"&&"_s); // not a mnemonic
    if (tab->isModified())
        text.prepend(u'*');
    if (tab->hasOpenTransaction())
        text.append(u" ●"_s);
    m_tabs->setTabText(index, text);
    m_tabs->setTabToolTip(index, tab->filePath().isEmpty()
                                     ? tr("Not saved to a file")
                                     : QDir::toNativeSeparators(tab->filePath()));
}

void DocumentActions::updateActions()
{
    const bool query = qobject_cast<QueryTab *>(m_tabs->currentWidget()) != nullptr;
    m_saveAction->setEnabled(query);
    m_saveAsAction->setEnabled(query);
}

// "SQL n" with the lowest n that no open tab (restored ones included) is called.
QString DocumentActions::nextUntitledTitle() const
{
    QStringList taken;
    for (const QueryTab *tab : queryTabs())
        taken.append(tab->title());
    for (int n = 1;; ++n) {
        const QString title = tr("SQL %1").arg(n);
        if (!taken.contains(title))
            return title;
    }
}

void DocumentActions::chooseFiles()
{
    const QStringList paths =
        chooseOpenFiles(m_window, tr("Open SQL file"), m_lastDirectory, tr("SQL files (*.sql)"));
    for (const QString &path : paths) {
        if (Result<QueryTab *> opened = openFile(path); !opened)
            emit problem(opened.error());
    }
}

bool DocumentActions::save(QueryTab *tab, bool choosePath)
{
    QString path = tab->filePath();
    if (choosePath || path.isEmpty()) {
        const QString suggested =
            path.isEmpty() ? m_lastDirectory + u'/' + tab->title() + u".sql"_s : path;
        const auto target =
            chooseSaveFile(m_window, tr("Save SQL file"), suggested, {{tr("SQL files"), u"sql"_s}});
        if (!target)
            return false;
        path = target->path;
    }
    Result<void> saved = saveTab(m_tabs->indexOf(tab), path);
    if (!saved)
        emit problem(saved.error());
    return saved.ok();
}

} // namespace mizzle
