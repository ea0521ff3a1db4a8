#include "catalog/foreign_keys.h"

#include "connection/query_result.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// PostgreSQL keeps clones of a key declared on a partitioned table, each with conparentid
// naming the key it was cloned from: one on every partition of the referencing table (the
// partition's own copy, which it would keep if detached), and one from the referencing table to
// every partition of the referenced one (which carry the triggers). A clone is shown only where
// it adds an end the parent key lacks: the outgoing side of a referencing partition, the incoming
// side of a referenced partition. Everywhere else the parent key stands for it, so a key on a
// partitioned table appears once, not once per partition.
//
// unnest of conkey and confkey side by side, WITH ORDINALITY, keeps the key's column order and
// pairs each referencing column with the one it references.
const QString kSql = uR"(
SELECT * FROM (
    SELECT k.oid, k.conname, rn.nspname AS rschema, r.relname AS rtable, ra.attname AS rcolumn,
           fn.nspname AS fschema, f.relname AS ftable, fa.attname AS fcolumn,
           k.conrelid = $1::oid AND (p.oid IS NULL OR p.conrelid <> k.conrelid) AS outgoing,
           k.confrelid = $1::oid AND (p.oid IS NULL OR p.confrelid <> k.confrelid) AS incoming,
           c.ord
    FROM pg_constraint k
    LEFT JOIN pg_constraint p ON p.oid = k.conparentid
    JOIN pg_class r ON r.oid = k.conrelid
    JOIN pg_namespace rn ON rn.oid = r.relnamespace
    JOIN pg_class f ON f.oid = k.confrelid
    JOIN pg_namespace fn ON fn.oid = f.relnamespace
    CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS c(attnum, fattnum, ord)
    JOIN pg_attribute ra ON ra.attrelid = k.conrelid AND ra.attnum = c.attnum
    JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = c.fattnum
    WHERE k.contype = 'f' AND (k.conrelid = $1::oid OR k.confrelid = $1::oid)) keys
WHERE outgoing OR incoming
ORDER BY rschema, rtable, conname, oid, ord)"_s;

enum Column { Oid, Name, Schema, Table, Attribute, FSchema, FTable, FAttribute, Out, In };

} // namespace

const QString &foreignKeysSql()
{
    return kSql;
}

void readForeignKeys(const QueryResult &rows, TableDetails &table)
{
    // Rows come grouped by key (the oid) and, within a key, in key order.
    qsizetype row = 0;
    while (row < rows.rowCount()) {
        const QByteArrayView oid = rows.bytes(row, Oid);
        ForeignKey key;
        key.name = rows.text(row, Name);
        key.schema = rows.text(row, Schema);
        key.table = rows.text(row, Table);
        key.referencedSchema = rows.text(row, FSchema);
        key.referencedTable = rows.text(row, FTable);
        const bool outgoing = rows.bytes(row, Out) == "t";
        const bool incoming = rows.bytes(row, In) == "t";
        for (; row < rows.rowCount() && rows.bytes(row, Oid) == oid; ++row) {
            key.columns.append(rows.text(row, Attribute));
            key.referencedColumns.append(rows.text(row, FAttribute));
        }
        if (outgoing)
            table.foreignKeys.append(key);
        if (incoming)
            table.referencedBy.append(key);
    }
}

} // namespace mizzle
