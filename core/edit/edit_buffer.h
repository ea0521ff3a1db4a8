#pragma once

#include "catalog/catalog_types.h"
#include "edit/cell_value.h"
#include "edit/row_identity.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <optional>

namespace mizzle {

// The pending changes to one table: cells changed and rows deleted, of rows read from the
// server and keyed by their identity (never a grid position, so they follow the row through
// sorting, filtering and paging), and new rows. Every mutation returns what it replaced, so
// that it can be undone, and emits one changed(). It holds no connection and shows nothing.
class EditBuffer : public QObject
{
    Q_OBJECT
public:
    struct RowEdit
    {
        RowIdentity identity;
        QList<std::optional<QString>> original; // the row as it was read, every column
        QMap<int, CellValue> cells;             // by column index
        bool deleted = false;
    };
    struct NewRow
    {
        quint64 id = 0;
        QMap<int, CellValue> cells; // a column left out is left to the server: DEFAULT
    };

    explicit EditBuffer(const TableDetails &table, QObject *parent = nullptr);

    const TableDetails &table() const { return m_table; }

    // A cell of a row read from the server; std::nullopt takes the pending value back. A value
    // equal to the row's original drops the pending change. Returns the pending value it
    // replaced, or std::nullopt when the cell had none.
    std::optional<CellValue> setCell(const RowIdentity &row,
                                     const QList<std::optional<QString>> &original, int column,
                                     const std::optional<CellValue> &value);
    std::optional<CellValue> cell(const QString &rowKey, int column) const;
    // Returns whether the row was marked deleted before.
    bool setDeleted(const RowIdentity &row, const QList<std::optional<QString>> &original,
                    bool deleted);
    bool isDeleted(const QString &rowKey) const;
    const RowEdit *edit(const QString &rowKey) const;

    // A new row; id 0 takes the next one (undo and the journal give the id back).
    quint64 addRow(const QMap<int, CellValue> &cells = {}, quint64 id = 0);
    // Returns the row taken out, if there was one.
    std::optional<NewRow> removeRow(quint64 id);
    std::optional<CellValue> setNewCell(quint64 id, int column,
                                        const std::optional<CellValue> &value);
    const NewRow *newRow(quint64 id) const;

    // The row changed on the server since it was read, and the user keeps their changes: they
    // now apply to the version read again (its identity and values), so that the next save is
    // guarded by that version. A cell whose value the server now holds is no longer a change.
    // Returns false when the row has no pending change or the identity names another row.
    bool rebase(const QString &rowKey, const RowIdentity &current,
                const QList<std::optional<QString>> &currentValues);
    // Takes back every pending change of that row (an edited row's key, or "new:<id>").
    void revertRow(const QString &rowKey);
    void clear();

    const QMap<QString, RowEdit> &edits() const { return m_edits; }
    const QList<NewRow> &newRows() const { return m_newRows; }
    bool hasChanges() const { return !m_edits.isEmpty() || !m_newRows.isEmpty(); }
    // Cells changed, rows deleted and rows added.
    int changeCount() const;

    static QString newRowKey(quint64 id);

signals:
    // One mutation, of this row (an edited row's key or "new:<id>"); empty: of every row.
    void changed(const QString &rowKey);

private:
    RowEdit &editFor(const RowIdentity &row, const QList<std::optional<QString>> &original);
    void dropIfEmpty(const QString &rowKey);

    TableDetails m_table;
    QMap<QString, RowEdit> m_edits;
    QList<NewRow> m_newRows;
    quint64 m_nextId = 1;
};

} // namespace mizzle
