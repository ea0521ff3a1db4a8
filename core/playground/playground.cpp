#include "playground/playground.h"

#include "connection/pg_connection.h"
#include "playground/postgres_binaries.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <unistd.h>

namespace mizzle {

namespace {
const QString kSetupDatabase = QStringLiteral("playground_loading");
// sockaddr_un holds 108 bytes; leave room for "/.s.PGSQL.5432" and the terminator.
constexpr int kMaxSocketDirLength = 90;
} // namespace

Playground::Playground(QString directory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
{}

Playground::~Playground() = default;

QString Playground::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/playground");
}

QString Playground::dataDirectory() const
{
    return m_directory + QStringLiteral("/data");
}

QString Playground::socketDirectory() const
{
    const QString inside = m_directory + QStringLiteral("/socket");
    if (inside.toUtf8().size() <= kMaxSocketDirLength)
        return inside;
    // A deep data folder would overflow a socket path: use a per-user folder in /tmp instead.
    const QByteArray hash =
        QCryptographicHash::hash(m_directory.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QStringLiteral("/tmp/mizzle-%1-%2").arg(getuid()).arg(QString::fromLatin1(hash));
}

ConnectionParameters Playground::connectionParameters() const
{
    ConnectionParameters parameters;
    parameters.set(QStringLiteral("host"), socketDirectory());
    parameters.set(QStringLiteral("dbname"), kDatabase);
    parameters.set(QStringLiteral("application_name"), QStringLiteral("Mizzle"));
    return parameters;
}

void Playground::start()
{
    Result<QString> binDir = findPostgresBinDir();
    if (!binDir.ok()) {
        emit failed(binDir.error());
        return;
    }
    m_binDir = binDir.value();
    if (!QDir().mkpath(m_directory) || !QDir().mkpath(socketDirectory())) {
        fail(QStringLiteral("could not create the folder %1").arg(m_directory));
        return;
    }
    // Only the user may enter the socket folder: that, not a password, guards the server.
    QFile::setPermissions(socketDirectory(),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (QFile::exists(dataDirectory() + QStringLiteral("/PG_VERSION")))
        startServer();
    else
        createCluster();
}

void Playground::createCluster()
{
    emit progress(QStringLiteral("Creating the playground cluster in %1…").arg(dataDirectory()));
    runTool(QStringLiteral("initdb"),
            {QStringLiteral("--pgdata=") + dataDirectory(), QStringLiteral("--auth=peer"),
             QStringLiteral("--encoding=UTF8"), QStringLiteral("--no-locale"),
             QStringLiteral("--no-instructions")},
            [this](int exitCode, const QString &output) {
                if (exitCode != 0) {
                    QDir(dataDirectory()).removeRecursively();
                    fail(QStringLiteral("initdb failed"), output);
                    return;
                }
                QFile config(dataDirectory() + QStringLiteral("/postgresql.conf"));
                if (!config.open(QIODevice::Append)) {
                    fail(QStringLiteral("could not write %1").arg(config.fileName()));
                    return;
                }
                QString socketDir = socketDirectory();
                socketDir.replace(u'\'', QStringLiteral("''"));
                config.write(QStringLiteral("\n# Mizzle playground: Unix socket only.\n"
                                            "listen_addresses = ''\n"
                                            "unix_socket_directories = '%1'\n")
                                 .arg(socketDir)
                                 .toUtf8());
                config.close();
                startServer();
            });
}

void Playground::startServer()
{
    runTool(QStringLiteral("pg_ctl"),
            {QStringLiteral("status"), QStringLiteral("-D"), dataDirectory()},
            [this](int status, const QString &) {
                if (status == 0) { // already running: reuse it, and leave it running at the end
                    ensureDemoDatabase();
                    return;
                }
                emit progress(QStringLiteral("Starting the playground server…"));
                runTool(QStringLiteral("pg_ctl"),
                        {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-D"),
                         dataDirectory(), QStringLiteral("-l"),
                         m_directory + QStringLiteral("/server.log")},
                        [this](int exitCode, const QString &output) {
                            if (exitCode != 0) {
                                fail(QStringLiteral("the playground server did not start; its "
                                                    "log is %1/server.log")
                                         .arg(m_directory),
                                     output);
                                return;
                            }
                            m_launched = true;
                            ensureDemoDatabase();
                        });
            });
}

void Playground::ensureDemoDatabase()
{
    delete m_setup;
    m_setup = new PgConnection(this);
    ConnectionParameters maintenance = connectionParameters();
    maintenance.set(QStringLiteral("dbname"), QStringLiteral("postgres"));
    m_setup->open(this, maintenance, [this](Result<void> opened) {
        if (!opened.ok()) {
            emit failed(opened.error());
            return;
        }
        m_setup->exec(this,
                      QStringLiteral("SELECT datname FROM pg_database WHERE datname IN ($1, $2)"),
                      {kDatabase, kSetupDatabase}, [this](Result<QueryResult> found) {
                          if (!found.ok()) {
                              emit failed(found.error());
                              return;
                          }
                          for (qsizetype row = 0; row < found->rowCount(); ++row) {
                              if (found->text(row, 0) == kDatabase) {
                                  emit ready(connectionParameters());
                                  return;
                              }
                          }
                          loadDemoSchema();
                      });
    });
}

void Playground::loadDemoSchema()
{
    emit progress(QStringLiteral("Loading the demo schema (a million order lines, once)…"));
    QFile script(QStringLiteral(":/mizzle/playground/demo_schema.sql"));
    if (!script.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("the demo schema is missing from this build"));
        return;
    }
    const QString sql = QString::fromUtf8(script.readAll());
    // Load under a scratch name and rename at the end, so an interrupted load never leaves a
    // half-filled "playground" behind; a leftover scratch database is dropped and redone.
    const QString prepare = QStringLiteral("DROP DATABASE IF EXISTS %1").arg(kSetupDatabase);
    m_setup->execScript(this, prepare, [this, sql](Result<QueryResult> dropped) {
        if (!dropped.ok()) {
            emit failed(dropped.error());
            return;
        }
        m_setup->execScript(
            this, QStringLiteral("CREATE DATABASE %1").arg(kSetupDatabase),
            [this, sql](Result<QueryResult> created) {
                if (!created.ok()) {
                    emit failed(created.error());
                    return;
                }
                auto *loader = new PgConnection(this);
                ConnectionParameters target = connectionParameters();
                target.set(QStringLiteral("dbname"), kSetupDatabase);
                loader->open(this, target, [this, loader, sql](Result<void> opened) {
                    if (!opened.ok()) {
                        loader->deleteLater();
                        emit failed(opened.error());
                        return;
                    }
                    loader->execScript(this, sql, [this, loader](Result<QueryResult> loaded) {
                        loader->deleteLater();
                        loader->close();
                        if (!loaded.ok()) {
                            emit failed(loaded.error());
                            return;
                        }
                        m_setup->execScript(this,
                                            QStringLiteral("ALTER DATABASE %1 RENAME TO %2")
                                                .arg(kSetupDatabase, kDatabase),
                                            [this](Result<QueryResult> renamed) {
                                                if (renamed.ok())
                                                    emit ready(connectionParameters());
                                                else
                                                    emit failed(renamed.error());
                                            });
                    });
                });
            });
    });
}

void Playground::stop()
{
    delete m_setup;
    m_setup = nullptr;
    if (!m_launched || m_binDir.isEmpty())
        return;
    QProcess::execute(m_binDir + QStringLiteral("/pg_ctl"),
                      {QStringLiteral("stop"), QStringLiteral("-w"), QStringLiteral("-m"),
                       QStringLiteral("fast"), QStringLiteral("-D"), dataDirectory()});
    m_launched = false;
}

void Playground::runTool(const QString &tool, const QStringList &arguments,
                         std::function<void(int, const QString &)> done)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::finished, this,
            [process, done](int exitCode, QProcess::ExitStatus status) {
                process->deleteLater();
                done(status == QProcess::NormalExit ? exitCode : -1,
                     QString::fromLocal8Bit(process->readAll()).trimmed());
            });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        done(-1, process->errorString());
    });
    process->start(m_binDir + QLatin1Char('/') + tool, arguments);
}

void Playground::fail(const QString &message, const QString &detail)
{
    emit failed(Error{message,
                      QStringLiteral("playground %1").arg(m_directory),
                      QStringLiteral("Fix the cause, or delete %1 to start afresh; meanwhile a "
                                     "connection profile still works.")
                          .arg(m_directory),
                      {},
                      detail,
                      -1});
}

} // namespace mizzle
