#include "catalog/catalog_snapshot.h"

#include "catalog/catalog.h"
#include "connection/connection_pool.h"

#include <iterator>
#include <memory>

namespace mizzle {

namespace {

const QString kUserSchemas =
    QStringLiteral("n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'");

const QString kSchemasSql = QStringLiteral("SELECT n.nspname FROM pg_namespace n WHERE ") +
                            kUserSchemas + QStringLiteral(" ORDER BY 1");

// Partitioned tables have no storage of their own: their rows and size are their leaves'.
const QString kRelationsSql = QStringLiteral(R"(
SELECT c.oid, coalesce(i.inhparent, 0), n.nspname, c.relname, c.relkind,
       CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0)
                                         FROM pg_partition_tree(c.oid) t
                                         JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf)
            ELSE c.reltuples END::float8,
       CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)
                                         FROM pg_partition_tree(c.oid) t WHERE t.isleaf)
            ELSE pg_total_relation_size(c.oid) END
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND )") +
                              kUserSchemas + QStringLiteral(" ORDER BY n.nspname, c.relname");

// The sequence a serial or identity column draws from depends on that column (deptype 'a' or
// 'i'); a sequence may only be owned by a table of its own schema.
const QString kSequencesSql = QStringLiteral(R"(
SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL),
       (SELECT t.relname || '.' || a.attname
          FROM pg_depend d
          JOIN pg_class t ON t.oid = d.refobjid
          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         LIMIT 1)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
WHERE c.relkind = 'S' AND )") +
                              kUserSchemas + QStringLiteral(" ORDER BY n.nspname, c.relname");

// Composite types stand alone only when their pg_class entry is of kind 'c'; every table has
// one too. Base types in user schemas come from extensions (citext, hstore), and their arrays,
// like everyone's, are left out.
const QString kTypesSql = QStringLiteral(R"(
SELECT t.oid, n.nspname, t.typname, t.typtype,
       CASE t.typtype
           WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', '
                                            ORDER BY e.enumsortorder)
                            FROM pg_enum e WHERE e.enumtypid = t.oid)
           WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
           WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL)
                            FROM pg_range r WHERE r.rngtypid = t.oid)
           WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' '
                                            || format_type(a.atttypid, a.atttypmod), ', '
                                            ORDER BY a.attnum)
                            FROM pg_attribute a
                           WHERE a.attrelid = t.typrelid AND a.attnum > 0
                             AND NOT a.attisdropped)
       END
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND c.relkind = 'c')
       OR (t.typtype = 'b' AND t.typcategory <> 'A'))
  AND )") + kUserSchemas + QStringLiteral(" ORDER BY n.nspname, t.typname");

TypeInfo::Kind typeKind(QByteArrayView typtype)
{
    switch (typtype.isEmpty() ? 'b' : typtype.front()) {
    case 'e':
        return TypeInfo::Kind::Enum;
    case 'd':
        return TypeInfo::Kind::Domain;
    case 'c':
        return TypeInfo::Kind::Composite;
    case 'r':
        return TypeInfo::Kind::Range;
    default:
        return TypeInfo::Kind::Base;
    }
}

void readSchemas(const QueryResult &rows, CatalogSnapshot &snapshot)
{
    snapshot.schemas.reserve(rows.rowCount());
    for (qsizetype row = 0; row < rows.rowCount(); ++row)
        snapshot.schemas.append(rows.text(row, 0));
}

void readRelations(const QueryResult &rows, CatalogSnapshot &snapshot)
{
    snapshot.relations.reserve(rows.rowCount());
    for (qsizetype row = 0; row < rows.rowCount(); ++row) {
        RelationInfo info;
        info.oid = rows.text(row, 0).toUInt();
        info.parentOid = rows.text(row, 1).toUInt();
        info.schema = rows.text(row, 2);
        info.name = rows.text(row, 3);
        info.kind = relationKind(rows.bytes(row, 4));
        info.estimatedRows = rows.text(row, 5).toDouble();
        info.totalBytes = rows.text(row, 6).toLongLong();
        snapshot.relations.append(std::move(info));
    }
}

void readSequences(const QueryResult &rows, CatalogSnapshot &snapshot)
{
    snapshot.sequences.reserve(rows.rowCount());
    for (qsizetype row = 0; row < rows.rowCount(); ++row) {
        snapshot.sequences.append({rows.text(row, 0).toUInt(), rows.text(row, 1), rows.text(row, 2),
                                   rows.text(row, 3), rows.text(row, 4)});
    }
}

void readTypes(const QueryResult &rows, CatalogSnapshot &snapshot)
{
    snapshot.types.reserve(rows.rowCount());
    for (qsizetype row = 0; row < rows.rowCount(); ++row) {
        snapshot.types.append({rows.text(row, 0).toUInt(), rows.text(row, 1), rows.text(row, 2),
                               typeKind(rows.bytes(row, 3)), rows.text(row, 4)});
    }
}

// The statements of a snapshot, one after another on whichever pooled connection is free.
struct SnapshotStep
{
    const QString &sql;
    void (*read)(const QueryResult &, CatalogSnapshot &);
};

const SnapshotStep kSnapshotSteps[] = {
    {kSchemasSql, readSchemas},
    {kRelationsSql, readRelations},
    {kSequencesSql, readSequences},
    {kTypesSql, readTypes},
};

void loadSnapshotStep(ConnectionPool *pool, QObject *context,
                      std::shared_ptr<CatalogSnapshot> snapshot, size_t step,
                      std::function<void(Result<CatalogSnapshot>)> done)
{
    if (step == std::size(kSnapshotSteps)) {
        done(std::move(*snapshot));
        return;
    }
    pool->execute(context, kSnapshotSteps[step].sql, {},
                  [pool, context, snapshot, step, done](Result<QueryResult> rows) mutable {
                      if (!rows.ok()) {
                          done(rows.error());
                          return;
                      }
                      kSnapshotSteps[step].read(rows.value(), *snapshot);
                      loadSnapshotStep(pool, context, std::move(snapshot), step + 1,
                                       std::move(done));
                  });
}

} // namespace

void loadCatalogSnapshot(ConnectionPool *pool, QObject *context,
                         std::function<void(Result<CatalogSnapshot>)> done)
{
    // The steps name the pool, not a catalog: the pool outlives every callback of its
    // connections, and the context guards each step.
    loadSnapshotStep(pool, context, std::make_shared<CatalogSnapshot>(), 0, std::move(done));
}

QStringList catalogSnapshotStatements()
{
    QStringList statements;
    for (const SnapshotStep &step : kSnapshotSteps)
        statements.append(step.sql);
    return statements;
}

} // namespace mizzle
