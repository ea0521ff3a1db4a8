#include "monitor/holder_links.h"

#include <algorithm>

namespace mizzle::monitor {

namespace {

template <typename Match>
std::optional<PgBouncerConnection> findConnection(const QList<PgBouncerConnection> &connections,
                                                  Match match)
{
    const auto found = std::find_if(connections.begin(), connections.end(), match);
    if (found == connections.end())
        return std::nullopt;
    return *found;
}

} // namespace

QList<HolderLink> linkHolders(const QList<PoolHolder> &holders, const PgBouncerSample *pgbouncer,
                              const ServerSample *server)
{
    QList<HolderLink> links;
    for (const PoolHolder &holder : holders) {
        HolderLink link{holder, std::nullopt, std::nullopt, 0, std::nullopt};
        if (pgbouncer) {
            // The suffix makes the name unique; an empty one would match strangers.
            if (!holder.applicationName.isEmpty()) {
                link.client = findConnection(pgbouncer->clients, [&](const auto &client) {
                    return client.applicationName == holder.applicationName;
                });
            }
            if (link.client && !link.client->link.isEmpty()) {
                const QString clientPtr = link.client->ptr;
                const QString serverPtr = link.client->link;
                link.server = findConnection(pgbouncer->servers, [&](const auto &each) {
                    return each.ptr == serverPtr ||
                           (!clientPtr.isEmpty() && each.link == clientPtr);
                });
            }
            if (link.server)
                link.backendPid = link.server->remotePid;
        } else {
            link.backendPid = holder.backendPid;
        }
        if (server) {
            if (const Session *session =
                    link.backendPid ? server->session(link.backendPid) : nullptr)
                link.session = *session;
            // PgBouncer passes application_name on to the server it links, so a backend can
            // also be told by the name when the link was not visible.
            if (!link.session && !holder.applicationName.isEmpty()) {
                const auto named = std::count_if(
                    server->sessions.begin(), server->sessions.end(), [&](const Session &each) {
                        return each.applicationName == holder.applicationName;
                    });
                for (const Session &each : server->sessions) {
                    if (named == 1 && each.applicationName == holder.applicationName) {
                        link.session = each;
                        if (!link.backendPid || pgbouncer)
                            link.backendPid = each.pid;
                    }
                }
            }
        }
        links.append(link);
    }
    return links;
}

} // namespace mizzle::monitor
