#pragma once

#include "browse/cell_editor.h"
#include "browse/cell_editor_delegate.h"
#include "browse/enum_label_cache.h"
#include "catalog/catalog.h"
#include "connection/connection_pool.h"

#include <QObject>
#include <QStandardItemModel>
#include <memory>

namespace mizzle::test {

// The editor as the class it should be; a different one ends the run, saying which it is.
template <typename T> T *as(const std::unique_ptr<CellEditor> &editor)
{
    auto *typed = qobject_cast<T *>(editor.get());
    if (!typed)
        qFatal("expected a %s, got %s", T::staticMetaObject.className(),
               editor ? editor->metaObject()->className() : "no editor");
    return typed;
}

// What the cell editor tests share: a table with a column of every kind (an enum added out of
// order, a domain over it, a quoted enum, a foreign key, a composite one, JSONB, an array,
// bytea, a generated column), its details, its enum labels, the delegate, and a shown parent
// for the editors.
class CellEditorFixture : public QObject
{
    Q_OBJECT
protected:
    // Creates the table and the rest in a schema of the test's own, so that the tests sharing
    // this fixture can run side by side; call from initTestCase.
    void setUpFixture(const QString &schema);
    int column(const QString &name) const;
    // One row of `things` in a model with the delegate's roles. withCellValues: CellValueRole
    // too, else only EditRole (with NULL an invalid variant).
    std::unique_ptr<QStandardItemModel> rowModel(const QHash<QString, CellValue> &values,
                                                 bool newRow = false,
                                                 bool withCellValues = true) const;
    std::unique_ptr<CellEditor> editorFor(const QModelIndex &index) const;
    // The value through an editor and back: setEditorData, then setModelData.
    CellValue roundTrip(const QString &columnName, const CellValue &value,
                        bool withCellValues = true) const;

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<EnumLabelCache> m_enums;
    TableDetails m_table;
    std::unique_ptr<CellEditorDelegate> m_delegate;
    std::unique_ptr<QWidget> m_parent;
};

} // namespace mizzle::test
