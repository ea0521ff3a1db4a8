#include "browse/table_reader.h"

#include "browse/leading_key.h"
#include "browse/page_query.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// What the pool monitor calls a lease of this reader's: the table and what it is for.
QString leaseOwner(const QString &purpose, const TableDetails &table)
{
    return purpose + u' ' + table.schema + u'.' + table.name;
}

const QString kCursorName = u"mizzle_table_reader"_s;
constexpr qsizetype kStatementsKept = 500;

// Whether a JSON plan has a node of this type anywhere.
bool planHas(const QJsonObject &node, const QString &type)
{
    if (node.value(u"Node Type").toString() == type)
        return true;
    const QJsonArray children = node.value(u"Plans").toArray();
    return std::any_of(children.begin(), children.end(), [&type](const QJsonValue &child) {
        return planHas(child.toObject(), type);
    });
}

QJsonObject topPlan(const QueryResult &explained)
{
    QString json;
    for (qsizetype row = 0; row < explained.rowCount(); ++row)
        json += explained.text(row, 0);
    return QJsonDocument::fromJson(json.toUtf8())
        .array()
        .first()
        .toObject()
        .value(u"Plan")
        .toObject();
}

} // namespace

TableReader::TableReader(ConnectionPool *pool, TableDetails table, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_table(std::move(table))
{}

// Dropping the cursor's lease rolls its transaction back; pages on their way are cancelled,
// because this reader is the context of every statement it sent.
TableReader::~TableReader() = default;

Result<PageQuery> TableReader::query(const PgConnection &connection) const
{
    Result<SqlFragment> filter = filterSql(m_filter, m_table, connection);
    if (!filter)
        return filter.error();
    return PageQuery(m_table, m_sort, filter->sql, filter->parameters, connection);
}

TableReader::Order TableReader::order() const
{
    // The order is a property of the table and the sort alone; any connection can tell.
    return PageQuery(m_table, m_sort, {}, {}, PgConnection()).isKeyset() ? Order::Keyset
                                                                         : Order::Cursor;
}

QString TableReader::orderDescription() const
{
    const bool keyset = order() == Order::Keyset;
    QString tiebreak;
    if (!m_table.primaryKey.isEmpty())
        tiebreak = u"primary key (%1)"_s.arg(m_table.primaryKey.join(u", "));
    else if (keyset)
        tiebreak = u"physical location (ctid), which changes as rows are updated"_s;
    if (!keyset)
        return u"No primary key and no row location: rows are read through a cursor in the "
               "order the server returns them."_s;
    const bool noKey = m_table.primaryKey.isEmpty();
    if (m_sort.isEmpty())
        return (noKey ? u"No primary key: ordered by %1."_s : u"Ordered by %1."_s).arg(tiebreak);
    QStringList sorted;
    for (const SortKey &key : m_sort)
        sorted.append(key.column + (key.descending ? u" ↓"_s : u" ↑"_s));
    return (noKey ? u"No primary key: sorted by %1, then %2."_s : u"Sorted by %1, then %2."_s)
        .arg(sorted.join(u", "), tiebreak);
}

void TableReader::setSort(const QList<SortKey> &sort)
{
    m_sort = sort;
    ++m_generation;
    m_cursorLease.reset();
}

void TableReader::setFilter(const TableFilter &filter)
{
    m_filter = filter;
    ++m_generation;
    m_cursorLease.reset();
}

void TableReader::send(const ConnectionPool::Lease &lease, const QString &sql,
                       const PgConnection::Parameters &parameters, PgConnection::QueryCallback done)
{
    m_sent.append(sql);
    if (m_sent.size() > kStatementsKept)
        m_sent.remove(0, m_sent.size() - kStatementsKept);
    lease->exec(this, sql, parameters, std::move(done));
}

void TableReader::fail(const ContextCallback<Result<Page>> &done, const Error &error)
{
    // From the event loop, as every answer comes; the callback still minds its context.
    QTimer::singleShot(0, this, [done, error] {
        const Result<Page> failed(error);
        done(failed);
    });
}

void TableReader::fetchFirst(QObject *context, PageCallback done)
{
    fetch(Kind::First, {}, {}, context, std::move(done));
}

void TableReader::fetchLast(QObject *context, PageCallback done)
{
    fetch(Kind::Last, {}, {}, context, std::move(done));
}

void TableReader::fetchAfter(const PageKey &key, QObject *context, PageCallback done)
{
    fetch(Kind::After, key, {}, context, std::move(done));
}

void TableReader::fetchBefore(const PageKey &key, QObject *context, PageCallback done)
{
    fetch(Kind::Before, key, {}, context, std::move(done));
}

void TableReader::fetchAtValue(const QString &value, QObject *context, PageCallback done)
{
    fetch(Kind::FromValue, {}, value, context, std::move(done));
}

void TableReader::fetchAtFraction(double fraction, QObject *context, PageCallback done)
{
    const ContextCallback<Result<Page>> callback(context, std::move(done));
    if (order() == Order::Cursor) {
        fail(callback, Error{u"a cursor cannot start in the middle"_s,
                             m_table.schema + u'.' + m_table.name,
                             u"Without a primary key or a row location the rows can only be read "
                             "from the start."_s,
                             {},
                             {},
                             -1});
        return;
    }
    m_pool->acquire(this, leaseOwner(u"read"_s, m_table),
                    [this, fraction, callback](Result<ConnectionPool::Lease> lease) {
                        if (!lease)
                            callback(lease.error());
                        else
                            locateFraction(lease.value(), fraction, callback);
                    });
}

void TableReader::fetch(Kind kind, const PageKey &key, const QString &value, QObject *context,
                        PageCallback done)
{
    const ContextCallback<Result<Page>> callback(context, std::move(done));
    if (order() == Order::Cursor) {
        if (kind == Kind::First || kind == Kind::After) {
            if (kind == Kind::First)
                m_cursorLease.reset();
            fetchFromCursor(callback);
            return;
        }
        fail(callback, Error{u"a cursor reads only from the start"_s,
                             m_table.schema + u'.' + m_table.name,
                             u"Without a primary key or a row location the rows can only be read "
                             "front to back."_s,
                             {},
                             {},
                             -1});
        return;
    }
    m_pool->acquire(this, leaseOwner(u"read"_s, m_table),
                    [this, kind, key, value, callback](Result<ConnectionPool::Lease> lease) {
                        if (!lease)
                            callback(lease.error());
                        else
                            runPage(lease.value(), kind, key, value, callback);
                    });
}

void TableReader::runPage(const ConnectionPool::Lease &lease, Kind kind, const PageKey &key,
                          const QString &value, const ContextCallback<Result<Page>> &done)
{
    const Result<PageQuery> built = query(*lease);
    if (!built) {
        fail(done, built.error());
        return;
    }
    const PageQuery &page = built.value();
    PageQuery::Statement statement;
    switch (kind) {
    case Kind::First:
        statement = page.first(m_pageSize);
        break;
    case Kind::Last:
        statement = page.last(m_pageSize);
        break;
    case Kind::After:
        statement = page.after(key, m_pageSize);
        break;
    case Kind::Before:
        statement = page.before(key, m_pageSize);
        break;
    case Kind::FromValue:
        statement = page.fromLeading(value, m_pageSize);
        break;
    case Kind::FromNull:
        statement = page.fromLeadingNull(m_pageSize);
        break;
    }
    const quint64 generation = m_generation;
    send(lease, statement.sql, statement.parameters,
         [this, lease, kind, generation, page, done](Result<QueryResult> rows) {
             done(finishPage(std::move(rows), kind, generation, page));
         });
}

Result<TableReader::Page> TableReader::finishPage(Result<QueryResult> rows, Kind kind,
                                                  quint64 generation, const PageQuery &query) const
{
    if (!rows)
        return rows.error();
    Page page;
    page.generation = generation;
    // Last and Before read backwards from their end; the page shows in the table's order.
    if (kind == Kind::Last || kind == Kind::Before) {
        const QueryResult &backwards = rows.value();
        page.rows = backwards.emptyCopy();
        for (qsizetype row = backwards.rowCount() - 1; row >= 0; --row)
            page.rows.appendRow(backwards, row);
    } else {
        page.rows = std::move(rows).value();
    }
    const bool full = page.rows.rowCount() >= m_pageSize;
    if (page.rows.rowCount() > 0) {
        page.firstKey = query.keyOf(page.rows, 0);
        page.lastKey = query.keyOf(page.rows, page.rows.rowCount() - 1);
    }
    switch (kind) {
    case Kind::First:
        page.atStart = true;
        page.atEnd = !full;
        break;
    case Kind::Last:
        page.atEnd = true;
        page.atStart = !full;
        break;
    case Kind::After:
        page.atEnd = !full;
        break;
    case Kind::Before:
        page.atStart = !full;
        break;
    case Kind::FromValue:
        break; // NULLs may follow that this page's condition left out
    case Kind::FromNull:
        page.atEnd = !full;
        break;
    }
    return page;
}

void TableReader::locateFraction(const ConnectionPool::Lease &lease, double fraction,
                                 const ContextCallback<Result<Page>> &done)
{
    const Result<PageQuery> built = query(*lease);
    if (!built) {
        fail(done, built.error());
        return;
    }
    const PageQuery page = built.value();
    const PageQuery::OrderColumn leading = page.order().first();
    const LeadingKeyQuery locate = leadingKeyQuery(m_table, leading);
    const auto startAt = [this, lease, done](const LeadingKeyPlace &place) {
        const Kind kind = place.start == LeadingKeyPlace::Start::Value   ? Kind::FromValue
                          : place.start == LeadingKeyPlace::Start::Nulls ? Kind::FromNull
                                                                         : Kind::First;
        runPage(lease, kind, {}, place.value, done);
    };
    if (locate.kind == LeadingKeyQuery::Kind::Unsupported) {
        // Through the reader's own failure path, like the cursor's refusal.
        fail(done, *leadingKeyPlace({}, locate.kind, leading, fraction).error);
        return;
    }
    send(lease, locate.sql, locate.parameters,
         [this, lease, fraction, page, leading, locate, startAt,
          done](Result<QueryResult> statistics) {
             if (!statistics) {
                 done(statistics.error());
                 return;
             }
             const LeadingKeyPlace place =
                 leadingKeyPlace(statistics.value(), locate.kind, leading, fraction);
             if (place.error) {
                 done(*place.error);
                 return;
             }
             if (place.start != LeadingKeyPlace::Start::Interpolate) {
                 startAt(place);
                 return;
             }
             send(lease, interpolationQuery(leading, page.relation()),
                  {QString::number(place.position, 'g', 17)},
                  [startAt, done](Result<QueryResult> value) {
                      if (!value) {
                          done(value.error());
                          return;
                      }
                      LeadingKeyPlace found;
                      if (value->rowCount() > 0 && !value->isNull(0, 0)) {
                          found.start = LeadingKeyPlace::Start::Value;
                          found.value = value->text(0, 0);
                      }
                      startAt(found); // an empty table: its first (empty) page
                  });
         });
}

void TableReader::fetchFromCursor(const ContextCallback<Result<Page>> &done)
{
    const auto fetchPage = [this, done](const ConnectionPool::Lease &lease, bool open) {
        const Result<PageQuery> built = query(*lease);
        if (!built) {
            m_cursorLease.reset();
            fail(done, built.error());
            return;
        }
        const PageQuery page = built.value();
        QString sql = u"FETCH FORWARD %1 FROM %2"_s.arg(m_pageSize).arg(kCursorName);
        if (open) {
            const PageQuery::Statement all = page.all();
            // DECLARE takes the filter's bound values like any statement of the extended
            // protocol.
            sql = u"DECLARE %1 NO SCROLL CURSOR FOR %2"_s.arg(kCursorName, all.sql);
            const quint64 generation = m_generation;
            send(
                lease, sql, all.parameters,
                [this, lease, page, done, generation](Result<QueryResult> declared) {
                    if (!declared || generation != m_generation) {
                        m_cursorLease.reset();
                        done(declared ? Result<Page>(Error{
                                            u"the sort or filter changed"_s, {}, {}, {}, {}, -1})
                                      : Result<Page>(declared.error()));
                        return;
                    }
                    const QString next =
                        u"FETCH FORWARD %1 FROM %2"_s.arg(m_pageSize).arg(kCursorName);
                    send(lease, next, {}, [this, page, done, generation](Result<QueryResult> rows) {
                        Result<Page> fetched =
                            finishPage(std::move(rows), Kind::First, generation, page);
                        if (!fetched || fetched->atEnd)
                            m_cursorLease.reset(); // the pool rolls the cursor's transaction back
                        done(std::move(fetched));
                    });
                });
            return;
        }
        const quint64 generation = m_cursorGeneration;
        send(lease, sql, {}, [this, page, done, generation](Result<QueryResult> rows) {
            Result<Page> fetched = finishPage(std::move(rows), Kind::After, generation, page);
            if (!fetched || fetched->atEnd)
                m_cursorLease.reset();
            done(std::move(fetched));
        });
    };
    if (m_cursorLease) {
        fetchPage(m_cursorLease, false);
        return;
    }
    m_pool->acquire(
        this, leaseOwner(u"read"_s, m_table),
        [this, fetchPage, done](Result<ConnectionPool::Lease> lease) {
            if (!lease) {
                done(lease.error());
                return;
            }
            m_cursorLease = lease.value();
            m_cursorGeneration = m_generation;
            // A cursor lives in a transaction; a read-only pool's lease is in one already, where
            // BEGIN only warns.
            send(m_cursorLease, u"BEGIN READ ONLY"_s, {},
                 [this, fetchPage, done, held = m_cursorLease](Result<QueryResult> begun) {
                     if (!begun) {
                         m_cursorLease.reset();
                         done(begun.error());
                         return;
                     }
                     fetchPage(held, true);
                 });
        });
}

void TableReader::estimate(QObject *context, EstimateCallback done)
{
    const ContextCallback<Result<Estimate>> callback(context, std::move(done));
    m_pool->acquire(
        this, leaseOwner(u"read"_s, m_table),
        [this, callback](Result<ConnectionPool::Lease> lease) {
            if (!lease) {
                callback(lease.error());
                return;
            }
            const Result<PageQuery> built = query(*lease.value());
            if (!built) {
                callback(built.error());
                return;
            }
            const PageQuery page = built.value();
            const PageQuery::Statement counted = page.count(u"1"_s);
            send(lease.value(), u"EXPLAIN (FORMAT JSON) "_s + counted.sql, counted.parameters,
                 [this, page, held = lease.value(), callback](Result<QueryResult> rows) {
                     if (!rows) {
                         callback(rows.error());
                         return;
                     }
                     Estimate estimate;
                     estimate.rows = qint64(topPlan(rows.value()).value(u"Plan Rows").toDouble());
                     const PageQuery::Statement first = page.first(m_pageSize);
                     send(held, u"EXPLAIN (FORMAT JSON) "_s + first.sql, first.parameters,
                          [held, estimate, callback](Result<QueryResult> plan) mutable {
                              if (plan)
                                  estimate.sortsWholeTable =
                                      planHas(topPlan(plan.value()), u"Sort"_s);
                              callback(estimate);
                          });
                 });
        });
}

void TableReader::countRows(QObject *context, std::function<void(Result<qint64>)> done)
{
    // Nothing here names the reader: a count outlives a reader closed under it, until its
    // context goes.
    ConnectionPool *pool = m_pool;
    const TableDetails table = m_table;
    const TableFilter filter = m_filter;
    pool->acquire(
        context, leaseOwner(u"count"_s, table),
        [context, table, filter, done = std::move(done)](Result<ConnectionPool::Lease> lease) {
            if (!lease) {
                done(lease.error());
                return;
            }
            const Result<SqlFragment> where = filterSql(filter, table, *lease.value());
            if (!where) {
                done(where.error());
                return;
            }
            const PageQuery page(table, {}, where->sql, where->parameters, *lease.value());
            const PageQuery::Statement counted = page.count(u"count(*)"_s);
            lease.value()->exec(context, counted.sql, counted.parameters,
                                [held = lease.value(), done](Result<QueryResult> rows) {
                                    if (!rows)
                                        done(rows.error());
                                    else
                                        done(rows->text(0, 0).toLongLong());
                                });
        });
}

} // namespace mizzle
