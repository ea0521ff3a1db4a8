#pragma once

#include <QVariant>

namespace mizzle {

class QueryResult;

// How a cell of server text looks in a grid, shared by table tabs and query results: NULL as an
// italic, dimmed "NULL", distinct from the empty string; one line per cell; numbers
// right-aligned. The raw value (or a null QVariant for SQL NULL) is under RawValueRole.
namespace CellPresentation {

constexpr int RawValueRole = Qt::UserRole + 1;

QVariant data(const QueryResult &rows, int row, int column, bool numeric, int role);

} // namespace CellPresentation
} // namespace mizzle
