#include "monitor/pgbouncer_show.h"

#include <algorithm>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

enum Command { Pools, Stats, Clients, Servers, Databases, Version, CommandCount };

// int2, int4, int8, oid and numeric: what PgBouncer sends its counts and times as.
bool isNumericType(unsigned int oid)
{
    return oid == 20 || oid == 21 || oid == 23 || oid == 26 || oid == 1700;
}

Error missingColumn(const QString &command, const QString &column)
{
    return Error{u"PgBouncer's %1 has no column \"%2\""_s.arg(command, column),
                 u"the PgBouncer admin console"_s,
                 u"Mizzle reads PgBouncer 1.12 and later; check what the console is."_s};
}

// Reads one row's columns by name; remembers the first required column that is missing.
class RowReader
{
public:
    RowReader(const PgBouncerTable &table, const QString &command)
        : m_table(table)
        , m_command(command)
    {}

    QString text(const QMap<QString, QString> &row, const QString &column, bool required)
    {
        if (required && !m_missing && !m_table.columns.contains(column))
            m_missing = missingColumn(m_command, column);
        return row.value(column);
    }
    qint64 number(const QMap<QString, QString> &row, const QString &column, bool required)
    {
        return text(row, column, required).toLongLong();
    }
    const std::optional<Error> &missing() const { return m_missing; }

private:
    const PgBouncerTable &m_table;
    QString m_command;
    std::optional<Error> m_missing;
};

PgBouncerConnection readConnection(RowReader &reader, const QMap<QString, QString> &row)
{
    PgBouncerConnection connection;
    connection.user = reader.text(row, u"user"_s, true);
    connection.database = reader.text(row, u"database"_s, true);
    connection.state = reader.text(row, u"state"_s, true);
    connection.applicationName = reader.text(row, u"application_name"_s, false);
    connection.ptr = reader.text(row, u"ptr"_s, false);
    connection.link = reader.text(row, u"link"_s, false);
    connection.remotePid = int(reader.number(row, u"remote_pid"_s, false));
    return connection;
}

} // namespace

QStringList pgbouncerCommands()
{
    return {u"SHOW POOLS"_s,   u"SHOW STATS"_s,     u"SHOW CLIENTS"_s,
            u"SHOW SERVERS"_s, u"SHOW DATABASES"_s, u"SHOW VERSION"_s};
}

PgBouncerTable readPgBouncerTable(const QueryResult &result)
{
    PgBouncerTable table;
    for (const ResultColumn &column : result.columns()) {
        table.columns.append(column.name);
        if (isNumericType(column.typeOid))
            table.numericColumns.insert(column.name);
    }
    for (qsizetype row = 0; row < result.rowCount(); ++row) {
        QMap<QString, QString> values;
        for (int column = 0; column < result.columnCount(); ++column)
            values.insert(table.columns[column], result.text(row, column));
        table.rows.append(values);
    }
    return table;
}

Result<PgBouncerSample> readPgBouncerSample(const QList<QueryResult> &results)
{
    if (results.size() != CommandCount)
        return Error{
            u"PgBouncer answered %1 of %2 commands"_s.arg(results.size()).arg(CommandCount),
            u"the PgBouncer admin console"_s};
    const QStringList commands = pgbouncerCommands();
    PgBouncerSample sample;
    sample.showPools = readPgBouncerTable(results[Pools]);
    sample.showStats = readPgBouncerTable(results[Stats]);
    sample.showClients = readPgBouncerTable(results[Clients]);
    sample.showServers = readPgBouncerTable(results[Servers]);
    sample.showDatabases = readPgBouncerTable(results[Databases]);
    const PgBouncerTable version = readPgBouncerTable(results[Version]);
    if (!version.rows.isEmpty())
        sample.version = version.rows.first().value(u"version"_s);

    // pool_size is per database; a pool is one database and user.
    QMap<QString, int> poolSizes;
    RowReader databases(sample.showDatabases, commands[Databases]);
    for (const auto &row : sample.showDatabases.rows)
        poolSizes.insert(databases.text(row, u"name"_s, true),
                         int(databases.number(row, u"pool_size"_s, true)));

    RowReader pools(sample.showPools, commands[Pools]);
    for (const auto &row : sample.showPools.rows) {
        PgBouncerPool pool;
        pool.database = pools.text(row, u"database"_s, true);
        pool.user = pools.text(row, u"user"_s, true);
        pool.clActive = int(pools.number(row, u"cl_active"_s, true));
        pool.clWaiting = int(pools.number(row, u"cl_waiting"_s, true));
        pool.svActive = int(pools.number(row, u"sv_active"_s, true));
        pool.svIdle = int(pools.number(row, u"sv_idle"_s, true));
        pool.svUsed = int(pools.number(row, u"sv_used"_s, true));
        pool.maxwaitS = double(pools.number(row, u"maxwait"_s, true)) +
                        double(pools.number(row, u"maxwait_us"_s, false)) / 1e6;
        pool.poolMode = pools.text(row, u"pool_mode"_s, false);
        if (poolSizes.contains(pool.database))
            pool.poolSize = poolSizes.value(pool.database);
        sample.pools.append(pool);
    }

    RowReader stats(sample.showStats, commands[Stats]);
    const bool assignments = sample.showStats.columns.contains(u"total_server_assignment_count"_s);
    for (const auto &row : sample.showStats.rows) {
        PgBouncerCounters counters;
        counters.database = stats.text(row, u"database"_s, true);
        counters.totalWaitTimeUs = stats.number(row, u"total_wait_time"_s, true);
        counters.totalXactCount = stats.number(row, u"total_xact_count"_s, true);
        counters.totalServerAssignmentCount =
            assignments ? stats.number(row, u"total_server_assignment_count"_s, true)
                        : counters.totalXactCount;
        sample.counters.append(counters);
    }

    RowReader clients(sample.showClients, commands[Clients]);
    for (const auto &row : sample.showClients.rows)
        sample.clients.append(readConnection(clients, row));
    RowReader servers(sample.showServers, commands[Servers]);
    for (const auto &row : sample.showServers.rows)
        sample.servers.append(readConnection(servers, row));

    for (const RowReader *reader : {&databases, &pools, &stats, &clients, &servers}) {
        if (reader->missing())
            return *reader->missing();
    }
    return sample;
}

QList<PgBouncerWait> pgbouncerWaits(const QList<PgBouncerCounters> &before,
                                    const QList<PgBouncerCounters> &after, qint64 intervalMs)
{
    QList<PgBouncerWait> waits;
    if (intervalMs <= 0)
        return waits;
    for (const PgBouncerCounters &now : after) {
        const auto earlier = std::find_if(before.begin(), before.end(), [&](const auto &each) {
            return each.database == now.database;
        });
        if (earlier == before.end())
            continue;
        const qint64 assignments =
            now.totalServerAssignmentCount - earlier->totalServerAssignmentCount;
        const qint64 waitedUs = now.totalWaitTimeUs - earlier->totalWaitTimeUs;
        if (assignments < 0 || waitedUs < 0)
            continue; // counters went back: PgBouncer restarted in between
        PgBouncerWait wait{now.database, double(intervalMs) / 1000.0, assignments, std::nullopt};
        if (assignments > 0)
            wait.meanWaitMs = double(waitedUs) / 1000.0 / double(assignments);
        waits.append(wait);
    }
    return waits;
}

} // namespace mizzle::monitor
