#pragma once

class QTableView;

namespace mizzle {

// How every grid of rows looks, in SQL results and table tabs alike: one line per row, a row
// height that follows the font, alternating rows.
void setUpGridView(QTableView *view);

} // namespace mizzle
