#pragma once

#include "browse/row_window.h"
#include "grid/cell_presentation.h"

#include <QAbstractTableModel>

namespace mizzle {

class TableReader;

// A table's rows for a QTableView. The row count spans the whole table (the planner's estimate
// until the ends are known), so that the scrollbar does; the view says which rows it shows with
// showRows(), and the model reads what is missing around them: keyset pages next to the rows it
// holds, or a jump about that far into the table. Rows far from the screen are let go. Rows not
// held yet show as "…"; row numbers read "≈ 7,300,000" wherever they are not exact.
//
// Cells show the server's text form; NULL is an italic, dimmed "NULL", distinct from the empty
// string. One read at a time; a page read for an older sort or filter is dropped.
class TableGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int RawValueRole = CellPresentation::RawValueRole;
    static constexpr int ForeignKeyRole =
        Qt::UserRole + 20; // the index of the column's key, or invalid

    explicit TableGridModel(TableReader *reader, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Reads the estimate and the first page anew, for a new sort or filter.
    void reload();
    // The rows [first, last] are on screen.
    void showRows(int first, int last);
    void goToFirst();
    void goToLast();
    // A page starting at the first row whose leading order column is at or after value.
    void goToValue(const QString &value);
    void setExactRowCount(qint64 rows);
    // Tries the read that failed again, for example after the server came back.
    void retry();

    TableReader *reader() const { return m_reader; }
    const RowWindow &window() const { return m_window; }
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_window.reachesStart() && m_window.reachesEnd(); }
    bool rowNumbersExact() const { return m_window.rowNumbersExact(); }
    qint64 heldRows() const { return m_window.held(); }
    // The held row's values, and its place in them; nullptr for a row not held.
    const QueryResult *rowAt(int row, qsizetype *inRows) const;

signals:
    void loadingChanged(bool loading);
    // Rows arrived; rows held now, and the row count.
    void pageLoaded(qint64 heldRows, qint64 totalRows);
    void estimated(qint64 rows, bool sortsWholeTable);
    void failed(const mizzle::Error &error);
    // Rows were found above or missing above the first row on screen: the view should scroll
    // by this many rows to keep showing the same rows.
    void rowsShifted(qint64 by);

private:
    void request(const RowWindow::Need &need);
    void onPage(const RowWindow::Need &need, quint64 generation, Result<TableReader::Page> page);
    void applyChange(const RowWindow::Change &change);
    void pursue();
    bool isNumeric(int column) const;

    TableReader *m_reader;
    RowWindow m_window;
    int m_rows = 0; // what rowCount() says: the window's total, as the view was told of it
    int m_firstShown = 0;
    int m_lastShown = 0;
    bool m_loading = false;
    bool m_failed = false;
    std::optional<RowWindow::Need> m_failedNeed;
    QList<int> m_foreignKeyOfColumn; // per column: index into the table's foreignKeys, or -1
};

} // namespace mizzle
