#pragma once

#include "browse/browse_state.h"
#include "browse/sort_key.h"
#include "browse/table_filter.h"
#include "catalog/catalog_types.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTabWidget;
class QTableView;
class QTimer;

namespace mizzle {

class ConnectionSession;
class ErrorBanner;
class FilterBar;
class GridCopy;
class RecordView;
class TableCounter;
class TableEditor;
class TableFooter;
class TableGridModel;
class TableLinks;
class TableReader;
class ValueViewer;

// One opened table: a filter bar, the grid (sorted on the server by a click on a header,
// Shift+click to add a column), the value viewer and the record view beside it, and a footer
// with the order, the row count (estimated at once, exact on demand) and a busy bar. Its
// scrollbar spans the whole table. A foreign key's cell opens the row it refers to (Ctrl+click
// or the context menu), a row's context menu opens the rows that refer to it, and Alt+Left and
// Alt+Right retrace those jumps. The filter, sort and column widths are kept per table.
class TableTab : public QWidget
{
    Q_OBJECT
public:
    // start, when given, is the filter and sort to open with instead of those kept for the
    // table (the command line's --where and --order-by).
    TableTab(ConnectionSession *session, const TableDetails &table,
             const std::optional<BrowseState> &start = std::nullopt, QWidget *parent = nullptr);
    ~TableTab() override;

    QTableView *view() const { return m_view; }
    TableGridModel *model() const { return m_model; }
    ErrorBanner *banner() const { return m_banner; }
    FilterBar *filterBar() const { return m_filterBar; }
    RecordView *recordView() const { return m_record; }
    TableEditor *editor() const { return m_editor; }
    ValueViewer *valueViewer() const { return m_viewer; }
    QLabel *statusLabel() const;
    QLabel *orderLabel() const;
    const TableDetails &table() const { return m_table; }
    QString qualifiedName() const;

    // Checks the filter with the parser and the server, then reads the table with it; a
    // problem shows next to its condition and the grid keeps what it showed.
    void applyFilter(const TableFilter &filter);
    void setSort(const QList<SortKey> &sort);
    const TableFilter &filter() const { return m_filter; }
    const QList<SortKey> &sort() const;
    void sortByColumn(int column, bool adding);

    // Foreign keys: the row the cell's key refers to, and the rows of referencedBy[key] that
    // refer to this row; both in this tab, so that goBack() returns.
    void openReferencedRow(const QModelIndex &cell);
    void openReferencingRows(int key, int row);
    bool canGoBack() const;
    bool canGoForward() const;
    void goBack();
    void goForward();

    // count(*) of the filtered rows on a connection of its own; cancelCount() stops it.
    void countRows();
    void cancelCount();
    bool isCounting() const;
    // Ctrl+G: "#123" goes to a row number, anything else to a value of the leading order
    // column.
    void goTo(const QString &target);

signals:
    // The first page is on screen (or the table turned out empty).
    void firstPageShown();
    void loadFailed();

private:
    struct Place
    {
        TableDetails table;
        TableFilter filter;
        QList<SortKey> sort;
    };

    void showPlace(const Place &place);
    void reload();
    void readFilter(const TableFilter &filter);
    void onPageLoaded();
    void requestVisibleRows();
    void fitColumns();
    void showCurrentRow();
    void showContextMenu(const QPoint &position);
    void updateStatus();
    void saveState();
    void restoreState();
    void navigateTo(const QString &schema, const QString &name, const TableFilter &filter);

    ConnectionSession *m_session;
    TableDetails m_table;
    TableFilter m_filter;
    TableReader *m_reader = nullptr;
    TableGridModel *m_model = nullptr;
    ErrorBanner *m_banner;
    FilterBar *m_filterBar;
    QTableView *m_view;
    GridCopy *m_copy;
    TableLinks *m_links;
    TableEditor *m_editor;
    QTabWidget *m_side;
    ValueViewer *m_viewer;
    RecordView *m_record;
    TableFooter *m_footer;
    TableCounter *m_counter;
    QTimer *m_scrollSettle;
    QTimer *m_stateSave;
    QList<Place> m_trail; // the places Back and Forward go to
    qsizetype m_here = -1;
    std::optional<qint64> m_exactCount;
    qint64 m_estimate = -1;
    bool m_sortsWholeTable = false;
    bool m_firstPageShown = false;
    bool m_widthsFitted = false;
};

} // namespace mizzle
