#pragma once

#include "catalog/catalog_types.h"

#include <QWidget>

class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace mizzle {

// The schema tree: schemas, then their tables and views with estimated rows and size;
// partitions sit under their partitioned table. A filter box narrows it by name.
class SchemaBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaBrowser(QWidget *parent = nullptr);

    void setSnapshot(const CatalogSnapshot &snapshot);
    void clear();
    QTreeView *view() const { return m_view; }
    QStandardItemModel *model() const { return m_model; }
    // Selects and reveals a relation, if it is listed.
    bool select(const QString &schema, const QString &name);

signals:
    void relationActivated(const QString &schema, const QString &name);

private:
    void onActivated(const QModelIndex &index);

    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_filterEdit;
    QTreeView *m_view;
};

} // namespace mizzle
