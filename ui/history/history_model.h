#pragma once

#include "document/history_entry.h"

#include <QAbstractTableModel>
#include <QList>

namespace mizzle {

// Query history entries as table rows, newest first as the history returns them: time,
// duration, rows, status and the statement's first line. The whole statement is in SqlRole
// and in the tooltip, because one line of a long script says little.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, DurationColumn, RowsColumn, StatusColumn, StatementColumn };
    static constexpr int ColumnCount = StatementColumn + 1;
    // Role for the whole statement text, on every column of a row.
    static constexpr int SqlRole = Qt::UserRole + 1;

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(QList<HistoryEntry> entries);
    const QList<HistoryEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<HistoryEntry> m_entries;
};

} // namespace mizzle
