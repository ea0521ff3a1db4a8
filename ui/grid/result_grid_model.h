#pragma once

#include "catalog/type_catalog.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace mizzle {

class QueryResult;

// A query result for a QTableView while it streams in: the runner appends rows to the
// QueryResult and calls rowsArrived(), which shows them without copying a cell. A column's
// header reads its name and, below, the short form of its type ("timestamptz(3)"); the tooltip
// has the type in full, as format_type spells it.
class ResultGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The result must outlive the model, or be detached with setResult(nullptr) first.
    explicit ResultGridModel(const QueryResult *result, QObject *parent = nullptr);
    // Names types through the catalog (enums, domains, extensions' types), and renames the
    // headers when it loads; without one, or once it is gone, by the built-in names.
    ResultGridModel(const QueryResult *result, const TypeCatalog *types, QObject *parent = nullptr);

    void setResult(const QueryResult *result);
    // The result now holds this many rows.
    void rowsArrived(qsizetype totalRows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString typeName(int column) const;
    bool isNumeric(int column) const;

    const QueryResult *m_result;
    QPointer<const TypeCatalog> m_types;
    int m_shownRows = 0;
};

} // namespace mizzle
