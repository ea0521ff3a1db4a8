#pragma once

#include "base/result.h"
#include "document/editor_session.h"

#include <QList>
#include <QObject>
#include <functional>
#include <optional>

class QAction;
class QTabWidget;
class QTimer;
class QWidget;

namespace mizzle {

class QueryTab;

// The SQL editor tabs as documents: opening and saving .sql files, tab titles with a leading "*"
// while a tab has unsaved changes, asking before such a tab closes, and the session file that
// brings the tabs and their unsaved text back after a restart or a crash. The window stays thin:
// it creates the tabs and tells this class when they come and go.
class DocumentActions : public QObject
{
    Q_OBJECT
public:
    // newTab opens an empty SQL tab on the current connection, or returns nullptr without one;
    // Open… is enabled along with newAction. An empty sessionFile means
    // EditorSession::defaultFilePath(); with keepSession false it is neither read nor written.
    DocumentActions(QTabWidget *tabs, QAction *newAction, std::function<QueryTab *()> newTab,
                    const QString &sessionFile, bool keepSession, QWidget *window);
    ~DocumentActions() override;

    // New, Open… (Ctrl+O), Save (Ctrl+S), Save As… (Ctrl+Shift+S): the File menu.
    QList<QAction *> actions() const;

    // Follows a new SQL tab: names it, keeps its title and marker current, and saves the session
    // a second after its last edit.
    void track(QueryTab *tab);
    // The tab of that file: the one already open, or a new one.
    Result<QueryTab *> openFile(const QString &path);
    Result<void> saveTab(int index, const QString &path);
    // Asks Save / Discard / Cancel for a tab with unsaved changes, and whether to roll back a
    // transaction it holds open; true when it may close.
    bool confirmClose(QueryTab *tab);

    // Opens the documents kept from the last session (or the last connection); once connected.
    void restore();
    // Closes the SQL tabs, keeping their documents for the next restore(): the connection they
    // run on is going away, but the documents are not.
    void suspend();
    void saveSession();

signals:
    void problem(const mizzle::Error &error);

private:
    QList<QueryTab *> queryTabs() const;
    QList<SessionDocument> openDocuments() const;
    bool ensureLoaded();
    void scheduleSave();
    void updateTabText(QueryTab *tab);
    void updateActions();
    QString nextUntitledTitle() const;
    void chooseFiles();
    bool save(QueryTab *tab, bool choosePath);

    QTabWidget *m_tabs;
    QWidget *m_window;
    std::function<QueryTab *()> m_newTab;
    QAction *m_newAction;
    QAction *m_openAction;
    QAction *m_saveAction;
    QAction *m_saveAsAction;
    QTimer *m_saveTimer;
    EditorSession m_session;
    bool m_keepSession;
    bool m_loaded = false;
    std::optional<Error> m_loadProblem; // shown once connected, when the banner is free
    QList<SessionDocument> m_pending;   // read or suspended, not yet restored
    QString m_lastDirectory;
};

} // namespace mizzle
