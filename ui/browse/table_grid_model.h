#pragma once

#include "browse/table_reader.h"
#include "connection/query_result.h"
#include "grid/cell_presentation.h"

#include <QAbstractTableModel>

namespace mizzle {

// A table's rows for a QTableView, fetched page by page as the view scrolls
// (canFetchMore/fetchMore): the whole table is never loaded. Cells show the server's text form;
// NULL is shown as an italic, dimmed "NULL", distinct from the empty string.
class TableGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Role for a cell's raw value: a QString, or a null QVariant for SQL NULL.
    static constexpr int RawValueRole = CellPresentation::RawValueRole;

    explicit TableGridModel(TableReader *reader, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // Tries the page that failed again, for example after the server came back.
    void retry();
    bool isLoading() const { return m_reader->isFetching(); }
    bool isComplete() const { return m_reader->atEnd(); }

signals:
    void loadingChanged(bool loading);
    void pageLoaded(int totalRows);
    void failed(const mizzle::Error &error);

private:
    TableReader *m_reader;
    QueryResult m_rows;
    bool m_hasRows = false;
    bool m_failed = false;
};

} // namespace mizzle
