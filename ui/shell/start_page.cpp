#include "shell/start_page.h"

#include "profile/profile_store.h"

#include <QCommandLinkButton>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

const QString tablesKey = u"start/tables"_s; // "connection\tschema\tname", most recent first

} // namespace

StartPage::StartPage(ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(u"startPage"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 32, 48, 32);
    refresh({});
}

void StartPage::addHeading(const QString &text)
{
    auto *heading = new QLabel(u"<h3>%1</h3>"_s.arg(text.toHtmlEscaped()), m_content);
    m_links->addWidget(heading);
}

void StartPage::addLink(const QString &text, const QString &detail,
                        const std::function<void()> &chosen)
{
    auto *link = new QCommandLinkButton(text, detail, m_content);
    link->setMaximumWidth(560);
    connect(link, &QCommandLinkButton::clicked, this, chosen);
    m_links->addWidget(link);
}

void StartPage::showEvent(QShowEvent *event)
{
    refresh(m_connection);
    QWidget::showEvent(event);
}

void StartPage::refresh(const QString &connection)
{
    m_connection = connection;
    delete m_content;
    m_content = new QWidget(this);
    m_links = new QVBoxLayout(m_content);
    m_links->setContentsMargins(0, 0, 0, 0);
    qobject_cast<QVBoxLayout *>(layout())->addWidget(m_content);

    if (!connection.isEmpty()) {
        addHeading(tr("%1").arg(connection));
        addLink(tr("New SQL Editor"), tr("Ctrl+T"), [this] { emit newQueryRequested(); });
        for (const auto &[schema, name] : recentTables(connection)) {
            addLink(schema + u'.' + name, tr("Last opened on this connection"),
                    [this, schema, name] { emit tableChosen(schema, name); });
        }
    }
    addHeading(tr("Connect"));
    int shown = 0;
    for (const Result<ParsedProfile> &profile : m_store->loadAll()) {
        if (!profile || shown++ >= 8)
            continue;
        const QString path = profile->profile.filePath;
        addLink(profile->profile.name,
                profile->profile.group.isEmpty() ? QFileInfo(path).fileName()
                                                 : profile->profile.group,
                [this, path] { emit profileChosen(path); });
    }
    for (const QString &path : m_store->recentFiles()) {
        addLink(QFileInfo(path).completeBaseName(), path,
                [this, path] { emit profileChosen(path); });
    }
    addLink(tr("Playground"), tr("A local PostgreSQL with a demo schema, started for you"),
            [this] { emit playgroundChosen(); });
    addLink(tr("Connect to URI…"), u"postgresql://user@host/dbname"_s, [this] {
        bool ok = false;
        const QString uri =
            QInputDialog::getText(this, tr("Connect to URI"), tr("libpq URI or key=value string:"),
                                  QLineEdit::Normal, {}, &ok);
        if (ok && !uri.trimmed().isEmpty())
            emit uriChosen(uri.trimmed());
    });
    addLink(tr("New Connection…"), tr("A profile made in the connection manager (Ctrl+N)"),
            [this] { emit newConnectionRequested(); });
    m_links->addStretch();
}

void StartPage::rememberTable(const QString &connection, const QString &schema, const QString &name)
{
    QSettings settings;
    QStringList entries = settings.value(tablesKey).toStringList();
    const QString entry = QStringList{connection, schema, name}.join(u'\t');
    entries.removeAll(entry);
    entries.prepend(entry);
    settings.setValue(tablesKey, entries.mid(0, 50));
}

QList<std::pair<QString, QString>> StartPage::recentTables(const QString &connection)
{
    QList<std::pair<QString, QString>> tables;
    for (const QString &entry : QSettings().value(tablesKey).toStringList()) {
        const QStringList parts = entry.split(u'\t');
        if (parts.size() == 3 && parts.at(0) == connection && tables.size() < maxRecentTables)
            tables.append({parts.at(1), parts.at(2)});
    }
    return tables;
}

} // namespace mizzle
