#pragma once

#include "monitor/holder_links.h"
#include "monitor/pool_metrics_snapshot.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mizzle {

// Who holds Mizzle's pooled connections now: owner, for how long, which backend, and what it
// runs. A lease past a leak threshold is marked, with the reason in its tooltip.
class HoldersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Owner, Held, Backend, State, Bouncer, Statement, ColumnCount };

    explicit HoldersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setSnapshot(const monitor::PoolMetricsSnapshot &snapshot);
    // Each holder followed through PgBouncer to its backend; the Backend column then shows the
    // server's pid rather than the one PgBouncer told libpq.
    void setLinks(const QList<monitor::HolderLink> &links);
    const PoolHolder *holderAt(int row) const;

private:
    std::optional<monitor::LeakSuspect::Why> suspicion(const PoolHolder &holder) const;

    QList<PoolHolder> m_holders;
    QList<monitor::LeakSuspect> m_suspects;
    QHash<qint64, monitor::HolderLink> m_links; // by leasedAtUs
};

} // namespace mizzle
