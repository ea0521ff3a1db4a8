#pragma once

#include "monitor/pgbouncer_snapshot.h"

#include <QAbstractTableModel>

namespace mizzle {

// PgBouncer's pools in one sample, as SHOW POOLS and SHOW DATABASES tell them, with the mean
// wait per server assignment since the previous sample. A pool with clients waiting is
// coloured, and so is one whose active servers have reached its pool_size.
class BouncerPoolsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Database,
        User,
        ClientsActive,
        ClientsWaiting,
        MaxWait,
        ServersActive,
        ServersIdle,
        MeanWait,
        Mode,
        ColumnCount
    };

    explicit BouncerPoolsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setSample(const monitor::PgBouncerSample &sample);

private:
    QList<monitor::PgBouncerPool> m_pools;
    QList<monitor::PgBouncerWait> m_waits;
};

} // namespace mizzle
