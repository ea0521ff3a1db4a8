#pragma once

class QAbstractItemModel;
class QTableView;

namespace mizzle {

// The Monitor's tables: the grid's look (setUpGridView), read-only, whole rows selected, the
// last column stretched and no row numbers, showing `model`.
void setUpMonitorTable(QTableView *view, QAbstractItemModel *model);

} // namespace mizzle
