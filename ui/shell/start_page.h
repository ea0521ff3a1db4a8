#pragma once

#include <QWidget>

class QVBoxLayout;

namespace mizzle {

class ProfileStore;

// What the window shows when no tab is open: the recent profiles and the playground, Connect to
// URI… and New Connection…; once connected, a new SQL editor and the tables last opened on this
// connection.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int maxRecentTables = 8;

    explicit StartPage(ProfileStore *store, QWidget *parent = nullptr);

    // Rebuilds the page for the connection shown by that name (empty: none). It is rebuilt
    // each time it shows, too: a table opened since is offered.
    void refresh(const QString &connection);
    // Records a table opened on a connection, most recent first (QSettings "start/tables").
    static void rememberTable(const QString &connection, const QString &schema,
                              const QString &name);
    static QList<std::pair<QString, QString>> recentTables(const QString &connection);

signals:
    void playgroundChosen();
    void profileChosen(const QString &filePath);
    void uriChosen(const QString &uri);
    void newConnectionRequested();
    void newQueryRequested();
    void tableChosen(const QString &schema, const QString &name);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void addHeading(const QString &text);
    void addLink(const QString &text, const QString &detail, const std::function<void()> &chosen);

    ProfileStore *m_store;
    QString m_connection;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_links = nullptr;
};

} // namespace mizzle
