#include "browse/foreign_key_lookup.h"

#include "connection/connection_pool.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// The referenced table's columns of the string category (text, varchar, char, name, citext and
// domains over them), in column order.
const QString kTextColumnsSql = uR"(
SELECT a.attname
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
  AND t.typcategory = 'S'
ORDER BY a.attnum)"_s;

constexpr int kLabelColumns = 2;

// What the person typed, as an ILIKE pattern that matches it literally (backslash is LIKE's
// default escape).
QString literalPattern(const QString &typed)
{
    QString escaped;
    escaped.reserve(typed.size());
    for (const QChar c : typed) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

} // namespace

ForeignKeyLookup::ForeignKeyLookup(ConnectionPool *pool, ForeignKey key, int position,
                                   QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_key(std::move(key))
    , m_position(position)
{}

ForeignKeyLookup::~ForeignKeyLookup() = default;

void ForeignKeyLookup::search(const QString &typed)
{
    const quint64 generation = ++m_generation;
    // The previous search's statement is cancelled with its context.
    m_context = std::make_unique<QObject>();
    m_pool->acquire(m_context.get(),
                    [this, generation, typed](Result<ConnectionPool::Lease> lease) {
                        if (generation != m_generation)
                            return;
                        if (!lease)
                            fail(generation, lease.error());
                        else if (!m_labelColumnsRead)
                            readLabelColumns(lease.value(), generation, typed);
                        else
                            runSearch(lease.value(), generation, typed);
                    });
}

void ForeignKeyLookup::readLabelColumns(const ConnectionPool::Lease &lease, quint64 generation,
                                        const QString &typed)
{
    lease->exec(m_context.get(), kTextColumnsSql, {m_key.referencedSchema, m_key.referencedTable},
                [this, lease, generation, typed](Result<QueryResult> rows) {
                    if (generation != m_generation)
                        return;
                    if (!rows) {
                        fail(generation, rows.error());
                        return;
                    }
                    m_labelColumns.clear();
                    for (qsizetype row = 0; row < rows->rowCount(); ++row) {
                        const QString name = rows->text(row, 0);
                        // The key shows on its own; the label says what it stands for.
                        if (!m_key.referencedColumns.contains(name) &&
                            m_labelColumns.size() < kLabelColumns)
                            m_labelColumns.append(name);
                    }
                    m_labelColumnsRead = true;
                    runSearch(lease, generation, typed);
                });
}

void ForeignKeyLookup::runSearch(const ConnectionPool::Lease &lease, quint64 generation,
                                 const QString &typed)
{
    const PgConnection &connection = *lease;
    const auto column = [&](const QString &name) {
        return u"r."_s + connection.quoteIdentifier(name);
    };
    const QString edited = column(m_key.referencedColumns.value(m_position));

    QStringList selected;
    for (const QString &name : std::as_const(m_key.referencedColumns))
        selected.append(column(name) + u"::text"_s);
    QStringList labels;
    for (const QString &name : std::as_const(m_labelColumns))
        labels.append(column(name));
    selected.append(labels.isEmpty() ? u"''"_s : u"concat_ws(' · ', %1)"_s.arg(labels.join(u", ")));

    QString match = edited + u"::text ILIKE $1::text || '%'"_s;
    if (!labels.isEmpty())
        match += u" OR "_s + labels.first() + u" ILIKE '%' || $1::text || '%'"_s;
    QString where = u"%1 IS NOT NULL AND (%2)"_s.arg(edited, match);
    PgConnection::Parameters parameters{literalPattern(typed)};
    QStringList order{edited};
    for (int i = 0; i < m_key.referencedColumns.size(); ++i) {
        if (i == m_position)
            continue;
        const QString other = column(m_key.referencedColumns.at(i));
        order.append(other);
        const std::optional<QString> value = m_rowValues.value(i);
        if (!value)
            continue;
        // Compared as the column's own type, so "01" finds the integer 1.
        parameters.append(value);
        where += u" AND %1 = $%2"_s.arg(other).arg(parameters.size());
    }
    const QString sql = u"SELECT %1 FROM %2.%3 r WHERE %4 ORDER BY %5 LIMIT %6"_s.arg(
        selected.join(u", "), connection.quoteIdentifier(m_key.referencedSchema),
        connection.quoteIdentifier(m_key.referencedTable), where, order.join(u", "),
        QString::number(kLimit));

    const auto keyCount = int(m_key.referencedColumns.size());
    lease->exec(m_context.get(), sql, parameters,
                [this, lease, generation, typed, keyCount](Result<QueryResult> rows) {
                    if (generation != m_generation)
                        return;
                    if (!rows) {
                        fail(generation, rows.error());
                        return;
                    }
                    QList<ForeignKeyCandidate> candidates;
                    candidates.reserve(rows->rowCount());
                    for (qsizetype row = 0; row < rows->rowCount(); ++row) {
                        ForeignKeyCandidate candidate;
                        for (int i = 0; i < keyCount; ++i)
                            candidate.keys.append(rows->text(row, i));
                        candidate.label = rows->text(row, keyCount);
                        candidates.append(std::move(candidate));
                    }
                    // The context goes once the callback has returned, with the lease.
                    m_context.release()->deleteLater();
                    emit found(typed, candidates);
                });
}

void ForeignKeyLookup::fail(quint64 generation, const Error &error)
{
    if (generation != m_generation)
        return;
    m_context.release()->deleteLater();
    emit failed(error);
}

} // namespace mizzle
