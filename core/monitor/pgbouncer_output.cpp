#include "monitor/pgbouncer_output.h"

#include <QJsonArray>
#include <cmath>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

QJsonValue rounded(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

QJsonObject rowToJson(const PgBouncerTable &table, const QMap<QString, QString> &row)
{
    QJsonObject object;
    for (const QString &column : table.columns) {
        const QString text = row.value(column);
        bool numeric = false;
        const double number = text.toDouble(&numeric);
        if (table.numericColumns.contains(column) && numeric)
            object.insert(column, number);
        else
            object.insert(column, text);
    }
    return object;
}

QJsonArray tableToJson(const PgBouncerTable &table)
{
    QJsonArray rows;
    for (const auto &row : table.rows)
        rows.append(rowToJson(table, row));
    return rows;
}

const PgBouncerWait *waitOf(const PgBouncerSample &sample, const QString &database)
{
    for (const PgBouncerWait &wait : sample.waits) {
        if (wait.database == database)
            return &wait;
    }
    return nullptr;
}

} // namespace

QJsonObject pgbouncerSampleToJson(const PgBouncerSample &sample)
{
    QJsonArray pools;
    for (qsizetype i = 0; i < sample.showPools.rows.size(); ++i) {
        QJsonObject pool = rowToJson(sample.showPools, sample.showPools.rows[i]);
        // PgBouncer keeps pool_size in SHOW DATABASES; a future SHOW POOLS column of that name
        // would win.
        if (!pool.contains(u"pool_size"_s)) {
            const auto &size = i < sample.pools.size() ? sample.pools[i].poolSize : std::nullopt;
            pool.insert(u"pool_size"_s, size ? QJsonValue(*size) : QJsonValue(QJsonValue::Null));
        }
        pools.append(pool);
    }
    QJsonArray waits;
    for (const PgBouncerWait &wait : sample.waits) {
        waits.append(
            QJsonObject{{u"database"_s, wait.database},
                        {u"interval_s"_s, rounded(wait.intervalS)},
                        {u"server_assignments"_s, double(wait.assignments)},
                        {u"mean_wait_ms"_s, wait.meanWaitMs ? rounded(*wait.meanWaitMs)
                                                            : QJsonValue(QJsonValue::Null)}});
    }
    return QJsonObject{
        {u"version"_s, sample.version},
        {u"sample_cost_ms"_s, rounded(sample.costMs)},
        {u"pools"_s, pools},
        {u"stats"_s, tableToJson(sample.showStats)},
        {u"clients"_s, tableToJson(sample.showClients)},
        {u"servers"_s, tableToJson(sample.showServers)},
        {u"databases"_s, tableToJson(sample.showDatabases)},
        {u"waits"_s, waits},
    };
}

QString pgbouncerSampleToText(const PgBouncerSample &sample)
{
    QString text = u"%1  sample %2 ms  %3 pool(s), %4 client(s), %5 server connection(s)\n"_s
                       .arg(sample.version.isEmpty() ? u"PgBouncer"_s : sample.version)
                       .arg(sample.costMs, 0, 'f', 1)
                       .arg(sample.pools.size())
                       .arg(sample.clients.size())
                       .arg(sample.servers.size());
    const QString row = u"%1 %2 %3 %4 %5 %6 %7 %8 %9 %10\n"_s;
    text += row.arg(u"DATABASE"_s.leftJustified(20), u"USER"_s.leftJustified(14),
                    u"MODE"_s.leftJustified(11), u"SIZE"_s.rightJustified(4),
                    u"CL_ACT"_s.rightJustified(6), u"CL_WAIT"_s.rightJustified(7),
                    u"SV_ACT"_s.rightJustified(6), u"SV_IDLE"_s.rightJustified(7),
                    u"MAXWAIT"_s.rightJustified(8), u"MEAN WAIT"_s);
    for (const PgBouncerPool &pool : sample.pools) {
        const PgBouncerWait *wait = waitOf(sample, pool.database);
        const QString meanWait = wait && wait->meanWaitMs
                                     ? QString::number(*wait->meanWaitMs, 'f', 2) + u" ms"_s
                                     : u"-"_s;
        text +=
            row.arg(pool.database.leftJustified(20), pool.user.leftJustified(14),
                    pool.poolMode.leftJustified(11),
                    (pool.poolSize ? QString::number(*pool.poolSize) : u"-"_s).rightJustified(4),
                    QString::number(pool.clActive).rightJustified(6),
                    QString::number(pool.clWaiting).rightJustified(7),
                    QString::number(pool.svActive).rightJustified(6),
                    QString::number(pool.svIdle).rightJustified(7),
                    (QString::number(pool.maxwaitS, 'f', 1) + u's').rightJustified(8), meanWait);
    }
    return text;
}

} // namespace mizzle::monitor
