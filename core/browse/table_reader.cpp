#include "browse/table_reader.h"

namespace mizzle {

namespace {
const QString kCursorName = QStringLiteral("mizzle_table_reader");
}

TableReader::TableReader(ConnectionPool *pool, TableDetails table, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_table(std::move(table))
{
    const bool hasCtid = m_table.kind == RelationInfo::Kind::Table ||
                         m_table.kind == RelationInfo::Kind::MaterializedView;
    if (!m_table.primaryKey.isEmpty()) {
        m_order = Order::PrimaryKey;
        for (const QString &key : std::as_const(m_table.primaryKey)) {
            for (int column = 0; column < m_table.columns.size(); ++column) {
                if (m_table.columns[column].name == key)
                    m_keyColumns.append(column);
            }
        }
    } else if (hasCtid) {
        m_order = Order::PhysicalLocation;
        m_keyColumns.append(int(m_table.columns.size())); // ctid follows the real columns
    } else {
        m_order = Order::Cursor;
    }
}

TableReader::~TableReader() = default; // dropping the cursor's lease rolls its transaction back

QString TableReader::orderDescription() const
{
    switch (m_order) {
    case Order::PrimaryKey:
        return QStringLiteral("Ordered by primary key (%1).").arg(m_table.primaryKey.join(u", "));
    case Order::PhysicalLocation:
        return QStringLiteral("No primary key: rows are shown in physical (ctid) order, which "
                              "changes as rows are updated.");
    case Order::Cursor:
        return QStringLiteral("No primary key and no row location: rows are read through a "
                              "cursor in the order the server returns them.");
    }
    return {};
}

void TableReader::fetchNextPage(QObject *context, PageCallback done)
{
    if (m_fetching || m_atEnd) {
        QTimer::singleShot(0, context, [done] { done(QueryResult()); });
        return;
    }
    m_fetching = true;
    m_pageDone = {context, std::move(done)};
    // The reader's own statements belong to the reader, so that destroying it cancels them.
    if (m_cursorLease) {
        fetchFromCursor(m_cursorLease);
        return;
    }
    m_pool->acquire(this, [this](Result<ConnectionPool::Lease> lease) {
        if (!lease.ok())
            finishPage(lease.error());
        else if (m_order == Order::Cursor)
            fetchFromCursor(lease.value());
        else
            fetchByKey(lease.value());
    });
}

QString TableReader::relationName(const PgConnection &connection) const
{
    return connection.quoteIdentifier(m_table.schema) + QLatin1Char('.') +
           connection.quoteIdentifier(m_table.name);
}

QString TableReader::selectList(const PgConnection &connection) const
{
    QStringList columns;
    for (const ColumnInfo &column : m_table.columns)
        columns.append(connection.quoteIdentifier(column.name));
    if (m_order == Order::PhysicalLocation)
        columns.append(QStringLiteral("ctid"));
    return columns.isEmpty() ? QStringLiteral("NULL") : columns.join(u", ");
}

QString TableReader::keysetSql(const PgConnection &connection) const
{
    QStringList keys, placeholders;
    for (int i = 0; i < m_keyColumns.size(); ++i) {
        const int column = m_keyColumns[i];
        const bool ctid = column == m_table.columns.size();
        keys.append(ctid ? QStringLiteral("ctid")
                         : connection.quoteIdentifier(m_table.columns[column].name));
        // Cast each bound value to its column's type so the comparison uses the key's index.
        placeholders.append(QStringLiteral("$%1::%2").arg(i + 1).arg(
            ctid ? QStringLiteral("tid") : m_table.columns[column].type));
    }
    const QString order = keys.join(u", ");
    QString sql =
        QStringLiteral("SELECT %1 FROM %2").arg(selectList(connection), relationName(connection));
    if (!m_lastKey.isEmpty())
        sql += QStringLiteral(" WHERE (%1) > (%2)").arg(order, placeholders.join(u", "));
    return sql + QStringLiteral(" ORDER BY %1 LIMIT %2").arg(order).arg(m_pageSize);
}

void TableReader::fetchByKey(const ConnectionPool::Lease &lease)
{
    lease->exec(this, keysetSql(*lease), m_lastKey, [this, lease](Result<QueryResult> page) {
        if (page.ok() && page->rowCount() > 0) {
            const qsizetype last = page->rowCount() - 1;
            m_lastKey.clear();
            for (const int column : std::as_const(m_keyColumns))
                m_lastKey.append(page->text(last, column));
        }
        finishPage(std::move(page));
    });
}

void TableReader::fetchFromCursor(const ConnectionPool::Lease &lease)
{
    const QString fetch =
        QStringLiteral("FETCH FORWARD %1 FROM %2").arg(m_pageSize).arg(kCursorName);
    if (m_cursorLease) {
        lease->execScript(this, fetch,
                          [this](Result<QueryResult> page) { finishPage(std::move(page)); });
        return;
    }
    m_cursorLease = lease;
    const QString open = QStringLiteral("BEGIN READ ONLY; DECLARE %1 NO SCROLL CURSOR FOR "
                                        "SELECT %2 FROM %3; ")
                             .arg(kCursorName, selectList(*lease), relationName(*lease));
    lease->execScript(this, open + fetch,
                      [this](Result<QueryResult> page) { finishPage(std::move(page)); });
}

void TableReader::finishPage(Result<QueryResult> page)
{
    m_fetching = false;
    if (page.ok() && page->rowCount() < m_pageSize) {
        m_atEnd = true;
        m_cursorLease.reset(); // the pool rolls the cursor's read-only transaction back
    }
    if (!page.ok())
        m_cursorLease.reset();
    std::exchange(m_pageDone, {})(std::move(page));
}

} // namespace mizzle
