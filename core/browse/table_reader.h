#pragma once

#include "catalog/catalog_types.h"
#include "connection/connection_pool.h"
#include "connection/query_result.h"

#include <QObject>

namespace mizzle {

// Reads a table page by page without ever using OFFSET:
//  - by primary key, keyset style: WHERE (pk) > ($last) ORDER BY pk LIMIT n;
//  - without a primary key, by physical location: WHERE ctid > $last ORDER BY ctid LIMIT n;
//  - where neither exists (views, partitioned or foreign tables without a key), through a
//    server-side cursor that holds one pooled connection until the last page.
// Values stay in the server's text form; NULL stays distinct from the empty string.
class TableReader : public QObject
{
    Q_OBJECT
public:
    enum class Order { PrimaryKey, PhysicalLocation, Cursor };

    TableReader(ConnectionPool *pool, TableDetails table, QObject *parent = nullptr);
    ~TableReader() override;

    const TableDetails &table() const { return m_table; }
    Order order() const { return m_order; }
    QString orderDescription() const; // a sentence for the UI
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    bool atEnd() const { return m_atEnd; }
    bool isFetching() const { return m_fetching; }

    using PageCallback = std::function<void(Result<QueryResult>)>;
    // Delivers the next page (possibly empty at the end) to `done`, unless `context` is
    // destroyed first. One fetch at a time. Destroying the reader cancels a page on its way.
    void fetchNextPage(QObject *context, PageCallback done);

private:
    QString selectList(const PgConnection &connection) const;
    QString relationName(const PgConnection &connection) const;
    QString keysetSql(const PgConnection &connection) const;
    void fetchByKey(const ConnectionPool::Lease &lease);
    void fetchFromCursor(const ConnectionPool::Lease &lease);
    void finishPage(Result<QueryResult> page);

    ConnectionPool *m_pool;
    TableDetails m_table;
    Order m_order;
    int m_pageSize = 500;
    bool m_atEnd = false;
    bool m_fetching = false;
    PgConnection::Parameters m_lastKey; // key of the last row delivered; empty before page one
    QList<int> m_keyColumns;            // indexes of the key columns in the select list
    ConnectionPool::Lease m_cursorLease;
    ContextCallback<Result<QueryResult>> m_pageDone;
};

} // namespace mizzle
