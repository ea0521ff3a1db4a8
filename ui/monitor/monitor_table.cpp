#include "monitor/monitor_table.h"

#include "grid/grid_view.h"

#include <QHeaderView>
#include <QTableView>

namespace mizzle {

void setUpMonitorTable(QTableView *view, QAbstractItemModel *model)
{
    setUpGridView(view);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
}

} // namespace mizzle
