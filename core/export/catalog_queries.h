#pragma once

#include <QString>

namespace mizzle {

// The catalog queries of an SQL script export. The server renders every definition with its own
// functions (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef,
// pg_get_triggerdef, pg_get_functiondef, the partition bounds), so that nothing is re-spelt on
// the client. They run with an empty search_path, under which every name those functions print
// comes out qualified and quoted where it must be.
//
// The selection query takes $1 (schema names, text[]) and $2 ("schema.table" names, text[]) and
// returns the namespace oids and relation oids to export as oid[] text, and the schemas and
// tables it did not find (comma-separated, or NULL). Every statement query takes $1 (namespace
// oids), $2 (relation oids, which include the partitions and owned sequences of the tables named)
// and $3 (owners, boolean), and returns rows of (key, kind, schema, name, sql) in a stable order:
// by name, never by oid, so that two exports of the same schema are the same file.
namespace catalog_queries {

// The parts every query shares. A relation `relation` (an alias of pg_class) of the export: in
// a chosen schema, or named.
QString selectedRelation(const QString &relation);
// Objects that belong to an extension are the extension's to create.
QString notInExtension(const QString &catalog, const QString &oid);
// Rows (key, kind, schema, name, ord, sub, sql) as the statement queries return them: in order
// of name, then each object's definition (ord 0) before its comments and owner.
QString orderedStatements(const QString &rows);

QString selection();

// Before the data: schemas, types (enum, domain, composite), functions and procedures,
// standalone sequences, tables (columns with defaults, identity, generated expressions, NOT NULL
// and validated CHECK constraints; partitions; inheritance), views and materialised views.
QString schemas();
QString types();
QString functions();
QString sequences();
QString tables();
QString views();
// After the tables: which table owns which sequence.
QString sequenceOwners();

} // namespace catalog_queries

} // namespace mizzle
