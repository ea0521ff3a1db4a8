#include "connections/connection_manager.h"

#include "common/password_dialog.h"
#include "connection/connection_probe.h"
#include "connection/pg_service_file.h"
#include "connections/profile_form.h"
#include "profile/profile_store.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr int FileRole = Qt::UserRole + 1;
constexpr int BrokenRole = Qt::UserRole + 2; // the parse error of a file that does not parse

} // namespace

ConnectionManager::ConnectionManager(ProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_list(new QTreeWidget(this))
    , m_form(new ProfileForm(this))
    , m_status(new QLabel(this))
    , m_openAsText(new QPushButton(tr("Open as Text"), this))
    , m_passwords(new ProfilePassword(
          [this](const QString &profile, const QString &problem, bool offer) {
              return askForPassword(this, profile, problem, offer);
          },
          this))
{
    setWindowTitle(tr("Connections"));
    m_list->setHeaderHidden(true);
    m_list->setObjectName(u"profiles"_s);
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openAsText->hide();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(scroll, 1);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_openAsText, 0, Qt::AlignLeft);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *buttons = new QDialogButtonBox(this);
    const auto add = [buttons](const QString &text, QDialogButtonBox::ButtonRole role) {
        return buttons->addButton(text, role);
    };
    connect(add(tr("New"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            [this] { newProfile(); });
    connect(add(tr("Duplicate"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            &ConnectionManager::duplicateCurrent);
    connect(add(tr("Delete"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this, [this] {
        deleteCurrent([this](const QString &name) {
            return QMessageBox::question(this, tr("Delete Profile"),
                                         tr("Delete the profile \"%1\" and its file?").arg(name)) ==
                   QMessageBox::Yes;
        });
    });
    connect(add(tr("Test Connection"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            &ConnectionManager::testCurrent);
    connect(add(tr("Save"), QDialogButtonBox::ApplyRole), &QPushButton::clicked, this,
            [this] { (void)saveCurrent(); });
    QPushButton *connectButton = add(tr("Connect"), QDialogButtonBox::AcceptRole);
    connect(connectButton, &QPushButton::clicked, this, [this] {
        if (const Result<QString> saved = saveCurrent()) {
            emit connectRequested(saved.value());
            accept();
        }
    });
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showItem(item); });
    connect(m_openAsText, &QPushButton::clicked, this, &ConnectionManager::openAsText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    m_form->setServices(pgServiceNames());
    resize(900, 640);
    reload();
}

void ConnectionManager::reload()
{
    m_list->clear();
    QStringList groups;
    QHash<QString, QTreeWidgetItem *> headings;
    const auto heading = [&](const QString &text) {
        QTreeWidgetItem *&item = headings[text];
        if (!item) {
            item = new QTreeWidgetItem(m_list, {text});
            item->setFlags(Qt::ItemIsEnabled);
            item->setExpanded(true);
        }
        return item;
    };
    for (const Result<ParsedProfile> &loaded : m_store->loadAll()) {
        if (!loaded) {
            // A broken file names itself in the error's where: "<file>: key …".
            const QString where = loaded.error().where;
            const QString file = where.section(u": "_s, 0, 0);
            auto *item = new QTreeWidgetItem(heading(tr("Files that do not open")),
                                             {QFileInfo(file).fileName()});
            item->setData(0, FileRole, file);
            item->setData(0, BrokenRole, loaded.error().toString());
            continue;
        }
        const ConnectionProfile &profile = loaded->profile;
        if (!profile.group.isEmpty() && !groups.contains(profile.group))
            groups.append(profile.group);
        QTreeWidgetItem *parent = profile.group.isEmpty() ? nullptr : heading(profile.group);
        auto *item = parent ? new QTreeWidgetItem(parent, {profile.name})
                            : new QTreeWidgetItem(m_list, {profile.name});
        item->setData(0, FileRole, profile.filePath);
    }
    m_list->sortItems(0, Qt::AscendingOrder);
    m_form->setGroups(groups);
}

bool ConnectionManager::select(const QString &filePath)
{
    for (QTreeWidgetItemIterator it(m_list); *it; ++it) {
        if ((*it)->data(0, FileRole).toString() == filePath) {
            m_list->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

void ConnectionManager::showItem(QTreeWidgetItem *item)
{
    if (!item || item->data(0, FileRole).toString().isEmpty())
        return;
    const QString file = item->data(0, FileRole).toString();
    const QString broken = item->data(0, BrokenRole).toString();
    m_openAsText->setVisible(!broken.isEmpty());
    m_form->setEnabled(broken.isEmpty());
    if (!broken.isEmpty()) {
        m_brokenFile = file;
        m_currentFile.clear();
        setStatus(
            tr("This file does not open as a profile, so it is never overwritten: %1").arg(broken));
        return;
    }
    m_brokenFile.clear();
    const Result<ParsedProfile> loaded = loadProfileFile(file);
    if (!loaded)
        return setStatus(loaded.error().toString());
    m_currentFile = file;
    m_form->setProfile(loaded->profile);
    setStatus(QString());
}

void ConnectionManager::newProfile(const ConnectionProfile &from)
{
    ConnectionProfile profile = from;
    profile.filePath.clear();
    if (profile.name.isEmpty())
        profile.name = tr("New connection");
    m_list->setCurrentItem(nullptr);
    m_currentFile.clear();
    m_brokenFile.clear();
    m_form->setEnabled(true);
    m_openAsText->hide();
    m_form->setProfile(profile);
    setStatus(tr("Not saved yet."));
}

void ConnectionManager::duplicateCurrent()
{
    ConnectionProfile copy = m_form->profile();
    copy.name = tr("%1 (copy)").arg(copy.name);
    newProfile(copy);
}

bool ConnectionManager::deleteCurrent(const std::function<bool(const QString &)> &confirm)
{
    const QString file = m_currentFile.isEmpty() ? m_brokenFile : m_currentFile;
    if (file.isEmpty() || !confirm(QFileInfo(file).completeBaseName()))
        return false;
    if (!QFile::remove(file)) {
        setStatus(tr("Cannot delete %1.").arg(file));
        return false;
    }
    m_currentFile.clear();
    m_brokenFile.clear();
    reload();
    newProfile();
    setStatus(tr("Deleted %1.").arg(QFileInfo(file).fileName()));
    emit profilesChanged();
    return true;
}

Result<QString> ConnectionManager::saveCurrent()
{
    if (!m_brokenFile.isEmpty()) {
        const Error refused{tr("this file does not open as a profile, so it is not "
                               "overwritten"),
                            m_brokenFile, tr("Open it as text and fix it, or delete it.")};
        setStatus(refused.toString());
        return refused;
    }
    Result<ConnectionProfile> profile = m_form->checked();
    if (!profile) {
        setStatus(tr("Not saved: ") + profile.error().message);
        return profile.error();
    }
    const Result<QString> saved = m_store->save(profile.value(), m_currentFile);
    if (!saved) {
        setStatus(saved.error().toString());
        return saved;
    }
    m_currentFile = saved.value();
    reload();
    select(m_currentFile);
    setStatus(tr("Saved %1.").arg(m_currentFile));
    emit profilesChanged();
    return saved;
}

void ConnectionManager::testCurrent()
{
    Result<ConnectionProfile> profile = m_form->checked();
    if (!profile) {
        setStatus(tr("Not tested: ") + profile.error().message);
        return emit testFinished(false);
    }
    Result<ConnectionParameters> parameters = profile->connectionParameters();
    if (!parameters) {
        setStatus(parameters.error().toString());
        return emit testFinished(false);
    }
    // The password as connecting finds it: asked, or from the keychain; a refused one is asked
    // again, and one to remember is stored once the server has taken it.
    m_passwords->resolve(profile.value(), parameters.value(), [this](ConnectionParameters ready) {
        setStatus(tr("Connecting…"));
        probeConnection(this, ready, [this](Result<ProbeReport> report) {
            if (!report && m_passwords->retryAfter(report.error()))
                return;
            if (!report) {
                setStatus(
                    tr("Failed: ") + report.error().message +
                    (report.error().hint.isEmpty() ? QString() : u"\n"_s + report.error().hint));
                return emit testFinished(false);
            }
            m_passwords->connected();
            setStatus(tr("Connected: PostgreSQL %1, connecting took %2 ms, a round trip %3 ms; %4.")
                          .arg(report->serverVersion, QString::number(report->connectMs, 'f', 1),
                               QString::number(report->roundTripMs, 'f', 1),
                               report->ssl.isEmpty() ? tr("not encrypted")
                                                     : tr("encrypted (%1)").arg(report->ssl)));
            emit testFinished(true);
        });
    });
}

void ConnectionManager::openAsText()
{
    if (!m_brokenFile.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_brokenFile));
}

QString ConnectionManager::status() const
{
    return m_status->text();
}

void ConnectionManager::setStatus(const QString &text)
{
    m_status->setText(text);
}

} // namespace mizzle
