#include "monitor/holders_model.h"

#include "values/text_summary.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

QString duration(qint64 us)
{
    return formatDuration(us / 1000);
}

} // namespace

HoldersModel::HoldersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int HoldersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_holders.size());
}

int HoldersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<monitor::LeakSuspect::Why> HoldersModel::suspicion(const PoolHolder &holder) const
{
    for (const monitor::LeakSuspect &suspect : m_suspects) {
        if (suspect.holder.leasedAtUs == holder.leasedAtUs &&
            suspect.holder.backendPid == holder.backendPid)
            return suspect.why;
    }
    return std::nullopt;
}

QVariant HoldersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PoolHolder &holder = m_holders[index.row()];
    const auto suspect = suspicion(holder);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Owner:
            return holder.owner;
        case Held:
            return duration(holder.heldUs);
        case Backend:
            if (const auto link = m_links.constFind(holder.leasedAtUs);
                link != m_links.cend() && link->backendPid)
                return link->backendPid;
            return holder.backendPid;
        case Bouncer: {
            const auto link = m_links.constFind(holder.leasedAtUs);
            if (link == m_links.cend() || !link->client)
                return {};
            if (!link->server)
                return tr("client %1, no server now").arg(link->client->ptr);
            return tr("client %1 → server %2").arg(link->client->ptr, link->server->ptr);
        }
        case State:
            if (holder.idleInTransaction())
                return tr("idle in transaction for %1").arg(duration(holder.activityUs));
            if (!holder.statement.isEmpty())
                return tr("running for %1").arg(duration(holder.activityUs));
            return tr("between statements");
        case Statement:
            return holder.statement.simplified();
        }
        return {};
    case Qt::ToolTipRole:
        if (suspect == monitor::LeakSuspect::Why::IdleInTransaction)
            return tr("Leak suspect: idle in a transaction past the threshold. Its locks and "
                      "snapshot stay held until it commits or rolls back.");
        if (suspect == monitor::LeakSuspect::Why::HeldTooLong)
            return tr("Leak suspect: held past the threshold. Double-click to go to its tab.");
        return index.column() == Statement ? QVariant(holder.statement) : QVariant();
    case Qt::BackgroundRole:
        if (suspect)
            return QBrush(QColor(255, 214, 153));
        return {};
    case Qt::UserRole: // sorting and tests: the raw microseconds
        return index.column() == Held ? QVariant(holder.heldUs) : QVariant();
    }
    return {};
}

QVariant HoldersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Owner:
        return tr("Owner");
    case Held:
        return tr("Held");
    case Backend:
        return tr("Backend");
    case State:
        return tr("State");
    case Bouncer:
        return tr("Through PgBouncer");
    case Statement:
        return tr("Statement");
    }
    return {};
}

void HoldersModel::setSnapshot(const monitor::PoolMetricsSnapshot &snapshot)
{
    beginResetModel();
    m_holders = snapshot.holders;
    m_suspects = snapshot.leakSuspects;
    endResetModel();
}

void HoldersModel::setLinks(const QList<monitor::HolderLink> &links)
{
    m_links.clear();
    for (const monitor::HolderLink &link : links)
        m_links.insert(link.holder.leasedAtUs, link);
    if (!m_holders.isEmpty())
        emit dataChanged(index(0, Backend), index(rowCount() - 1, Bouncer));
}

const PoolHolder *HoldersModel::holderAt(int row) const
{
    return row >= 0 && row < m_holders.size() ? &m_holders[row] : nullptr;
}

} // namespace mizzle
