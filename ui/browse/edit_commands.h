#pragma once

#include "edit/cell_value.h"
#include "edit/row_identity.h"

#include <QMap>
#include <QUndoCommand>
#include <optional>

namespace mizzle {

class EditBuffer;

// The undoable edits of a table tab. QUndoStack is Qt Gui, so they live here; each one calls
// EditBuffer's reversible operations, so undo, the journal and Save see one sequence of changes.

// A cell of a row read from the server. Undoing to the original makes the command obsolete.
class SetCellCommand : public QUndoCommand
{
public:
    SetCellCommand(EditBuffer *buffer, RowIdentity row, QList<std::optional<QString>> original,
                   int column, std::optional<CellValue> value);
    void redo() override;
    void undo() override;

private:
    EditBuffer *m_buffer;
    RowIdentity m_row;
    QList<std::optional<QString>> m_original;
    int m_column;
    std::optional<CellValue> m_value;
    std::optional<CellValue> m_before;
};

// Rows read from the server, marked for deletion or unmarked.
class MarkDeletedCommand : public QUndoCommand
{
public:
    struct Row
    {
        RowIdentity identity;
        QList<std::optional<QString>> original;
    };
    MarkDeletedCommand(EditBuffer *buffer, QList<Row> rows, bool deleted);
    void redo() override;
    void undo() override;

private:
    EditBuffer *m_buffer;
    QList<Row> m_rows;
    bool m_deleted;
    QList<bool> m_before;
};

// New rows, each with the cells it starts with (empty: every column left to the server).
class AddRowsCommand : public QUndoCommand
{
public:
    AddRowsCommand(EditBuffer *buffer, QList<QMap<int, CellValue>> rows);
    void redo() override;
    void undo() override;
    const QList<quint64> &ids() const { return m_ids; }

private:
    EditBuffer *m_buffer;
    QList<QMap<int, CellValue>> m_rows;
    QList<quint64> m_ids;
};

// New rows taken out again.
class RemoveRowsCommand : public QUndoCommand
{
public:
    RemoveRowsCommand(EditBuffer *buffer, QList<quint64> ids);
    void redo() override;
    void undo() override;

private:
    EditBuffer *m_buffer;
    QList<quint64> m_ids;
    QList<QMap<int, CellValue>> m_removed;
};

// A cell of a new row; std::nullopt gives it back to DEFAULT.
class SetNewCellCommand : public QUndoCommand
{
public:
    SetNewCellCommand(EditBuffer *buffer, quint64 id, int column, std::optional<CellValue> value);
    void redo() override;
    void undo() override;

private:
    EditBuffer *m_buffer;
    quint64 m_id;
    int m_column;
    std::optional<CellValue> m_value;
    std::optional<CellValue> m_before;
};

} // namespace mizzle
