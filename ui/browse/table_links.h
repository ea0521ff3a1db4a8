#pragma once

#include "browse/table_filter.h"
#include "catalog/catalog_types.h"

#include <QObject>

class QMenu;
class QModelIndex;
class QTableView;

namespace mizzle {

class TableGridModel;

// A table tab's foreign keys, both ways. A cell of a key column (drawn as a link) opens the row
// it refers to with Ctrl+click or from the context menu; a row's context menu lists every
// table that refers to it. Following one asks to show that table filtered to those rows.
class TableLinks : public QObject
{
    Q_OBJECT
public:
    explicit TableLinks(QTableView *view, QObject *parent = nullptr);

    void setTable(const TableDetails &table, TableGridModel *model);
    // The row's values of these columns, or empty when the row is not held.
    QList<std::optional<QString>> rowValues(int row, const QStringList &columns) const;
    // Outgoing: the referenced row of the key under the cell.
    void openReferencedRow(const QModelIndex &cell);
    // Incoming: the rows of referencedBy[key] that refer to this row.
    void openReferencingRows(int key, int row);
    void addMenuActions(QMenu *menu, const QModelIndex &cell);

signals:
    void navigate(const QString &schema, const QString &table, const mizzle::TableFilter &filter);
    void countReferencesRequested(int row);
    // A key cannot be followed from this row (NULL, or not read yet); the text says why.
    void notFollowed(const QString &why);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_view;
    TableDetails m_table;
    TableGridModel *m_model = nullptr;
};

} // namespace mizzle
