#include "catalog/catalog.h"

#include "catalog/enum_labels.h"
#include "catalog/foreign_keys.h"
#include "connection/connection_pool.h"
#include "sql/view_columns.h"

#include <algorithm>

namespace mizzle {

namespace {

// One row per column, led by the relation's oid and kind; a relation without columns still
// yields one row, with NULL column fields. pk_position orders the primary key.
const QString kTableSql = QStringLiteral(R"(
SELECT c.oid, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE '' END,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,
       (SELECT k.ord FROM pg_index x
          CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
         WHERE x.indrelid = c.oid AND x.indisprimary AND k.attnum = a.attnum)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
ORDER BY a.attnum)");

// A view's one base relation (the relations its rule depends on), and that relation's primary
// key: an auto-updatable view is edited through it when it shows each key column unchanged.
const QString kViewKeySql = QStringLiteral(R"(
WITH base AS (
    SELECT DISTINCT d.refobjid AS oid FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
    WHERE r.ev_class = $1::oid)
SELECT pg_get_viewdef($1::oid), (SELECT count(*) FROM base), a.attname
FROM base
JOIN pg_index x ON x.indrelid = base.oid AND x.indisprimary
CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = base.oid AND a.attnum = k.attnum
ORDER BY k.ord)");

const QString kIndexesSql = QStringLiteral(R"(
SELECT c.relname, pg_get_indexdef(x.indexrelid), x.indisprimary, x.indisunique
FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
WHERE x.indrelid = $1::oid
ORDER BY c.relname)");

// TEMP is left out of "may write": a temporary table dies with the session. The privilege
// checks sit in CASE because the planner may otherwise test them before the relkind filter.
const QString kWriteAccessSql = QStringLiteral(R"(
WITH user_relation AS (
    SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema')
SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
    OR has_database_privilege(current_database(), 'CREATE')
    OR EXISTS (SELECT FROM pg_namespace n
               WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                 AND has_schema_privilege(n.oid, 'CREATE'))
    OR EXISTS (SELECT FROM user_relation r WHERE
               CASE WHEN r.relkind IN ('r', 'p', 'v', 'm', 'f')
                    THEN has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
                    WHEN r.relkind = 'S' THEN has_sequence_privilege(r.oid, 'USAGE, UPDATE')
               END),
    array_to_string(ARRAY(SELECT extname FROM pg_extension
                          WHERE extname IN ('dblink', 'pg_background') ORDER BY 1), ','),
    current_setting('server_version_num'))");

bool boolean(const QueryResult &result, qsizetype row, int column)
{
    return result.bytes(row, column) == "t";
}

// The last step of Catalog::loadTable: the keys from and to the table, then done.
// The view columns that show its base relation's key, in the key's order; empty when any key
// column is not shown unchanged (then the view's rows cannot be told apart, and are not edited).
QStringList viewKey(const TableDetails &view, const QueryResult &rows)
{
    if (rows.rowCount() == 0 || rows.text(0, 1) != u"1")
        return {};
    const QStringList sources = viewColumnSources(rows.text(0, 0));
    QStringList key;
    for (qsizetype row = 0; row < rows.rowCount(); ++row) {
        const qsizetype at = sources.indexOf(rows.text(row, 2));
        if (at < 0 || at >= view.columns.size())
            return {};
        key.append(view.columns.at(at).name);
    }
    return key;
}

void loadForeignKeys(ConnectionPool *pool, QObject *context, TableDetails table,
                     const std::function<void(Result<TableDetails>)> &done)
{
    const QString oid = QString::number(table.oid);
    pool->execute(context, QStringLiteral("catalog"), foreignKeysSql(), {oid},
                  [table = std::move(table), done](Result<QueryResult> keys) mutable {
                      if (!keys.ok()) {
                          done(keys.error());
                          return;
                      }
                      readForeignKeys(keys.value(), table);
                      done(std::move(table));
                  });
}

} // namespace

RelationInfo::Kind relationKind(QByteArrayView relkind)
{
    switch (relkind.isEmpty() ? 'r' : relkind.front()) {
    case 'v':
        return RelationInfo::Kind::View;
    case 'm':
        return RelationInfo::Kind::MaterializedView;
    case 'p':
        return RelationInfo::Kind::PartitionedTable;
    case 'f':
        return RelationInfo::Kind::ForeignTable;
    default:
        return RelationInfo::Kind::Table;
    }
}

Catalog::Catalog(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

void Catalog::loadSnapshot(QObject *context, std::function<void(Result<CatalogSnapshot>)> done)
{
    loadCatalogSnapshot(m_pool, context, SnapshotSizes::Included, std::move(done));
}

void Catalog::loadSnapshot(QObject *context, SnapshotSizes sizes,
                           std::function<void(Result<CatalogSnapshot>)> done)
{
    loadCatalogSnapshot(m_pool, context, sizes, std::move(done));
}

void Catalog::loadRelationSizes(QObject *context, std::function<void(Result<RelationSizes>)> done)
{
    mizzle::loadRelationSizes(m_pool, context, std::move(done));
}

void Catalog::loadTable(const QString &schema, const QString &name, QObject *context,
                        std::function<void(Result<TableDetails>)> done)
{
    const QString where = schema + QLatin1Char('.') + name;
    ConnectionPool *pool = m_pool;
    pool->execute(
        context, QStringLiteral("catalog"), kTableSql, {schema, name},
        [pool, context, schema, name, where, done](Result<QueryResult> found) {
            if (!found.ok() || found->rowCount() == 0) {
                done(found.ok() ? Error{QStringLiteral("no such table or view"),
                                        where,
                                        QStringLiteral("Refresh the schema tree: the relation may "
                                                       "have been dropped or renamed."),
                                        {},
                                        {},
                                        -1}
                                : found.error());
                return;
            }
            const QueryResult &rows = found.value();
            TableDetails table;
            table.oid = rows.text(0, 0).toUInt();
            table.kind = relationKind(rows.bytes(0, 1));
            table.schema = schema;
            table.name = name;
            QList<std::pair<int, QString>> keyColumns;
            for (qsizetype row = 0; row < rows.rowCount(); ++row) {
                if (rows.isNull(row, 2))
                    continue;
                table.columns.append({rows.text(row, 2), rows.text(row, 3), boolean(rows, row, 4),
                                      rows.text(row, 5), rows.text(row, 6), rows.text(row, 7)});
                if (!rows.isNull(row, 8))
                    keyColumns.append({rows.text(row, 8).toInt(), rows.text(row, 2)});
            }
            std::sort(keyColumns.begin(), keyColumns.end());
            for (const auto &column : std::as_const(keyColumns))
                table.primaryKey.append(column.second);
            if (table.kind == RelationInfo::Kind::View) {
                pool->execute(context, QStringLiteral("catalog"), kViewKeySql,
                              {QString::number(table.oid)},
                              [pool, context, table, done](Result<QueryResult> key) mutable {
                                  if (!key)
                                      return done(key.error());
                                  table.primaryKey = viewKey(table, key.value());
                                  loadForeignKeys(pool, context, std::move(table), done);
                              });
                return;
            }
            pool->execute(
                context, QStringLiteral("catalog"), kIndexesSql, {QString::number(table.oid)},
                [pool, context, table, done](Result<QueryResult> indexes) mutable {
                    if (!indexes.ok()) {
                        done(indexes.error());
                        return;
                    }
                    for (qsizetype row = 0; row < indexes->rowCount(); ++row) {
                        table.indexes.append({indexes->text(row, 0), indexes->text(row, 1),
                                              boolean(indexes.value(), row, 2),
                                              boolean(indexes.value(), row, 3)});
                    }
                    loadForeignKeys(pool, context, std::move(table), done);
                });
        });
}

void Catalog::loadTableRights(unsigned int oid, QObject *context,
                              std::function<void(Result<TableRights>)> done)
{
    // pg_relation_is_updatable's bits: 4 UPDATE, 8 INSERT, 16 DELETE.
    static const QString sql =
        QStringLiteral("SELECT has_table_privilege($1::oid, 'UPDATE') AND "
                       "pg_relation_is_updatable($1::oid::regclass, false) & 4 <> 0, "
                       "has_table_privilege($1::oid, 'INSERT') AND "
                       "pg_relation_is_updatable($1::oid::regclass, false) & 8 <> 0, "
                       "has_table_privilege($1::oid, 'DELETE') AND "
                       "pg_relation_is_updatable($1::oid::regclass, false) & 16 <> 0");
    m_pool->execute(context, QStringLiteral("catalog"), sql, {QString::number(oid)},
                    [done](Result<QueryResult> rows) {
                        if (!rows) {
                            done(rows.error());
                            return;
                        }
                        done(TableRights{boolean(rows.value(), 0, 0), boolean(rows.value(), 0, 1),
                                         boolean(rows.value(), 0, 2)});
                    });
}

void Catalog::loadWriteAccess(QObject *context, std::function<void(Result<WriteAccess>)> done)
{
    m_pool->execute(context, QStringLiteral("catalog"), kWriteAccessSql, {},
                    [done](Result<QueryResult> rows) {
                        if (!rows.ok()) {
                            done(rows.error());
                            return;
                        }
                        WriteAccess access;
                        access.roleCanWrite = boolean(rows.value(), 0, 0);
                        const QString hatches = rows->text(0, 1);
                        if (!hatches.isEmpty())
                            access.escapeHatches = hatches.split(u',');
                        access.serverVersion = rows->text(0, 2).toInt();
                        done(std::move(access));
                    });
}

void Catalog::loadEnumLabels(const QString &typeName, QObject *context,
                             std::function<void(Result<QStringList>)> done)
{
    mizzle::loadEnumLabels(m_pool, typeName, context, std::move(done));
}

} // namespace mizzle
