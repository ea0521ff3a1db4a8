#pragma once

#include "browse/cell_editor_kind.h"
#include "browse/table_grid_model.h"
#include "catalog/catalog_types.h"
#include "edit/cell_value.h"

#include <QStyledItemDelegate>
#include <functional>
#include <optional>

namespace mizzle {

class ConnectionPool;

// Opens the editor a table cell's type calls for (see CellEditorKind) and moves CellValues, never
// plain strings, between it and the model, so that NULL, '' and DEFAULT stay three things.
//
// The model it serves answers, for every editable index:
//   Qt::EditRole   the cell's text, or an invalid QVariant for SQL NULL;
//   CellValueRole  QVariant::fromValue(CellValue), what the cell holds now (a pending edit
//                  included); when absent, EditRole is read instead;
//   ColumnRole     int, the column's index in the TableDetails;
//   NewRowRole     bool, whether the row is a new one (its editors offer DEFAULT).
// setModelData writes QVariant::fromValue(CellValue) under CellValueRole.
//
// In every editor, Ctrl+Shift+N commits NULL (for a nullable column) and, in a new row,
// Ctrl+Shift+D or the DEFAULT button commits DEFAULT. A generated column gets no editor, and its
// cells' tooltip says why. An index without a ColumnRole gets no editor either.
class CellEditorDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // TableGridModel's, which NewRowsModel answers too.
    enum Role {
        CellValueRole = TableGridModel::CellValueRole,
        ColumnRole = TableGridModel::ColumnRole,
        NewRowRole = TableGridModel::NewRowRole,
    };
    // The labels of an enum type (or a domain over one) by a column's format_type text, in
    // enumsortorder; empty for a type that is no enum, or whose labels are not known (yet): its
    // cells are then edited as text. EnumLabelCache provides one.
    using EnumLabels = std::function<QStringList(const QString &typeName)>;

    // pool serves the foreign-key pickers' searches; it must outlive the delegate's editors.
    CellEditorDelegate(TableDetails table, ConnectionPool *pool, EnumLabels enumLabels,
                       QObject *parent = nullptr);

    const TableDetails &table() const { return m_table; }
    // The editor the index's column gets; nothing for an index without a known column.
    std::optional<CellEditorKind> kindOf(const QModelIndex &index) const;
    // Why the cell is never edited (a generated column), or empty.
    QString whyNotEditable(const QModelIndex &index) const;
    // What the cell holds, by CellValueRole, else by EditRole.
    static CellValue cellValue(const QModelIndex &index);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    const ColumnInfo *columnOf(const QModelIndex &index) const;
    // The first of the table's foreign keys that the column is part of, and its place in it.
    std::optional<std::pair<ForeignKey, int>> foreignKeyOf(const QString &column) const;
    // What the index's row holds in each of the key's columns, for a composite key's picker.
    QList<std::optional<QString>> rowValues(const QModelIndex &index, const ForeignKey &key) const;

    TableDetails m_table;
    ConnectionPool *m_pool;
    EnumLabels m_enumLabels;
};

} // namespace mizzle
