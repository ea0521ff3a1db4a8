#pragma once

#include "browse/sort_key.h"
#include "browse/table_filter.h"
#include "catalog/catalog_types.h"
#include "connection/connection_pool.h"
#include "connection/query_result.h"

#include <QObject>
#include <QStringList>

namespace mizzle {

class PageQuery;

// Reads a table page by page, sorted and filtered on the server, and never with OFFSET:
//  - with a unique order (the sort columns, then the primary key or the row's location, see
//    PageQuery), keyset style, so a page can start anywhere: the first, the last, the ones
//    after or before a row, one about a fraction of the way in (from the planner's histogram of
//    the leading order column), or the first at a key value;
//  - without one (a view without a key), through a server-side cursor that holds one pooled
//    connection, front to back only.
// Values stay in the server's text form; NULL stays distinct from the empty string.
//
// Every sort or filter change bumps generation(); each page says which generation it was read
// for, so that a page answering an older one can be dropped. Destroying the reader cancels what
// it has on the server; a page's callback never runs once its context is gone.
class TableReader : public QObject
{
    Q_OBJECT
public:
    enum class Order { Keyset, Cursor };
    struct Page
    {
        QueryResult rows; // the table's columns, then ctid (or tableoid, ctid) when ordered by them
        PageKey firstKey; // order key of the first row, for fetchBefore
        PageKey lastKey;  // order key of the last row, for fetchAfter
        bool atStart = false; // no row comes before the first one
        bool atEnd = false;   // no row comes after the last one
        quint64 generation = 0;
    };
    struct Estimate
    {
        qint64 rows = -1;             // the planner's estimate for the filtered table
        bool sortsWholeTable = false; // no index serves the order: each page sorts every row
    };
    using PageCallback = std::function<void(Result<Page>)>;
    using EstimateCallback = std::function<void(Result<Estimate>)>;

    TableReader(ConnectionPool *pool, TableDetails table, QObject *parent = nullptr);
    ~TableReader() override;

    const TableDetails &table() const { return m_table; }
    ConnectionPool *pool() const { return m_pool; }
    Order order() const;
    QString orderDescription() const; // a sentence for the UI
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    void setSort(const QList<SortKey> &sort);
    const QList<SortKey> &sort() const { return m_sort; }
    // Rendered with each statement's connection (filterSql); a filter that cannot be rendered
    // fails the pages with filterSql's error.
    void setFilter(const TableFilter &filter);
    const TableFilter &filter() const { return m_filter; }
    quint64 generation() const { return m_generation; }

    void fetchFirst(QObject *context, PageCallback done);
    void fetchLast(QObject *context, PageCallback done);
    // In a cursor the key is ignored: the next rows come.
    void fetchAfter(const PageKey &key, QObject *context, PageCallback done);
    void fetchBefore(const PageKey &key, QObject *context, PageCallback done);
    // About fraction (0 to 1) of the way into the order, by the planner's statistics: an
    // approximate place, not an exact row.
    void fetchAtFraction(double fraction, QObject *context, PageCallback done);
    // From the first row whose leading order column is at or after value.
    void fetchAtValue(const QString &value, QObject *context, PageCallback done);
    void estimate(QObject *context, EstimateCallback done);
    // The exact count of the filtered rows, with count(*) on a pooled connection of its own. The
    // statement belongs to the context: destroying it cancels the count on the server.
    void countRows(QObject *context, std::function<void(Result<qint64>)> done);

    // Every statement the reader sent, newest last (at most the last 500): what the tests read
    // to prove that no page used OFFSET.
    const QStringList &statementsSent() const { return m_sent; }

private:
    enum class Kind { First, Last, After, Before, FromValue, FromNull };
    Result<PageQuery> query(const PgConnection &connection) const;
    void fetch(Kind kind, const PageKey &key, const QString &value, QObject *context,
               PageCallback done);
    void runPage(const ConnectionPool::Lease &lease, Kind kind, const PageKey &key,
                 const QString &value, const ContextCallback<Result<Page>> &done);
    void fetchFromCursor(const ContextCallback<Result<Page>> &done);
    void send(const ConnectionPool::Lease &lease, const QString &sql,
              const PgConnection::Parameters &parameters, PgConnection::QueryCallback done);
    void locateFraction(const ConnectionPool::Lease &lease, double fraction,
                        const ContextCallback<Result<Page>> &done);
    void fail(const ContextCallback<Result<Page>> &done, const Error &error);
    Result<Page> finishPage(Result<QueryResult> rows, Kind kind, quint64 generation,
                            const PageQuery &query) const;

    ConnectionPool *m_pool;
    TableDetails m_table;
    QList<SortKey> m_sort;
    TableFilter m_filter;
    quint64 m_generation = 1;
    int m_pageSize = 500;
    QStringList m_sent;
    ConnectionPool::Lease m_cursorLease; // the cursor's, until its last page
    quint64 m_cursorGeneration = 0;
    bool m_cursorAtEnd = false;
};

} // namespace mizzle
