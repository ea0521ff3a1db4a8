#include "shell/application_menus.h"

#include "connection/connection_pool.h"
#include "connection/pg_connection.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

ApplicationMenus::ApplicationMenus(QMainWindow *window, QMenu *file, QMenu *view, PoolLookup pool)
    : QObject(window)
    , m_window(window)
    , m_pool(std::move(pool))
{
    file->addSeparator();
    m_quit = file->addAction(tr("&Quit"), window, &QWidget::close);
    // Spelt out: not every platform theme binds the standard keys for these two.
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);

    m_edit = new QMenu(tr("&Edit"), window);
    window->menuBar()->insertMenu(window->menuBar()->actions().value(1), m_edit);
    addEditAction(tr("&Undo"), QKeySequence::Undo, "undo");
    addEditAction(tr("&Redo"), QKeySequence::Redo, "redo");
    m_edit->addSeparator();
    addEditAction(tr("Cu&t"), QKeySequence::Cut, "cut");
    addEditAction(tr("&Copy"), QKeySequence::Copy, "copy");
    addEditAction(tr("&Paste"), QKeySequence::Paste, "paste");
    m_edit->addSeparator();
    addEditAction(tr("Select &All"), QKeySequence::SelectAll, "selectAll");
    m_edit->addSeparator();
    m_preferences = m_edit->addAction(tr("&Preferences…"));
    m_preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_preferences->setMenuRole(QAction::PreferencesRole);

    view->addSeparator();
    m_fullScreen = view->addAction(tr("&Full Screen"));
    m_fullScreen->setCheckable(true);
    m_fullScreen->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_fullScreen, &QAction::toggled, window, [window](bool on) {
        window->setWindowState(on ? window->windowState() | Qt::WindowFullScreen
                                  : window->windowState() & ~Qt::WindowFullScreen);
    });

    m_help = window->menuBar()->addMenu(tr("&Help"));
    m_help->addAction(tr("&Keyboard Shortcuts"), this, &ApplicationMenus::showShortcuts);
    QAction *documentation =
        m_help->addAction(tr("&Documentation"), this, &ApplicationMenus::openDocumentation);
    documentation->setShortcut(QKeySequence::HelpContents);
    m_help->addSeparator();
    m_help->addAction(tr("&About Mizzle"), this, &ApplicationMenus::showAbout)
        ->setMenuRole(QAction::AboutRole);
}

void ApplicationMenus::addEditAction(const QString &text, QKeySequence::StandardKey key,
                                     const char *slot)
{
    // The keys themselves stay the focused widget's (an editor's, a table's own undo): the menu
    // shows them, and a click sends the same request to whatever has the focus.
    QAction *action = m_edit->addAction(text);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetShortcut);
    const QByteArray name(slot);
    connect(action, &QAction::triggered, this, [name] {
        if (QWidget *focused = QApplication::focusWidget())
            QMetaObject::invokeMethod(focused, name.constData());
    });
}

QList<std::pair<QString, QString>> ApplicationMenus::shortcuts() const
{
    QList<std::pair<QString, QString>> rows;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QString what = action->text();
        what.remove(u'&');
        const std::pair<QString, QString> row{
            what, action->shortcut().toString(QKeySequence::NativeText)};
        if (!rows.contains(row))
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ApplicationMenus::showShortcuts()
{
    auto *dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard Shortcuts"));
    const auto rows = shortcuts();
    auto *table = new QTableWidget(int(rows.size()), 2, dialog);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows.at(row).first));
        table->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(480, 560);
    dialog->show();
}

QString ApplicationMenus::aboutText(const QString &serverVersion)
{
    return tr("<h3>Mizzle %1</h3>"
              "<p>A native desktop studio for PostgreSQL.</p>"
              "<p>Qt %2 · libpq %3 · %4</p>"
              "<p>Mizzle is free software under the GNU General Public License, version 3 or "
              "later (GPL-3.0-or-later). It comes with no warranty.</p>")
        .arg(QStringLiteral(MIZZLE_VERSION), QString::fromLatin1(qVersion()),
             PgConnection::libraryVersion(),
             serverVersion.isEmpty() ? tr("not connected")
                                     : tr("PostgreSQL %1").arg(serverVersion.toHtmlEscaped()));
}

void ApplicationMenus::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Mizzle"), aboutText({}),
                                QMessageBox::Close, m_window);
    box->setObjectName(u"aboutMizzle"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    box->open();
    ConnectionPool *pool = m_pool();
    if (!pool)
        return;
    pool->execute(box, u"About"_s, u"SELECT current_setting('server_version')"_s, {},
                  [box = QPointer<QMessageBox>(box)](Result<QueryResult> version) {
                      if (box && version && version->rowCount() == 1)
                          box->setText(aboutText(version->text(0, 0)));
                  });
}

void ApplicationMenus::openDocumentation()
{
    // The README, installed beside the program (share/doc/mizzle), or in the checkout a build
    // runs from (build/PRESET/bin).
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &path : {bin.filePath(u"../share/doc/mizzle/README.md"_s),
                                bin.filePath(u"../../../README.md"_s)}) {
        if (QFileInfo::exists(path)) {
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).canonicalFilePath()));
            return;
        }
    }
    QMessageBox::information(m_window, tr("Documentation"),
                             tr("The README is not installed here."));
}

} // namespace mizzle
