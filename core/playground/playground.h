#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"

#include <QObject>
#include <functional>

namespace mizzle {

class PgConnection;

// A private PostgreSQL cluster for trying Mizzle without a server: created with initdb under the
// user's data folder, reachable only through a Unix socket in a folder only the user can enter,
// and filled once with a demo schema (resources/playground/demo_schema.sql). Every step runs
// asynchronously; the server programs run as child processes.
class Playground : public QObject
{
    Q_OBJECT
public:
    explicit Playground(QString directory, QObject *parent = nullptr);
    ~Playground() override;

    // <AppLocalDataLocation>/playground, e.g. ~/.local/share/mizzle/playground.
    static QString defaultDirectory();
    static inline const QString kDatabase = QStringLiteral("playground");

    QString directory() const { return m_directory; }
    QString socketDirectory() const;
    ConnectionParameters connectionParameters() const;

    // Creates the cluster if needed, starts it unless it already runs (then it is reused), and
    // loads the demo schema once. Ends with ready() or failed().
    void start();
    // Stops the server if start() launched it; a reused server is left alone. Waits for the
    // server to shut down: meant for the moment the app quits.
    void stop();
    bool launchedServer() const { return m_launched; }

signals:
    void progress(const QString &step);
    void ready(const ConnectionParameters &parameters);
    void failed(const Error &error);

private:
    void runTool(const QString &tool, const QStringList &arguments,
                 std::function<void(int exitCode, const QString &output)> done);
    void createCluster();
    void startServer();
    void ensureDemoDatabase();
    void loadDemoSchema();
    void fail(const QString &message, const QString &detail = {});
    QString dataDirectory() const;

    QString m_directory;
    QString m_binDir;
    bool m_launched = false;
    PgConnection *m_setup = nullptr; // child; the maintenance connection used while loading
};

} // namespace mizzle
