#include "monitor/series_model.h"

using namespace Qt::StringLiterals;

namespace mizzle {

using monitor::Series;

SeriesModel::SeriesModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_ring(defaultSpanMs, defaultCapacity)
{}

int SeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_ring.size();
}

int SeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + monitor::seriesCount;
}

QVariant SeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole)
        return {};
    const monitor::MonitorRing::Entry &entry = m_ring.at(index.row());
    if (index.column() == 0)
        return double(entry.atMs);
    const Series series = Series(index.column() - 1);
    const std::optional<double> value = monitor::seriesValue(entry.value, series);
    if (!value)
        return {};
    return series == Series::Utilization ? *value * 100.0 : *value;
}

QVariant SeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return {};
    return section == 0 ? u"time"_s : monitor::seriesKey(Series(section - 1));
}

void SeriesModel::append(qint64 atMs, const monitor::MonitorPoint &point)
{
    if (const int dropping = m_ring.dropsFor(atMs); dropping > 0) {
        // The ring drops and appends in one step; the model tells it as two, in the order a
        // view can follow: the old rows leave, then the new one arrives at the end.
        beginRemoveRows({}, 0, dropping - 1);
        m_ring.dropOldest(dropping);
        endRemoveRows();
    }
    beginInsertRows({}, m_ring.size(), m_ring.size());
    m_ring.push(atMs, point);
    endInsertRows();
    emit advanced();
}

void SeriesModel::setEntries(const QList<monitor::MonitorRing::Entry> &entries)
{
    beginResetModel();
    m_ring.clear();
    for (const monitor::MonitorRing::Entry &entry : entries)
        m_ring.push(entry.atMs, entry.value);
    endResetModel();
    emit advanced();
}

void SeriesModel::clear()
{
    beginResetModel();
    m_ring.clear();
    endResetModel();
    emit advanced();
}

double SeriesModel::maxOf(Series series) const
{
    double largest = 0;
    for (int row = 0; row < m_ring.size(); ++row) {
        if (const std::optional<double> value = monitor::seriesValue(m_ring.at(row).value, series))
            largest = std::max(largest, *value);
    }
    return series == Series::Utilization ? largest * 100.0 : largest;
}

} // namespace mizzle
