#include "shell/connection_picker.h"

#include "common/file_dialogs.h"
#include "profile/profile_store.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSet>

namespace mizzle {

namespace {
enum class Entry { Current, Playground, Profile, OpenFile, Uri };
constexpr int EntryRole = Qt::UserRole + 1;
constexpr int PathRole = Qt::UserRole + 2;
} // namespace

ConnectionPicker::ConnectionPicker(ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_combo(new QComboBox(this))
{
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(24);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Connection:"), this));
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &ConnectionPicker::onActivated);
    reload();
}

void ConnectionPicker::reload()
{
    const QString current = m_combo->count() ? m_combo->itemText(0) : tr("Not connected");
    m_combo->clear();
    m_combo->addItem(current, int(Entry::Current));
    m_combo->insertSeparator(1);
    m_combo->addItem(tr("Playground (local demo cluster)"), int(Entry::Playground));
    QSet<QString> listed;
    const auto addProfile = [this, &listed](const QString &path, const QString &label) {
        const QString canonical = QFileInfo(path).absoluteFilePath();
        if (listed.contains(canonical))
            return;
        listed.insert(canonical);
        m_combo->addItem(label, int(Entry::Profile));
        m_combo->setItemData(m_combo->count() - 1, canonical, PathRole);
        m_combo->setItemData(m_combo->count() - 1, canonical, Qt::ToolTipRole);
    };
    for (const auto &loaded : m_store->loadAll()) {
        if (loaded.ok())
            addProfile(loaded->profile.filePath, loaded->profile.name);
    }
    for (const QString &recent : m_store->recentFiles()) {
        if (QFileInfo::exists(recent))
            addProfile(recent, QFileInfo(recent).fileName() + tr(" (recent)"));
    }
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("Open profile file…"), int(Entry::OpenFile));
    m_combo->addItem(tr("Connect to URI…"), int(Entry::Uri));
    m_combo->setCurrentIndex(0);
}

void ConnectionPicker::setCurrentLabel(const QString &label)
{
    m_combo->setItemText(0, label);
    m_combo->setCurrentIndex(0);
}

void ConnectionPicker::onActivated(int index)
{
    const auto entry = Entry(m_combo->itemData(index).toInt());
    const QString path = m_combo->itemData(index, PathRole).toString();
    m_combo->setCurrentIndex(0);
    switch (entry) {
    case Entry::Current:
        break;
    case Entry::Playground:
        emit playgroundChosen();
        break;
    case Entry::Profile:
        emit profileChosen(path);
        break;
    case Entry::OpenFile:
        chooseProfileFile();
        break;
    case Entry::Uri:
        askForUri();
        break;
    }
}

void ConnectionPicker::chooseProfileFile()
{
    const QString path = chooseOpenFile(window(), tr("Open connection profile"),
                                        m_store->directory(), tr("Mizzle profiles (*.json)"));
    if (!path.isEmpty())
        emit profileChosen(path);
}

void ConnectionPicker::askForUri()
{
    bool accepted = false;
    const QString uri = QInputDialog::getText(
        window(), tr("Connect to URI"),
        tr("libpq connection URI or key=value string, e.g. postgresql://user@host/dbname:"),
        QLineEdit::Normal, {}, &accepted);
    if (accepted && !uri.trimmed().isEmpty())
        emit uriChosen(uri.trimmed());
}

} // namespace mizzle
