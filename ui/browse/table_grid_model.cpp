#include "browse/table_grid_model.h"

#include "grid/cell_presentation.h"
#include "values/pg_type_names.h"

namespace mizzle {

TableGridModel::TableGridModel(TableReader *reader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_reader(reader)
{}

int TableGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.rowCount());
}

int TableGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reader->table().columns.size());
}

QVariant TableGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool numeric = isNumericType(m_rows.columns().at(index.column()).typeOid);
    return CellPresentation::data(m_rows, index.row(), index.column(), numeric, role);
}

QVariant TableGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const ColumnInfo &column = m_reader->table().columns[section];
    switch (role) {
    case Qt::DisplayRole:
        return column.name + QLatin1Char('\n') + shortTypeName(column.type);
    case Qt::ToolTipRole: {
        QString tip = column.name + QStringLiteral(": ") + column.type;
        if (column.notNull)
            tip += QStringLiteral(", NOT NULL");
        if (!column.identity.isEmpty())
            tip += QStringLiteral(", identity generated ") + column.identity;
        if (!column.generated.isEmpty())
            tip += QStringLiteral(", generated as ") + column.generated;
        if (!column.defaultExpression.isEmpty())
            tip += QStringLiteral(", default ") + column.defaultExpression;
        if (m_reader->table().primaryKey.contains(column.name))
            tip += QStringLiteral(", primary key");
        return tip;
    }
    default:
        return {};
    }
}

void TableGridModel::retry()
{
    m_failed = false;
    fetchMore();
}

bool TableGridModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_failed && !m_reader->atEnd() && !m_reader->isFetching();
}

void TableGridModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_reader->fetchNextPage(this, [this](Result<QueryResult> page) {
        emit loadingChanged(false);
        if (!page.ok()) {
            m_failed = true;
            emit failed(page.error());
            return;
        }
        const auto added = page->rowCount();
        if (added > 0) {
            const int first = int(m_rows.rowCount());
            beginInsertRows({}, first, first + int(added) - 1);
            if (m_hasRows)
                m_rows.appendRows(page.value());
            else
                m_rows = std::move(page.value());
            m_hasRows = true;
            endInsertRows();
        }
        emit pageLoaded(int(m_rows.rowCount()));
    });
    emit loadingChanged(true);
}

} // namespace mizzle
