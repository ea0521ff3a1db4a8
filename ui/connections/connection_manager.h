#pragma once

#include "base/result.h"
#include "common/profile_password.h"
#include "profile/connection_profile.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mizzle {

class ProfileForm;
class ProfileStore;

// The connection manager: the profile files of the profiles folder, by group, and a form for the
// one chosen. New, Duplicate, Delete, Test connection, Save and Connect. Files are written
// atomically by the store, never hold a password, and a file that does not parse is never
// overwritten: it is listed with its error, and can be opened as text instead.
class ConnectionManager : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionManager(ProfileStore *store, QWidget *parent = nullptr);

    void reload();
    // A new, unsaved profile in the form; `from` gives its fields (Save as profile).
    void newProfile(const ConnectionProfile &from = {});
    void duplicateCurrent();
    // Removes the chosen profile's file; `confirm` asks first (true: go on).
    bool deleteCurrent(const std::function<bool(const QString &name)> &confirm);
    // Checks the form with the parser, then writes the file; its path, or why not.
    Result<QString> saveCurrent();
    void testCurrent();
    bool select(const QString &filePath);
    // How Test Connection asks for a password (a "prompt" profile, or a "keychain" one with
    // nothing stored or a refused password), as connecting does; tests answer it themselves.
    void setPasswordPrompt(ProfilePassword::Ask ask) { m_passwords->setAsk(std::move(ask)); }

    ProfileForm *form() const { return m_form; }
    QTreeWidget *list() const { return m_list; }
    QString status() const;
    QString currentFile() const { return m_currentFile; }

signals:
    void connectRequested(const QString &filePath);
    void profilesChanged();
    void testFinished(bool ok);

private:
    void showItem(QTreeWidgetItem *item);
    void openAsText();
    void setStatus(const QString &text);

    ProfileStore *m_store;
    QTreeWidget *m_list;
    ProfileForm *m_form;
    QLabel *m_status;
    QPushButton *m_openAsText;
    QString m_currentFile; // empty for a profile not saved yet
    QString m_brokenFile;  // the chosen file when it does not parse
    ProfilePassword *m_passwords;
};

} // namespace mizzle
