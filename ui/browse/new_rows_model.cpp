#include "browse/new_rows_model.h"

#include "browse/table_grid_model.h"
#include "edit/edit_buffer.h"

#include <QColor>
#include <QFont>
#include <QPalette>

namespace mizzle {

using namespace Qt::StringLiterals;

NewRowsModel::NewRowsModel(EditBuffer *buffer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_buffer(buffer)
{
    // Rows come and go with every undo and redo: a reset is the honest signal for that.
    connect(buffer, &EditBuffer::changed, this, [this](const QString &rowKey) {
        if (rowKey.isEmpty() || rowKey.startsWith(u"new:")) {
            beginResetModel();
            endResetModel();
        }
    });
}

int NewRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buffer->newRows().size());
}

int NewRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buffer->table().columns.size());
}

quint64 NewRowsModel::idAt(int row) const
{
    return m_buffer->newRows().value(row).id;
}

QVariant NewRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EditBuffer::NewRow &row = m_buffer->newRows().at(index.row());
    const auto found = row.cells.constFind(index.column());
    const CellValue value = found == row.cells.constEnd() ? CellValue::byDefault() : *found;
    switch (role) {
    case Qt::DisplayRole:
        return value.isNull() ? u"NULL"_s : value.isDefault() ? u"DEFAULT"_s : value.text;
    case Qt::EditRole:
        return value.kind == CellValue::Kind::Text ? QVariant(value.text) : QVariant();
    case TableGridModel::CellValueRole:
        return QVariant::fromValue(value);
    case TableGridModel::ColumnRole:
        return index.column();
    case TableGridModel::NewRowRole:
        return true;
    case Qt::FontRole:
        if (value.kind != CellValue::Kind::Text) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::ForegroundRole:
        return value.kind == CellValue::Kind::Text
                   ? QVariant()
                   : QVariant(QPalette().color(QPalette::Disabled, QPalette::Text));
    case Qt::BackgroundRole:
        return QColor(0xdc, 0xf3, 0xdc); // a row to be inserted
    default:
        return {};
    }
}

QVariant NewRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return tr("＋ new %1").arg(section + 1);
    return m_buffer->table().columns.value(section).name;
}

Qt::ItemFlags NewRowsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return flags;
    const ColumnInfo &column = m_buffer->table().columns.at(index.column());
    if (column.generated.isEmpty() && column.identity != u"always")
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool NewRowsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!(flags(index) & Qt::ItemIsEditable))
        return false;
    std::optional<CellValue> cell;
    if (role == TableGridModel::CellValueRole && value.canConvert<CellValue>())
        cell = value.value<CellValue>();
    else if (role == Qt::EditRole)
        cell = value.isNull() ? CellValue::null() : CellValue::of(value.toString());
    else
        return false;
    if (cell && cell->isDefault())
        cell.reset();
    emit cellEdited(idAt(index.row()), index.column(), cell);
    return true;
}

} // namespace mizzle
