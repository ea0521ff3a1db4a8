#pragma once

#include <QStringList>

class QTabWidget;

namespace mizzle {

// What closing the window now would throw away, one line per tab, for the question asked
// before quitting: open transactions (rolled back), pending row edits (not saved), and SQL
// text not saved to its file (the session keeps it for the next start, but not the file).
QStringList whatQuittingLoses(const QTabWidget *tabs);

} // namespace mizzle
