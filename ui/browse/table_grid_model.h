#pragma once

#include "browse/row_window.h"
#include "edit/cell_value.h"
#include "edit/row_identity.h"
#include "grid/cell_presentation.h"

#include <QAbstractTableModel>

namespace mizzle {

class EditBuffer;
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
    // The index of the column's foreign key in TableDetails::foreignKeys, or invalid.
    static constexpr int ForeignKeyRole = Qt::UserRole + 20;
    // Editing: the cell's CellValue (a pending one over the server's); setData with it edits.
    static constexpr int CellValueRole = Qt::UserRole + 30;
    static constexpr int ColumnRole = Qt::UserRole + 31;  // the column's index in TableDetails
    static constexpr int NewRowRole = Qt::UserRole + 32;  // false here: the rows were read
    static constexpr int PendingRole = Qt::UserRole + 33; // the cell has a pending change
    static constexpr int DeletedRole = Qt::UserRole + 34; // the row is marked for deletion

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

    // Pending changes to show over the rows read, and whether the table may be edited at all
    // (whyNot says why not: a read-only profile, a view PostgreSQL cannot update, no right).
    void setEditBuffer(EditBuffer *buffer);
    void setEditable(bool editable, const QString &whyNot = {});
    bool isEditable() const { return m_editable; }
    const QString &whyNotEditable() const { return m_whyNotEditable; }
    // The identity and values of a held row; invalid for a row not held.
    RowIdentity identityAt(int row) const;
    QList<std::optional<QString>> valuesAt(int row) const;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    void loadingChanged(bool loading);
    // Rows arrived; rows held now, and the row count.
    void pageLoaded(qint64 heldRows, qint64 totalRows);
    void estimated(qint64 rows, bool sortsWholeTable);
    void failed(const mizzle::Error &error);
    // Rows were found above or missing above the first row on screen: the view should scroll
    // by this many rows to keep showing the same rows.
    void rowsShifted(qint64 by);
    // The user edited a cell of a row read from the server: the tab makes it an undoable
    // change of the edit buffer.
    void cellEdited(const mizzle::RowIdentity &row, const QList<std::optional<QString>> &original,
                    int column, const mizzle::CellValue &value);

private:
    void request(const RowWindow::Need &need);
    void onPage(const RowWindow::Need &need, quint64 generation, Result<TableReader::Page> page);
    void applyChange(const RowWindow::Change &change);
    void pursue();
    bool isNumeric(int column) const;
    QVariant pendingData(const CellValue &value, int column, int role) const;
    void scheduleBufferChange();
    void showBufferChange();

    TableReader *m_reader;
    RowWindow m_window;
    int m_rows = 0; // what rowCount() says: the window's total, as the view was told of it
    int m_firstShown = 0;
    int m_lastShown = 0;
    bool m_loading = false;
    bool m_bufferChangePending = false;
    bool m_failed = false;
    std::optional<RowWindow::Need> m_failedNeed;
    QList<int> m_foreignKeyOfColumn; // per column: index into the table's foreignKeys, or -1
    EditBuffer *m_buffer = nullptr;
    bool m_editable = false;
    QString m_whyNotEditable;
};

} // namespace mizzle
