#include "export/post_data_queries.h"

#include "export/catalog_queries.h"

using namespace Qt::StringLiterals;

namespace mizzle::post_data_queries {

using catalog_queries::notInExtension;
using catalog_queries::orderedStatements;
using catalog_queries::selectedRelation;

namespace {

// The exported object an entry of pg_depend stands for, as a key, or NULL for one that orders
// nothing before the data (a foreign key, a trigger, an index).
QString objectKey(const QString &catalog, const QString &oid)
{
    return uR"(CASE %1
  WHEN 'pg_class'::regclass THEN (SELECT CASE WHEN r.relkind = 'c' THEN 't:' || r.reltype
                                              ELSE 'r:' || r.oid END FROM pg_class r WHERE r.oid = %2)
  WHEN 'pg_type'::regclass THEN (SELECT CASE
       WHEN y.typrelid <> 0 AND (SELECT relkind FROM pg_class WHERE oid = y.typrelid) <> 'c'
         THEN 'r:' || y.typrelid
       WHEN y.typcategory = 'A' AND y.typelem <> 0 THEN 't:' || y.typelem
       ELSE 't:' || y.oid END FROM pg_type y WHERE y.oid = %2)
  WHEN 'pg_proc'::regclass THEN 'f:' || %2
  WHEN 'pg_namespace'::regclass THEN 'n:' || %2
  WHEN 'pg_rewrite'::regclass THEN (SELECT 'r:' || w.ev_class FROM pg_rewrite w WHERE w.oid = %2)
  WHEN 'pg_attrdef'::regclass THEN (SELECT 'r:' || ad.adrelid FROM pg_attrdef ad WHERE ad.oid = %2)
  WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN k.contype = 'f' THEN NULL
       WHEN k.conrelid <> 0 THEN 'r:' || k.conrelid ELSE 't:' || k.contypid END
       FROM pg_constraint k WHERE k.oid = %2)
END)"_s.arg(catalog, oid);
}

const QString selected = selectedRelation(u"c"_s);

} // namespace

QString constraints()
{
    // Validated CHECK constraints of tables are inside CREATE TABLE; a partition's own, and
    // NOT VALID ones, come here. Inherited ones and those a partition got from its parent come
    // with the parent's.
    return orderedStatements(uR"(
SELECT 'c:' || k.oid AS key, CASE k.contype WHEN 'f' THEN 'FK CONSTRAINT' ELSE 'CONSTRAINT' END
       AS kind, n.nspname AS schema, c.relname || ' ' || k.conname AS name, s.*
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL (
  SELECT 0 AS ord, 0 AS sub, format('ALTER TABLE %s%s ADD CONSTRAINT %I %s;',
         CASE WHEN c.relkind = 'r' AND k.contype <> 'c' THEN 'ONLY ' ELSE '' END,
         c.oid::regclass, k.conname, pg_get_constraintdef(k.oid)) AS sql
   WHERE k.contype <> 'c' OR NOT k.convalidated OR c.relispartition
  UNION ALL
  SELECT 1, 0, format('COMMENT ON CONSTRAINT %I ON %s IS %L;', k.conname, c.oid::regclass,
                      d.description)
    FROM pg_description d WHERE d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid) s
 WHERE k.contype IN ('p', 'u', 'x', 'c', 'f') AND k.conislocal AND k.conparentid = 0
   AND c.relkind IN ('r', 'p') AND )"_s +
                             selected);
}

QString indexes()
{
    // An index of a partitioned table is made on the table itself, without ONLY, so that the
    // partitions get theirs as they did; those partitions' indexes are left out.
    return orderedStatements(uR"(
SELECT 'i:' || x.indexrelid AS key, 'INDEX' AS kind, n.nspname AS schema, ic.relname AS name, s.*
  FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class ic ON ic.oid = x.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
  CROSS JOIN LATERAL (SELECT pg_get_indexdef(x.indexrelid) AS def,
    'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' ||
    quote_ident(ic.relname) || ' ON ONLY ' AS only_prefix) i
  CROSS JOIN LATERAL (
  SELECT 0 AS ord, 0 AS sub, CASE WHEN c.relkind = 'p' AND starts_with(i.def, i.only_prefix)
    THEN left(i.only_prefix, -5) || substr(i.def, length(i.only_prefix) + 1) ELSE i.def END || ';'
    AS sql
  UNION ALL
  SELECT 1, 0, format('COMMENT ON INDEX %s IS %L;', ic.oid::regclass, d.description)
    FROM pg_description d WHERE d.classoid = 'pg_class'::regclass AND d.objoid = ic.oid) s
 WHERE c.relkind IN ('r', 'p', 'm') AND )"_s +
                             selected + uR"(
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid
                   AND k.contype IN ('p', 'u', 'x'))
   AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid))"_s);
}

QString triggers()
{
    return orderedStatements(uR"(
SELECT 'g:' || t.oid AS key, 'TRIGGER' AS kind, n.nspname AS schema,
       c.relname || ' ' || t.tgname AS name, s.*
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL (
  SELECT 0 AS ord, 0 AS sub, pg_get_triggerdef(t.oid) || ';' AS sql
  UNION ALL
  SELECT 1, 0, format('ALTER TABLE %s DISABLE TRIGGER %I;', c.oid::regclass, t.tgname)
   WHERE t.tgenabled = 'D'
  UNION ALL
  SELECT 2, 0, format('COMMENT ON TRIGGER %I ON %s IS %L;', t.tgname, c.oid::regclass,
                      d.description)
    FROM pg_description d WHERE d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid) s
 WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND )"_s +
                             selected);
}

