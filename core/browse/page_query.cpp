#include "browse/page_query.h"

#include "connection/query_result.h"

#include <QStringList>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kCtid = u"ctid"_s;

bool hasLocation(RelationInfo::Kind kind)
{
    return kind == RelationInfo::Kind::Table || kind == RelationInfo::Kind::MaterializedView ||
           kind == RelationInfo::Kind::PartitionedTable;
}

} // namespace

PageQuery::PageQuery(const TableDetails &table, const QList<SortKey> &sort,
                     const QString &filterSql, const PgConnection::Parameters &filterParameters,
                     const PgConnection &connection)
    : m_relation(connection.quoteIdentifier(table.schema) + u'.' +
                 connection.quoteIdentifier(table.name))
    , m_filterSql(filterSql)
    , m_filterParameters(filterParameters)
{
    QStringList columns;
    const auto columnIndex = [&table](const QString &name) {
        for (int i = 0; i < table.columns.size(); ++i) {
            if (table.columns[i].name == name)
                return i;
        }
        return -1;
    };
    for (const ColumnInfo &column : table.columns)
        columns.append(connection.quoteIdentifier(column.name));
    m_resultColumns = int(columns.size());

    const auto addColumn = [&](const QString &name, bool descending, std::optional<bool> nulls) {
        const int index = columnIndex(name);
        if (index < 0)
            return;
        const ColumnInfo &info = table.columns[index];
        const bool notNull = info.notNull || table.primaryKey.contains(name);
        m_order.append({name, connection.quoteIdentifier(name), info.type, descending,
                        notNull ? descending : nulls.value_or(descending), notNull, index});
    };
    for (const SortKey &key : sort)
        addColumn(key.column, key.descending, key.nullsFirst);
    const bool tiebreakDescending = !m_order.isEmpty() && m_order.last().descending;
    if (!table.primaryKey.isEmpty()) {
        for (const QString &key : table.primaryKey) {
            const bool sorted = std::any_of(m_order.begin(), m_order.end(),
                                            [&key](const OrderColumn &c) { return c.name == key; });
            if (!sorted)
                addColumn(key, tiebreakDescending, std::nullopt);
        }
        m_keyset = true;
    } else if (hasLocation(table.kind)) {
        // A partitioned table's ctid is unique only within a partition; tableoid completes it.
        if (table.kind == RelationInfo::Kind::PartitionedTable) {
            m_order.append({u"tableoid"_s, u"tableoid"_s, u"oid"_s, tiebreakDescending,
                            tiebreakDescending, true, m_resultColumns});
            columns.append(u"tableoid"_s);
            ++m_resultColumns;
        }
        m_order.append({kCtid, kCtid, u"tid"_s, tiebreakDescending, tiebreakDescending, true,
                        m_resultColumns});
        columns.append(kCtid);
        ++m_resultColumns;
        m_keyset = true;
    }
    // The row's version, which a save checks before it touches the row (edit/row_identity.h).
    if (hasLocation(table.kind)) {
        columns.append(u"xmin"_s);
        ++m_resultColumns;
    }
    m_selectList = columns.isEmpty() ? u"NULL"_s : columns.join(u", ");
}

QString PageQuery::orderBy(bool reversed) const
{
    QStringList terms;
    for (const OrderColumn &column : reversed ? reversedOrder(m_order) : m_order) {
        QString term = column.quoted + (column.descending ? u" DESC"_s : u" ASC"_s);
        if (!column.notNull)
            term += column.nullsFirst ? u" NULLS FIRST"_s : u" NULLS LAST"_s;
        terms.append(term);
    }
    return terms.isEmpty() ? QString() : u" ORDER BY "_s + terms.join(u", ");
}

QList<PageQuery::OrderColumn> PageQuery::reversedOrder(const QList<OrderColumn> &order)
{
    QList<OrderColumn> reversed = order;
    for (OrderColumn &column : reversed) {
        column.descending = !column.descending;
        column.nullsFirst = !column.nullsFirst;
    }
    return reversed;
}

QString PageQuery::placeholder(const OrderColumn &column, const std::optional<QString> &value,
                               PgConnection::Parameters &parameters) const
{
    parameters.append(value);
    // Cast to the column's type, so that the comparison uses the column's operators and index.
    return u"$%1::%2"_s.arg(parameters.size()).arg(column.type);
}

