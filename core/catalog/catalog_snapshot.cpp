#include "catalog/catalog_snapshot.h"

#include "catalog/catalog.h"
#include "connection/connection_pool.h"

#include <QHash>
#include <algorithm>
#include <iterator>
#include <memory>
#include <span>

namespace mizzle {

namespace {

const QString kUserSchemas =
    QStringLiteral("n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'");

const QString kSchemasSql = QStringLiteral("SELECT n.nspname FROM pg_namespace n WHERE ") +
                            kUserSchemas + QStringLiteral(" ORDER BY 1");

// Every figure is the relation's own; a partitioned table's are summed over its leaves
// afterwards (addPartitionsUp). Asking the server for those sums in a subquery per row would
// make the planner's estimate huge enough to JIT-compile the statement, which on 10,000 tables
// costs more than the statement itself.
QString relationsSql(const QString &sizeExpression)
{
    return QStringLiteral(R"(
SELECT c.oid, coalesce(i.inhparent, 0), n.nspname, c.relname, c.relkind, c.reltuples::float8, )") +
           sizeExpression + QStringLiteral(R"(
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND )") +
           kUserSchemas + QStringLiteral(" ORDER BY n.nspname, c.relname");
}

// A relation's size makes the server open it, its indexes and its TOAST table and look up
// their files: about 0.1 ms a table, a second for 10,000, where the rest of the snapshot takes
// a tenth of that.
const QString kRelationsSql = relationsSql(QStringLiteral("pg_total_relation_size(c.oid)"));
const QString kRelationsWithoutSizesSql = relationsSql(QStringLiteral("0"));

// The sequence a serial or identity column draws from depends on that column (deptype 'a' or
// 'i'); a sequence may only be owned by a table of its own schema. Joins rather than subqueries
// per row, for the reason above.
const QString kSequencesSql = QStringLiteral(R"(
SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), t.relname || '.' || a.attname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE c.relkind = 'S' AND )") +
                              kUserSchemas + QStringLiteral(" ORDER BY n.nspname, c.relname");

// Composite types stand alone only when their pg_class entry is of kind 'c'; every table has
// one too. Base types in user schemas come from extensions (citext, hstore), and their arrays,
// like everyone's, are left out. What each is made of comes from grouped joins.
const QString kTypesSql = QStringLiteral(R"(
SELECT t.oid, n.nspname, t.typname, t.typtype,
       CASE t.typtype WHEN 'e' THEN e.labels
                      WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
                      WHEN 'r' THEN format_type(r.rngsubtype, NULL)
                      WHEN 'c' THEN f.fields END
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
LEFT JOIN (SELECT enumtypid, string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder)
           FROM pg_enum GROUP BY enumtypid) e(type, labels) ON e.type = t.oid
LEFT JOIN pg_range r ON r.rngtypid = t.oid
LEFT JOIN (SELECT a.attrelid, string_agg(quote_ident(a.attname) || ' '
                                         || format_type(a.atttypid, a.atttypmod), ', '
                                         ORDER BY a.attnum)
           FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid
           WHERE k.relkind = 'c' AND a.attnum > 0 AND NOT a.attisdropped
           GROUP BY a.attrelid) f(relation, fields) ON f.relation = t.typrelid
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

// A partitioned table has no storage: its rows and size are the sums over its leaves, through
// any levels of partitions between.
void addPartitionsUp(QList<RelationInfo> &relations)
{
    QHash<unsigned int, qsizetype> byOid;
    byOid.reserve(relations.size());
    for (qsizetype i = 0; i < relations.size(); ++i) {
        byOid.insert(relations[i].oid, i);
        if (relations[i].kind == RelationInfo::Kind::PartitionedTable) {
            relations[i].estimatedRows = 0;
            relations[i].totalBytes = 0;
        }
    }
    for (const RelationInfo &leaf : std::as_const(relations)) {
        if (leaf.kind == RelationInfo::Kind::PartitionedTable || leaf.parentOid == 0)
            continue;
        // A cycle cannot happen in pg_inherits; the bound only keeps a bad snapshot finite.
        unsigned int parent = leaf.parentOid;
        for (qsizetype depth = 0; parent != 0 && depth < relations.size(); ++depth) {
            const auto found = byOid.constFind(parent);
            if (found == byOid.cend())
                break;
            RelationInfo &ancestor = relations[*found];
            ancestor.estimatedRows += std::max(leaf.estimatedRows, 0.0);
            ancestor.totalBytes += leaf.totalBytes;
            parent = ancestor.parentOid;
        }
    }
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
    addPartitionsUp(snapshot.relations);
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

const SnapshotStep kStepsWithSizes[] = {
    {kSchemasSql, readSchemas},
    {kRelationsSql, readRelations},
    {kSequencesSql, readSequences},
    {kTypesSql, readTypes},
};

const SnapshotStep kStepsWithoutSizes[] = {
    {kSchemasSql, readSchemas},
    {kRelationsWithoutSizesSql, readRelations},
    {kSequencesSql, readSequences},
    {kTypesSql, readTypes},
};

std::span<const SnapshotStep> snapshotSteps(SnapshotSizes sizes)
{
    if (sizes == SnapshotSizes::Included)
        return kStepsWithSizes;
    return kStepsWithoutSizes;
}

void loadSnapshotStep(ConnectionPool *pool, QObject *context, std::span<const SnapshotStep> steps,
                      std::shared_ptr<CatalogSnapshot> snapshot,
                      std::function<void(Result<CatalogSnapshot>)> done)
{
    if (steps.empty()) {
        done(std::move(*snapshot));
        return;
    }
    pool->execute(context, QStringLiteral("catalog"), steps.front().sql, {},
                  [pool, context, steps, snapshot, done](Result<QueryResult> rows) mutable {
                      if (!rows.ok()) {
                          done(rows.error());
                          return;
                      }
                      steps.front().read(rows.value(), *snapshot);
                      loadSnapshotStep(pool, context, steps.subspan(1), std::move(snapshot),
                                       std::move(done));
                  });
}

const QString kSizesSql = QStringLiteral(R"(
SELECT c.oid, coalesce(i.inhparent, 0), c.relkind, pg_total_relation_size(c.oid)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND )") +
                          kUserSchemas;

} // namespace

void loadCatalogSnapshot(ConnectionPool *pool, QObject *context, SnapshotSizes sizes,
                         std::function<void(Result<CatalogSnapshot>)> done)
{
    // The steps name the pool, not a catalog: the pool outlives every callback of its
    // connections, and the context guards each step.
    auto snapshot = std::make_shared<CatalogSnapshot>();
    snapshot->hasSizes = sizes == SnapshotSizes::Included;
    loadSnapshotStep(pool, context, snapshotSteps(sizes), std::move(snapshot), std::move(done));
}

void loadRelationSizes(ConnectionPool *pool, QObject *context,
                       std::function<void(Result<RelationSizes>)> done)
{
    pool->execute(context, QStringLiteral("catalog"), kSizesSql, {},
                  [done](Result<QueryResult> rows) {
                      if (!rows.ok()) {
                          done(rows.error());
                          return;
                      }
                      QList<RelationInfo> relations;
                      relations.reserve(rows->rowCount());
                      for (qsizetype row = 0; row < rows->rowCount(); ++row) {
                          RelationInfo info;
                          info.oid = rows->text(row, 0).toUInt();
                          info.parentOid = rows->text(row, 1).toUInt();
                          info.kind = relationKind(rows->bytes(row, 2));
                          info.totalBytes = rows->text(row, 3).toLongLong();
                          relations.append(std::move(info));
                      }
                      addPartitionsUp(relations);
                      RelationSizes sizes;
                      sizes.reserve(relations.size());
                      for (const RelationInfo &relation : std::as_const(relations))
                          sizes.insert(relation.oid, relation.totalBytes);
                      done(std::move(sizes));
                  });
}

QStringList catalogSnapshotStatements(SnapshotSizes sizes)
{
    QStringList statements;
    for (const SnapshotStep &step : snapshotSteps(sizes))
        statements.append(step.sql);
    return statements;
}

QString relationSizesStatement()
{
    return kSizesSql;
}

} // namespace mizzle
