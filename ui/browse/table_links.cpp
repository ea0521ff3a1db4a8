#include "browse/table_links.h"

#include "browse/foreign_key_filter.h"
#include "browse/table_grid_model.h"
#include "connection/query_result.h"

#include <QMenu>
#include <QMouseEvent>
#include <QTableView>

namespace mizzle {

using namespace Qt::StringLiterals;

TableLinks::TableLinks(QTableView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    view->viewport()->installEventFilter(this);
}

void TableLinks::setTable(const TableDetails &table, TableGridModel *model)
{
    m_table = table;
    m_model = model;
}

QList<std::optional<QString>> TableLinks::rowValues(int row, const QStringList &columns) const
{
    qsizetype inRows = 0;
    const QueryResult *rows = m_model ? m_model->rowAt(row, &inRows) : nullptr;
    if (!rows)
        return {};
    QList<std::optional<QString>> values;
    for (const QString &name : columns) {
        const auto found = std::find_if(m_table.columns.begin(), m_table.columns.end(),
                                        [&name](const ColumnInfo &c) { return c.name == name; });
        if (found == m_table.columns.end())
            return {};
        const int column = int(found - m_table.columns.begin());
        values.append(rows->isNull(inRows, column) ? std::nullopt
                                                   : std::optional(rows->text(inRows, column)));
    }
    return values;
}

void TableLinks::openReferencedRow(const QModelIndex &cell)
{
    const QVariant key = cell.data(TableGridModel::ForeignKeyRole);
    if (!key.isValid())
        return;
    const ForeignKey &foreign = m_table.foreignKeys.at(key.toInt());
    const auto filter = referencedRowFilter(foreign, rowValues(cell.row(), foreign.columns));
    if (!filter) {
        emit notFollowed(tr("This row's %1 is NULL or not read yet: it refers to no row.")
                             .arg(foreign.columns.join(u", ")));
        return;
    }
    emit navigate(foreign.referencedSchema, foreign.referencedTable, *filter);
}

void TableLinks::openReferencingRows(int key, int row)
{
    if (key < 0 || key >= m_table.referencedBy.size())
        return;
    const ForeignKey &foreign = m_table.referencedBy.at(key);
    const auto filter = referencingRowsFilter(foreign, rowValues(row, foreign.referencedColumns));
    if (!filter) {
        emit notFollowed(tr("This row's %1 is NULL or not read yet: nothing refers to it.")
                             .arg(foreign.referencedColumns.join(u", ")));
        return;
    }
    emit navigate(foreign.schema, foreign.table, *filter);
}

void TableLinks::addMenuActions(QMenu *menu, const QModelIndex &cell)
{
    if (!cell.isValid())
        return;
    const QVariant key = cell.data(TableGridModel::ForeignKeyRole);
    if (key.isValid()) {
        const ForeignKey &foreign = m_table.foreignKeys.at(key.toInt());
        menu->addAction(tr("Open referenced row in %1.%2 (Ctrl+click)")
                            .arg(foreign.referencedSchema, foreign.referencedTable),
                        this, [this, cell] { openReferencedRow(cell); });
    }
    if (m_table.referencedBy.isEmpty())
        return;
    QMenu *incoming = menu->addMenu(tr("Referenced by"));
    for (int i = 0; i < m_table.referencedBy.size(); ++i) {
        const ForeignKey &foreign = m_table.referencedBy.at(i);
        incoming->addAction(
            u"%1.%2 (%3)"_s.arg(foreign.schema, foreign.table, foreign.columns.join(u", ")), this,
            [this, i, row = cell.row()] { openReferencingRows(i, row); });
    }
    incoming->addSeparator();
    incoming->addAction(tr("Count referencing rows"), this,
                        [this, row = cell.row()] { emit countReferencesRequested(row); });
}

bool TableLinks::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && (mouse->modifiers() & Qt::ControlModifier)) {
            const QModelIndex cell = m_view->indexAt(mouse->position().toPoint());
            if (cell.data(TableGridModel::ForeignKeyRole).isValid()) {
                openReferencedRow(cell);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace mizzle
