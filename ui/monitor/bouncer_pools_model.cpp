#include "monitor/bouncer_pools_model.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace mizzle {

BouncerPoolsModel::BouncerPoolsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int BouncerPoolsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pools.size());
}

int BouncerPoolsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BouncerPoolsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const monitor::PgBouncerPool &pool = m_pools[index.row()];
    const bool full = pool.poolSize && *pool.poolSize > 0 && pool.svActive >= *pool.poolSize;
    if (role == Qt::BackgroundRole) {
        if (pool.clWaiting > 0)
            return QBrush(QColor(255, 190, 190));
        if (full)
            return QBrush(QColor(255, 230, 180));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Database:
        return pool.database;
    case User:
        return pool.user;
    case ClientsActive:
        return pool.clActive;
    case ClientsWaiting:
        return pool.clWaiting;
    case MaxWait:
        return u"%1 s"_s.arg(pool.maxwaitS, 0, 'f', 3);
    case ServersActive:
        return pool.poolSize ? u"%1 of %2"_s.arg(pool.svActive).arg(*pool.poolSize)
                             : QString::number(pool.svActive);
    case ServersIdle:
        return pool.svIdle;
    case MeanWait:
        for (const monitor::PgBouncerWait &wait : m_waits) {
            if (wait.database == pool.database && wait.meanWaitMs)
                return u"%1 ms"_s.arg(*wait.meanWaitMs, 0, 'f', 2);
        }
        return {};
    case Mode:
        return pool.poolMode;
    }
    return {};
}

QVariant BouncerPoolsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    // PgBouncer's own names, so what a user reads here matches SHOW POOLS.
    static const QStringList headers{u"database"_s,  u"user"_s,
                                     u"cl_active"_s, u"cl_waiting"_s,
                                     u"maxwait"_s,   u"sv_active / pool_size"_s,
                                     u"sv_idle"_s,   u"mean wait per assignment"_s,
                                     u"pool_mode"_s};
    return headers.value(section);
}

void BouncerPoolsModel::setSample(const monitor::PgBouncerSample &sample)
{
    beginResetModel();
    m_pools = sample.pools;
    m_waits = sample.waits;
    endResetModel();
}

} // namespace mizzle
