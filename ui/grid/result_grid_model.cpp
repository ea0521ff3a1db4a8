#include "grid/result_grid_model.h"

#include "connection/query_result.h"
#include "grid/cell_presentation.h"
#include "values/pg_type_names.h"

namespace mizzle {

ResultGridModel::ResultGridModel(const QueryResult *result, QObject *parent)
    : QAbstractTableModel(parent)
    , m_result(result)
    , m_shownRows(result ? int(result->rowCount()) : 0)
{}

void ResultGridModel::setResult(const QueryResult *result)
{
    beginResetModel();
    m_result = result;
    m_shownRows = result ? int(result->rowCount()) : 0;
    endResetModel();
}

void ResultGridModel::rowsArrived(qsizetype totalRows)
{
    if (!m_result || totalRows <= m_shownRows)
        return;
    beginInsertRows({}, m_shownRows, int(totalRows) - 1);
    m_shownRows = int(totalRows);
    endInsertRows();
}

int ResultGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : m_shownRows;
}

int ResultGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : m_result->columnCount();
}

QVariant ResultGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool numeric = isNumericType(m_result->columns().at(index.column()).typeOid);
    return CellPresentation::data(*m_result, index.row(), index.column(), numeric, role);
}

QVariant ResultGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (!m_result || section < 0 || section >= m_result->columnCount() || role != Qt::DisplayRole)
        return {};
    const ResultColumn &column = m_result->columns().at(section);
    return column.name + QLatin1Char('\n') + builtinTypeName(column.typeOid);
}

} // namespace mizzle
