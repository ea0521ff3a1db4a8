#pragma once

#include "edit/cell_value.h"

#include <QAbstractTableModel>
#include <optional>

namespace mizzle {

class EditBuffer;

// The rows a table tab adds, not saved yet, in a strip above the grid: one row per new row,
// the table's columns, and DEFAULT where the server will fill the value in. Generated and
// identity ALWAYS columns are the server's alone and cannot be set.
class NewRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit NewRowsModel(EditBuffer *buffer, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    quint64 idAt(int row) const;

signals:
    // The user set a cell of a new row (std::nullopt: back to DEFAULT); the tab makes it an
    // undoable change.
    void cellEdited(quint64 id, int column, const std::optional<mizzle::CellValue> &value);

private:
    EditBuffer *m_buffer;
};

} // namespace mizzle
