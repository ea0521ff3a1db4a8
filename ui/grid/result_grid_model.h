#pragma once

#include <QAbstractTableModel>

namespace mizzle {

class QueryResult;

// A query result for a QTableView while it streams in: the runner appends rows to the
// QueryResult and calls rowsArrived(), which shows them without copying a cell.
class ResultGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The result must outlive the model, or be detached with setResult(nullptr) first.
    explicit ResultGridModel(const QueryResult *result, QObject *parent = nullptr);

    void setResult(const QueryResult *result);
    // The result now holds this many rows.
    void rowsArrived(qsizetype totalRows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const QueryResult *m_result;
    int m_shownRows = 0;
};

} // namespace mizzle
