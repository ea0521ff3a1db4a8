#pragma once

#include "export/result_formatter.h"

#include <QObject>
#include <functional>

class QAction;
class QTableView;

namespace mizzle {

class QueryResult;

// Copy for a grid of rows, the same in SQL results and table tabs: the rows and columns that
// hold a selected cell (or the current cell) as TSV, CSV, JSON or SQL INSERT, from the server's
// own text. One cell as TSV pastes as its bare value. Rows a table tab does not hold (far from
// the screen) are left out.
class GridCopy : public QObject
{
    Q_OBJECT
public:
    // For a view row: the rows that hold it and its place in them, or nullptr.
    using RowSource = std::function<const QueryResult *(int viewRow, qsizetype *inRows)>;

    GridCopy(QTableView *view, RowSource rows, QObject *parent = nullptr);

    // The table that INSERT statements name.
    void setTable(const QString &schema, const QString &name);
    // The selection as text in that format; empty when nothing is selected.
    QString selectionText(ResultFormat format) const;
    void copy(ResultFormat format) const;
    // Copy (Ctrl+C), Copy as CSV (Ctrl+Shift+C), Copy as JSON, Copy as SQL INSERT, added to the
    // view (for its context menu) with shortcuts that work while it has the focus.
    QList<QAction *> addActions();

private:
    QTableView *m_view;
    RowSource m_rows;
    QString m_schema;
    QString m_table;
};

} // namespace mizzle
