#include "edit/edit_buffer.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

bool isOriginal(const CellValue &value, const std::optional<QString> &original)
{
    switch (value.kind) {
    case CellValue::Kind::Text:
        return original && *original == value.text;
    case CellValue::Kind::Null:
        return !original;
    case CellValue::Kind::Default:
        return false;
    }
    return false;
}

} // namespace

EditBuffer::EditBuffer(const TableDetails &table, QObject *parent)
    : QObject(parent)
    , m_table(table)
{}

QString EditBuffer::newRowKey(quint64 id)
{
    return u"new:%1"_s.arg(id);
}

EditBuffer::RowEdit &EditBuffer::editFor(const RowIdentity &row,
                                         const QList<std::optional<QString>> &original)
{
    RowEdit &edit = m_edits[row.mapKey()];
    if (!edit.identity.isValid()) {
        edit.identity = row;
        edit.original = original;
    }
    return edit;
}

void EditBuffer::dropIfEmpty(const QString &rowKey)
{
    const auto found = m_edits.constFind(rowKey);
    if (found != m_edits.constEnd() && found->cells.isEmpty() && !found->deleted)
        m_edits.erase(found);
}

std::optional<CellValue> EditBuffer::setCell(const RowIdentity &row,
                                             const QList<std::optional<QString>> &original,
                                             int column, const std::optional<CellValue> &value)
{
    const QString key = row.mapKey();
    std::optional<CellValue> before = cell(key, column);
    if (value == before)
        return before;
    if (!value || isOriginal(*value, original.value(column))) {
        if (m_edits.contains(key))
            m_edits[key].cells.remove(column);
    } else {
        editFor(row, original).cells.insert(column, *value);
    }
    dropIfEmpty(key);
    emit changed(key);
    return before;
}

std::optional<CellValue> EditBuffer::cell(const QString &rowKey, int column) const
{
    const auto found = m_edits.constFind(rowKey);
    if (found == m_edits.constEnd() || !found->cells.contains(column))
        return std::nullopt;
    return found->cells.value(column);
}

bool EditBuffer::setDeleted(const RowIdentity &row, const QList<std::optional<QString>> &original,
                            bool deleted)
{
    const QString key = row.mapKey();
    const bool before = isDeleted(key);
    if (before == deleted)
        return before;
    editFor(row, original).deleted = deleted;
    dropIfEmpty(key);
    emit changed(key);
    return before;
}

bool EditBuffer::isDeleted(const QString &rowKey) const
{
    const auto found = m_edits.constFind(rowKey);
    return found != m_edits.constEnd() && found->deleted;
}

const EditBuffer::RowEdit *EditBuffer::edit(const QString &rowKey) const
{
    const auto found = m_edits.constFind(rowKey);
    return found == m_edits.constEnd() ? nullptr : &found.value();
}

quint64 EditBuffer::addRow(const QMap<int, CellValue> &cells, quint64 id)
{
    if (id == 0)
        id = m_nextId;
    m_nextId = std::max(m_nextId, id + 1);
    m_newRows.append({id, cells});
    emit changed(newRowKey(id));
    return id;
}

std::optional<EditBuffer::NewRow> EditBuffer::removeRow(quint64 id)
{
    for (qsizetype i = 0; i < m_newRows.size(); ++i) {
        if (m_newRows[i].id == id) {
            NewRow removed = m_newRows.takeAt(i);
            emit changed(newRowKey(id));
            return removed;
        }
    }
    return std::nullopt;
}

std::optional<CellValue> EditBuffer::setNewCell(quint64 id, int column,
                                                const std::optional<CellValue> &value)
{
    for (NewRow &row : m_newRows) {
        if (row.id != id)
            continue;
        std::optional<CellValue> before;
        if (row.cells.contains(column))
            before = row.cells.value(column);
        if (value)
            row.cells.insert(column, *value);
        else
            row.cells.remove(column);
        emit changed(newRowKey(id));
        return before;
    }
    return std::nullopt;
}

const EditBuffer::NewRow *EditBuffer::newRow(quint64 id) const
{
    for (const NewRow &row : m_newRows) {
        if (row.id == id)
            return &row;
    }
    return nullptr;
}

void EditBuffer::revertRow(const QString &rowKey)
{
    if (rowKey.startsWith(u"new:"))
        removeRow(rowKey.mid(4).toULongLong());
    else if (m_edits.remove(rowKey) > 0)
        emit changed(rowKey);
}

bool EditBuffer::rebase(const QString &rowKey, const RowIdentity &current,
                        const QList<std::optional<QString>> &currentValues)
{
    const auto found = m_edits.find(rowKey);
    if (found == m_edits.end() || current.mapKey() != rowKey)
        return false;
    found->identity = current;
    found->original = currentValues;
    found->cells.removeIf([&](const auto &cell) {
        return isOriginal(cell.value(), currentValues.value(cell.key()));
    });
    dropIfEmpty(rowKey);
    emit changed(rowKey);
    return true;
}

void EditBuffer::clear()
{
    m_edits.clear();
    m_newRows.clear();
    emit changed({});
}

int EditBuffer::changeCount() const
{
    int count = int(m_newRows.size());
    for (const RowEdit &edit : m_edits)
        count += edit.deleted ? 1 : int(edit.cells.size());
    return count;
}

} // namespace mizzle
