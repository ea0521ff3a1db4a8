#pragma once

#include <QObject>
#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace mizzle {

class ConnectionPool;

// The menus every desktop application has, around the studio's own: Quit (Ctrl+Q) at the end
// of File; Edit's standard actions, which act on the focused editor or field; Full Screen (F11)
// in View; and Help: the keyboard shortcuts, the documentation and About (the versions of
// Mizzle, Qt, libpq and the server, and the licence).
class ApplicationMenus : public QObject
{
    Q_OBJECT
public:
    using PoolLookup = std::function<ConnectionPool *()>;
    // The Edit menu goes after `file`, Help at the end of the menu bar.
    ApplicationMenus(QMainWindow *window, QMenu *file, QMenu *view, PoolLookup pool);

    QAction *quitAction() const { return m_quit; }
    QAction *fullScreenAction() const { return m_fullScreen; }
    // Edit → Preferences… (Ctrl+,); the window decides what it opens.
    QAction *preferencesAction() const { return m_preferences; }
    QMenu *editMenu() const { return m_edit; }
    QMenu *helpMenu() const { return m_help; }

    // Every action of the window that has a shortcut, as rows of (what, keys), sorted.
    QList<std::pair<QString, QString>> shortcuts() const;
    // About's text; serverVersion empty while unknown or without a connection.
    static QString aboutText(const QString &serverVersion);

private:
    void addEditAction(const QString &text, QKeySequence::StandardKey key, const char *slot);
    void showShortcuts();
    void showAbout();
    void openDocumentation();

    QMainWindow *m_window;
    PoolLookup m_pool;
    QAction *m_quit;
    QAction *m_fullScreen;
    QAction *m_preferences;
    QMenu *m_edit;
    QMenu *m_help;
};

} // namespace mizzle
