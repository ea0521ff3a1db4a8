#include "browse/edit_commands.h"

#include "edit/edit_buffer.h"

#include <QCoreApplication>

namespace mizzle {

namespace {

QString label(const char *source)
{
    return QCoreApplication::translate("EditCommands", source);
}

} // namespace

SetCellCommand::SetCellCommand(EditBuffer *buffer, RowIdentity row,
                               QList<std::optional<QString>> original, int column,
                               std::optional<CellValue> value)
    : QUndoCommand(label("Edit %1").arg(buffer->table().columns.value(column).name))
    , m_buffer(buffer)
    , m_row(std::move(row))
    , m_original(std::move(original))
    , m_column(column)
    , m_value(std::move(value))
{}

void SetCellCommand::redo()
{
    m_before = m_buffer->setCell(m_row, m_original, m_column, m_value);
    // Back where the row started: nothing to undo, nothing to keep on the stack.
    setObsolete(!m_buffer->cell(m_row.mapKey(), m_column) && !m_before);
}

void SetCellCommand::undo()
{
    m_buffer->setCell(m_row, m_original, m_column, m_before);
}

MarkDeletedCommand::MarkDeletedCommand(EditBuffer *buffer, QList<Row> rows, bool deleted)
    : QUndoCommand(deleted ? label("Delete %1 rows").arg(rows.size()) : label("Keep rows"))
    , m_buffer(buffer)
    , m_rows(std::move(rows))
    , m_deleted(deleted)
{}

void MarkDeletedCommand::redo()
{
    m_before.clear();
    for (const Row &row : std::as_const(m_rows))
        m_before.append(m_buffer->setDeleted(row.identity, row.original, m_deleted));
}

void MarkDeletedCommand::undo()
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_buffer->setDeleted(m_rows[i].identity, m_rows[i].original, m_before.value(i));
}

AddRowsCommand::AddRowsCommand(EditBuffer *buffer, QList<QMap<int, CellValue>> rows)
    : QUndoCommand(label("Add rows"))
    , m_buffer(buffer)
    , m_rows(std::move(rows))
{}

void AddRowsCommand::redo()
{
    const QList<quint64> previous = m_ids;
    m_ids.clear();
    for (qsizetype i = 0; i < m_rows.size(); ++i) // the same ids again after an undo
        m_ids.append(m_buffer->addRow(m_rows[i], previous.value(i, 0)));
}

void AddRowsCommand::undo()
{
    for (const quint64 id : std::as_const(m_ids))
        m_buffer->removeRow(id);
}

RemoveRowsCommand::RemoveRowsCommand(EditBuffer *buffer, QList<quint64> ids)
    : QUndoCommand(label("Remove new rows"))
    , m_buffer(buffer)
    , m_ids(std::move(ids))
{}

void RemoveRowsCommand::redo()
{
    m_removed.clear();
    for (const quint64 id : std::as_const(m_ids)) {
        const auto removed = m_buffer->removeRow(id);
        m_removed.append(removed ? removed->cells : QMap<int, CellValue>{});
    }
}

void RemoveRowsCommand::undo()
{
    for (qsizetype i = 0; i < m_ids.size(); ++i)
        m_buffer->addRow(m_removed.value(i), m_ids[i]);
}

SetNewCellCommand::SetNewCellCommand(EditBuffer *buffer, quint64 id, int column,
                                     std::optional<CellValue> value)
    : QUndoCommand(label("Edit %1").arg(buffer->table().columns.value(column).name))
    , m_buffer(buffer)
    , m_id(id)
    , m_column(column)
    , m_value(std::move(value))
{}

void SetNewCellCommand::redo()
{
    m_before = m_buffer->setNewCell(m_id, m_column, m_value);
}

void SetNewCellCommand::undo()
{
    m_buffer->setNewCell(m_id, m_column, m_before);
}

} // namespace mizzle
