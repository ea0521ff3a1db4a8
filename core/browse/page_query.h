#pragma once

#include "browse/sort_key.h"
#include "catalog/catalog_types.h"
#include "connection/pg_connection.h"

#include <QString>

namespace mizzle {

class QueryResult;

// The SQL of one page of a table, keyset style: never OFFSET, so a page a million rows in costs
// what the first one costs when an index supports the order.
//
// The order is the user's sort columns, then a unique tiebreak: the primary key, or else the
// row's location (ctid). The tiebreak takes the last sort column's direction, so that an index
// on (sort column, key) serves the order read forwards or backwards. Every column's NULLS FIRST
// or LAST is spelled out; a NOT NULL column keeps its direction's default, as an index has it.
//
// "After a row" is a disjunction over the order columns, NULL-aware. A run of NOT NULL columns in
// one direction becomes a single row-value comparison, (a, b) > ($1, $2), which the server turns
// into one index condition; that covers the common cases (a NOT NULL sort column and a key, or
// the key alone) with no OR at all.
//
// Parameters are numbered after the filter's: the filter's fragment comes first in the WHERE.
class PageQuery
{
public:
    struct Statement
    {
        QString sql;
        PgConnection::Parameters parameters;
    };
    struct OrderColumn
    {
        QString name;   // the column's name, or "ctid"
        QString quoted; // as it goes into SQL
        QString type;   // for casting a bound value: the column's format_type, "tid" for ctid
        bool descending = false;
        bool nullsFirst = false;
        bool notNull = false;
        int resultColumn = 0; // where the value is in a page's rows
    };

    // filterSql: a parenthesised boolean expression with $1..$n, or empty; filterParameters are
    // its values. Identifiers are quoted with the connection's PQescapeIdentifier.
    PageQuery(const TableDetails &table, const QList<SortKey> &sort, const QString &filterSql,
              const PgConnection::Parameters &filterParameters, const PgConnection &connection);

    // Whether the order ends in a unique key, so that pages can start anywhere. Without one (a
    // view without a key) only a cursor can read the rows, front to back.
    bool isKeyset() const { return m_keyset; }
    const QList<OrderColumn> &order() const { return m_order; }
    // The columns selected: the table's, then tableoid and ctid when the order needs them, and
    // the row's xmin for a table.
    int resultColumnCount() const { return m_resultColumns; }
    QString relation() const { return m_relation; }

    Statement first(int limit) const;
    // The last rows, in reversed order: the caller turns them around.
    Statement last(int limit) const;
    Statement after(const PageKey &key, int limit) const;
    // The rows just before the key, in reversed order: the caller turns them around.
    Statement before(const PageKey &key, int limit) const;
    // From the first row whose leading order column is at or after value (a jump, Go to key).
    // Rows with NULL there, which an index on the column may not reach cheaply, are left to the
    // next page: a short page from here does not mean the end.
    Statement fromLeading(const QString &value, int limit) const;
    // From the first row whose leading order column is NULL (a jump into the NULLs at the end).
    Statement fromLeadingNull(int limit) const;
    // The whole (filtered) relation in order, for a cursor.
    Statement all() const;
    // For the row estimate: the filtered relation, unordered.
    Statement count(const QString &selectList) const;

    PageKey keyOf(const QueryResult &rows, qsizetype row) const;

private:
    enum class Edge { Strict, Inclusive };
    Statement page(const QString &condition, PgConnection::Parameters parameters, bool reversed,
                   int limit) const;
    QString orderBy(bool reversed) const;
    QString afterCondition(const QList<OrderColumn> &order, const PageKey &key,
                           PgConnection::Parameters &parameters) const;
    QString afterFrom(const QList<OrderColumn> &order, const PageKey &key, int from,
                      PgConnection::Parameters &parameters) const;
    QString placeholder(const OrderColumn &column, const std::optional<QString> &value,
                        PgConnection::Parameters &parameters) const;
    static QList<OrderColumn> reversedOrder(const QList<OrderColumn> &order);

    QList<OrderColumn> m_order;
    QString m_relation;
    QString m_selectList;
    QString m_filterSql;
    PgConnection::Parameters m_filterParameters;
    int m_resultColumns = 0;
    bool m_keyset = false;
};

} // namespace mizzle
