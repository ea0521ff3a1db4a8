#pragma once

#include "monitor/activity_snapshot.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mizzle {

// The server's sessions in one sample, in the order someone untangling a lock queue reads
// them: root blockers first (worst first), then the sessions they hold up, then the rest by
// transaction age. Idle in transaction and blocked sessions are coloured; Mizzle's own are
// marked, so a user can tell their tabs from other clients.
class SessionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Pid,
        State,
        Wait,
        TransactionAge,
        QueryAge,
        Application,
        Client,
        BlockedBy,
        Blocks,
        Query,
        ColumnCount
    };

    explicit SessionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Keeps the rows when the same sessions come back, so a selection survives a refresh.
    void setSample(const monitor::ServerSample &sample);
    const monitor::Session *sessionAt(int row) const;
    int rowOf(int pid) const;

private:
    QList<monitor::Session> m_sessions;
    QHash<int, monitor::BlockingRoot> m_roots;
};

} // namespace mizzle
