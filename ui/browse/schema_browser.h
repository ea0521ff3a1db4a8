#pragma once

#include "catalog/catalog_snapshot.h"
#include "catalog/catalog_types.h"

#include <QHash>
#include <QWidget>

class QLineEdit;
class QMenu;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace mizzle {

// The schema tree: schemas, then their tables and views with estimated rows and size
// (partitions sit under their partitioned table), then a "Sequences" and a "Types" group where
// the schema has any. A filter box narrows it by name: what matches, and the schemas and groups
// that lead to it. Activating a relation asks for its table tab; sequences and types open
// nothing.
class SchemaBrowser : public QWidget
{
    Q_OBJECT
public:
    // What a row of the tree stands for, in its name column's ObjectRole.
    enum class Object { Schema, Relation, SequenceGroup, Sequence, TypeGroup, Type };
    static constexpr int SchemaRole = Qt::UserRole + 1; // the schema of every row below one
    static constexpr int NameRole = Qt::UserRole + 2;   // a relation's, sequence's or type's name
    static constexpr int ObjectRole = Qt::UserRole + 3; // an Object, as int
    static constexpr int FilterRole = Qt::UserRole + 4; // the text the filter matches

    explicit SchemaBrowser(QWidget *parent = nullptr);

    // A snapshot without sizes (hasSizes false) leaves the Size column empty for setSizes.
    void setSnapshot(const CatalogSnapshot &snapshot);
    // Fills in the Size column of the relations listed, by OID.
    void setSizes(const RelationSizes &sizes);
    void clear();
    QTreeView *view() const { return m_view; }
    QStandardItemModel *model() const { return m_model; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    // Selects and reveals a relation, if it is listed.
    bool select(const QString &schema, const QString &name);
    // The context menu of a row (an index of view()'s model): Export… on a schema or a
    // relation, Show CREATE Script on a relation; nullptr for rows that offer neither. The
    // caller owns it.
    QMenu *contextMenu(const QModelIndex &index);
    // The schemas listed, in the tree's order.
    QStringList schemaNames() const;

signals:
    void relationActivated(const QString &schema, const QString &name);
    // relation empty: the whole schema.
    void exportRequested(const QString &schema, const QString &relation);
    void createScriptRequested(const QString &schema, const QString &relation);

private:
    void onActivated(const QModelIndex &index);
    void applyFilter(const QString &text);
    void expandDefault();

    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_filterEdit;
    QTreeView *m_view;
    // Rows with rows under them, and whether they stand open without a filter (schemas and
    // groups do; partitioned tables open only while filtering).
    QList<std::pair<QStandardItem *, bool>> m_expandable;
    QHash<unsigned int, QStandardItem *> m_sizeItems; // each relation's Size cell, by OID
};

} // namespace mizzle
