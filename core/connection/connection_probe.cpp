#include "connection/connection_probe.h"

#include "connection/pg_connection.h"

#include <QElapsedTimer>
#include <memory>

using namespace Qt::StringLiterals;

namespace mizzle {

QString commonConnectionHint(const QString &libpqMessage)
{
    const struct
    {
        QLatin1StringView says;
        const char *hint;
    } hints[] = {
        {"password authentication failed"_L1,
         "The password is wrong for this user, or the user does not exist. With ~/.pgpass, check "
         "its line for this host, port, database and user."},
        {"SASL authentication failed"_L1,
         "The password is wrong for this user (PgBouncer checked it against its auth_file or "
         "auth_query)."},
        {"no pg_hba.conf entry"_L1,
         "The server does not let this user reach this database from here: its pg_hba.conf "
         "needs a line for them (ask its administrator), or it may accept only SSL "
         "connections (sslmode require)."},
        {"Connection refused"_L1,
         "Nothing listens at this host and port: is the server running, and does it listen "
         "there (listen_addresses, port)?"},
        {"certificate verify failed"_L1,
         "The server's certificate does not verify against the root certificate: check "
         "sslrootcert, and that the host name is the one in the certificate."},
        {"could not translate host name"_L1,
         "The host name does not resolve: check its spelling, or give an IP address."},
    };
    for (const auto &[says, hint] : hints) {
        if (libpqMessage.contains(says, Qt::CaseInsensitive))
            return QString::fromUtf8(hint);
    }
    return {};
}

void probeConnection(QObject *context, const ConnectionParameters &parameters,
                     std::function<void(Result<ProbeReport>)> done)
{
    // The connection is the context's child: if the context goes, so does the probe.
    auto *connection = new PgConnection(context);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const auto finish = [connection, done](Result<ProbeReport> report) {
        connection->deleteLater();
        done(std::move(report));
    };
    connection->open(connection, parameters, [connection, timer, finish](Result<void> opened) {
        if (!opened) {
            Error error = opened.error();
            const QString hint = commonConnectionHint(error.message);
            if (!hint.isEmpty())
                error.hint = hint;
            return finish(error);
        }
        ProbeReport report;
        report.connectMs = double(timer->nsecsElapsed()) / 1e6;
        timer->restart();
        connection->exec(connection,
                         u"SELECT current_setting('server_version'), "
                         "(SELECT version || ', ' || cipher FROM pg_stat_ssl "
                         "WHERE pid = pg_backend_pid() AND ssl)"_s,
                         {}, [timer, report, finish](Result<QueryResult> answer) mutable {
                             if (!answer)
                                 return finish(answer.error());
                             report.roundTripMs = double(timer->nsecsElapsed()) / 1e6;
                             report.serverVersion = answer->text(0, 0);
                             report.ssl = answer->isNull(0, 1) ? QString() : answer->text(0, 1);
                             finish(report);
                         });
    });
}

} // namespace mizzle
