#include "grid/grid_view.h"

#include <QHeaderView>
#include <QTableView>

namespace mizzle {

void setUpGridView(QTableView *view)
{
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setDefaultSectionSize(140);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
}

} // namespace mizzle