QString grants()
{
    // A NULL acl is the default, which the new objects get anyway; any other is written out
    // whole after taking away PUBLIC's default, leaving the owner's own as they are. `word` is
    // an SQL expression: what GRANT calls the object.
    const auto section = [](const QString &word, const QString &name, const QString &acl,
                            const QString &owner) {
        return uR"(
  SELECT 0 AS ord, 0 AS sub, format('REVOKE ALL ON %s %s FROM PUBLIC;', %1, %2) AS sql
  UNION ALL
  SELECT 1, row_number() OVER (), format('GRANT %s ON %s %s TO %s%s;', g.privilege_type, %1, %2,
         CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
         CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' END)
    FROM aclexplode(%3) g WHERE g.grantee <> %4)"_s.arg(word, name, acl, owner);
    };
    return orderedStatements(
        uR"(
SELECT 'n:' || n.oid AS key, 'ACL' AS kind, n.nspname AS schema, '' AS name, s.*
  FROM pg_namespace n CROSS JOIN LATERAL ()"_s +
        section(u"'SCHEMA'"_s, u"quote_ident(n.nspname)"_s, u"n.nspacl"_s, u"n.nspowner"_s) +
        uR"() s
 WHERE $3 AND n.oid = ANY($1::oid[]) AND n.nspacl IS NOT NULL
UNION ALL
SELECT 'r:' || c.oid, 'ACL', n.nspname, c.relname, s.*
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL ()"_s +
        section(u"CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END"_s,
                u"c.oid::regclass"_s, u"c.relacl"_s, u"c.relowner"_s) +
        uR"() s
 WHERE $3 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relacl IS NOT NULL AND )"_s +
        selected + uR"(
UNION ALL
SELECT 'f:' || p.oid, 'ACL', n.nspname, p.proname, s.*
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace CROSS JOIN LATERAL ()"_s +
        section(u"'ROUTINE'"_s, u"p.oid::regprocedure"_s, u"p.proacl"_s, u"p.proowner"_s) + uR"() s
 WHERE $3 AND p.pronamespace = ANY($1::oid[]) AND p.proacl IS NOT NULL AND )"_s +
        notInExtension(u"pg_proc"_s, u"p.oid"_s));
}

QString dependencies()
{
    return uR"(
SELECT DISTINCT e.dependent, e.dependency FROM (
  SELECT )"_s +
           objectKey(u"d.classid"_s, u"d.objid"_s) + u" AS dependent, "_s +
           objectKey(u"d.refclassid"_s, u"d.refobjid"_s) + uR"( AS dependency
    FROM pg_depend d WHERE d.deptype = 'n') e
 WHERE e.dependent IS NOT NULL AND e.dependency IS NOT NULL AND e.dependent <> e.dependency
 ORDER BY 1, 2)"_s;
}

QString dataTables()
{
    return uR"(
SELECT 'r:' || c.oid, n.nspname, c.relname, c.oid::regclass::text,
       string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
       json_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)::text,
       bool_or(a.attidentity = 'a'),
       (SELECT coalesce(json_agg(DISTINCT 'r:' || k.confrelid), '[]') FROM pg_constraint k
         WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid)::text,
       greatest(c.reltuples, 0)::bigint
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                     AND a.attgenerated = ''
 WHERE c.relkind = 'r' AND )"_s +
           selected + u" AND "_s + notInExtension(u"pg_class"_s, u"c.oid"_s) + uR"(
 GROUP BY c.oid, n.nspname, c.relname
 ORDER BY n.nspname, c.relname)"_s;
}

QString sequenceValues()
{
    return orderedStatements(uR"(
SELECT 'r:' || c.oid AS key, 'SEQUENCE SET' AS kind, n.nspname AS schema, c.relname AS name,
       0 AS ord, 0 AS sub,
       format('SELECT pg_catalog.setval(%L, %s, %s);', c.oid::regclass::text,
              coalesce(q.last_value, q.start_value),
              CASE WHEN q.last_value IS NULL THEN 'false' ELSE 'true' END) AS sql
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_sequences q ON q.schemaname = n.nspname AND q.sequencename = c.relname
 WHERE c.relkind = 'S' AND )"_s +
                             selected + u" AND "_s + notInExtension(u"pg_class"_s, u"c.oid"_s));
}

QString refreshes()
{
    return orderedStatements(uR"(
SELECT 'r:' || c.oid AS key, 'MATERIALIZED VIEW DATA' AS kind, n.nspname AS schema,
       c.relname AS name, 0 AS ord, 0 AS sub,
       format('REFRESH MATERIALIZED VIEW %s;', c.oid::regclass) AS sql
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'm' AND c.relispopulated AND )"_s +
                             selected + u" AND "_s + notInExtension(u"pg_class"_s, u"c.oid"_s));
}

} // namespace mizzle::post_data_queries