// Rows after `key` in this order, looking at columns from `from` on, given that every column
// before `from` equals the key.
QString PageQuery::afterFrom(const QList<OrderColumn> &order, const PageKey &key, int from,
                             PgConnection::Parameters &parameters) const
{
    if (from >= order.size())
        return {};
    // A run of NOT NULL columns in one direction: one row comparison.
    int end = from;
    while (end < order.size() && order[end].notNull && key.values.value(end).has_value() &&
           order[end].descending == order[from].descending)
        ++end;
    if (end - from >= 1 && order[from].notNull && key.values.value(from).has_value()) {
        QStringList columns, values;
        for (int i = from; i < end; ++i) {
            columns.append(order[i].quoted);
            values.append(placeholder(order[i], key.values.value(i), parameters));
        }
        const bool single = end - from == 1;
        const QString left = single ? columns.first() : u"(%1)"_s.arg(columns.join(u", "));
        const QString right = single ? values.first() : u"(%1)"_s.arg(values.join(u", "));
        const QString strict =
            u"%1 %2 %3"_s.arg(left, order[from].descending ? u"<"_s : u">"_s, right);
        const QString rest = afterFrom(order, key, end, parameters);
        if (rest.isEmpty())
            return strict;
        return u"(%1 OR (%2 = %3 AND %4))"_s.arg(strict, left, right, rest);
    }
    // One nullable column (or a NULL in the key): compare it alone, NULL-aware.
    const OrderColumn &column = order[from];
    const std::optional<QString> &value = key.values.value(from);
    QString strict, equal;
    if (!value) {
        strict = column.nullsFirst ? u"%1 IS NOT NULL"_s.arg(column.quoted) : QString();
        equal = u"%1 IS NULL"_s.arg(column.quoted);
    } else {
        const QString bound = placeholder(column, value, parameters);
        strict = u"%1 %2 %3"_s.arg(column.quoted, column.descending ? u"<"_s : u">"_s, bound);
        if (!column.nullsFirst)
            strict = u"(%1 OR %2 IS NULL)"_s.arg(strict, column.quoted);
        equal = u"%1 = %2"_s.arg(column.quoted, bound);
    }
    const QString rest = afterFrom(order, key, from + 1, parameters);
    const QString tied = rest.isEmpty() ? QString() : u"(%1 AND %2)"_s.arg(equal, rest);
    if (strict.isEmpty())
        return tied.isEmpty() ? u"false"_s : tied;
    return tied.isEmpty() ? strict : u"(%1 OR %2)"_s.arg(strict, tied);
}

QString PageQuery::afterCondition(const QList<OrderColumn> &order, const PageKey &key,
                                  PgConnection::Parameters &parameters) const
{
    const QString condition = afterFrom(order, key, 0, parameters);
    return condition.isEmpty() ? u"false"_s : condition;
}

PageQuery::Statement PageQuery::page(const QString &condition, PgConnection::Parameters parameters,
                                     bool reversed, int limit) const
{
    QStringList where;
    if (!m_filterSql.isEmpty())
        where.append(m_filterSql);
    if (!condition.isEmpty())
        where.append(condition);
    QString sql = u"SELECT %1 FROM %2"_s.arg(m_selectList, m_relation);
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND "_s);
    sql += orderBy(reversed);
    if (limit > 0)
        sql += u" LIMIT %1"_s.arg(limit);
    return {sql, std::move(parameters)};
}

PageQuery::Statement PageQuery::first(int limit) const
{
    return page({}, m_filterParameters, false, limit);
}

PageQuery::Statement PageQuery::last(int limit) const
{
    return page({}, m_filterParameters, true, limit);
}

PageQuery::Statement PageQuery::after(const PageKey &key, int limit) const
{
    PgConnection::Parameters parameters = m_filterParameters;
    const QString condition = afterCondition(m_order, key, parameters);
    return page(condition, std::move(parameters), false, limit);
}

PageQuery::Statement PageQuery::before(const PageKey &key, int limit) const
{
    PgConnection::Parameters parameters = m_filterParameters;
    const QString condition = afterCondition(reversedOrder(m_order), key, parameters);
    return page(condition, std::move(parameters), true, limit);
}

PageQuery::Statement PageQuery::fromLeading(const QString &value, int limit) const
{
    PgConnection::Parameters parameters = m_filterParameters;
    if (m_order.isEmpty())
        return page({}, std::move(parameters), false, limit);
    const OrderColumn &leading = m_order.first();
    const QString bound = placeholder(leading, value, parameters);
    const QString condition =
        u"%1 %2 %3"_s.arg(leading.quoted, leading.descending ? u"<="_s : u">="_s, bound);
    return page(condition, std::move(parameters), false, limit);
}

PageQuery::Statement PageQuery::fromLeadingNull(int limit) const
{
    if (m_order.isEmpty())
        return first(limit);
    return page(u"%1 IS NULL"_s.arg(m_order.first().quoted), m_filterParameters, false, limit);
}

PageQuery::Statement PageQuery::all() const
{
    return page({}, m_filterParameters, false, 0);
}

PageQuery::Statement PageQuery::count(const QString &selectList) const
{
    QString sql = u"SELECT %1 FROM %2"_s.arg(selectList, m_relation);
    if (!m_filterSql.isEmpty())
        sql += u" WHERE "_s + m_filterSql;
    return {sql, m_filterParameters};
}

PageKey PageQuery::keyOf(const QueryResult &rows, qsizetype row) const
{
    PageKey key;
    for (const OrderColumn &column : m_order) {
        if (rows.isNull(row, column.resultColumn))
            key.values.append(std::nullopt);
        else
            key.values.append(rows.text(row, column.resultColumn));
    }
    return key;
}

} // namespace mizzle
