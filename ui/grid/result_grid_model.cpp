#include "grid/result_grid_model.h"

#include "connection/query_result.h"
#include "grid/cell_presentation.h"
#include "values/pg_type_names.h"

namespace mizzle {

ResultGridModel::ResultGridModel(const QueryResult *result, QObject *parent)
    : ResultGridModel(result, nullptr, parent)
{}

ResultGridModel::ResultGridModel(const QueryResult *result, const TypeCatalog *types,
                                 QObject *parent)
    : QAbstractTableModel(parent)
    , m_result(result)
    , m_types(types)
    , m_shownRows(result ? int(result->rowCount()) : 0)
{
    if (!types)
        return;
    // A result can arrive before the names have: the headers then change when they do.
    connect(types, &TypeCatalog::loaded, this, [this] {
        if (columnCount() > 0)
            emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    });
}

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
    return CellPresentation::data(*m_result, index.row(), index.column(), isNumeric(index.column()),
                                  role);
}

QVariant ResultGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (!m_result || section < 0 || section >= m_result->columnCount())
        return {};
    const QString &name = m_result->columns().at(section).name;
    switch (role) {
    case Qt::DisplayRole:
        return name + QLatin1Char('\n') + shortTypeName(typeName(section));
    case Qt::ToolTipRole:
        return name + QStringLiteral(": ") + typeName(section);
    default:
        return {};
    }
}

QString ResultGridModel::typeName(int column) const
{
    const ResultColumn &info = m_result->columns().at(column);
    if (m_types)
        return m_types->typeName(info.typeOid, info.typeModifier);
    return formatTypeWithModifier(builtinTypeName(info.typeOid), info.typeOid, info.typeModifier);
}

bool ResultGridModel::isNumeric(int column) const
{
    const unsigned int oid = m_result->columns().at(column).typeOid;
    return m_types ? m_types->isNumeric(oid) : isNumericType(oid);
}

} // namespace mizzle
