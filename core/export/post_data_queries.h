#pragma once

#include <QString>

namespace mizzle {

// The catalog queries of an SQL script export for what follows the table definitions: the data,
// the keys, indexes and triggers, and the order between objects. Same parameters and rows as
// catalog_queries.
namespace post_data_queries {

// Keys and other constraints that CREATE TABLE does not hold (foreign keys have kind
// "FK CONSTRAINT"), and the comments on every constraint.
QString constraints();
QString indexes();
QString triggers();
// GRANTs on schemas, relations, sequences and functions whose privileges are not the default;
// none unless $3.
QString grants();

// (key, key it depends on) between the exported objects, from pg_depend, mapped to the objects
// that carry them: a view's rule to the view, a default to its table, an array to its element.
QString dependencies();

// The tables whose rows are exported: (key, schema, name, qualified name, quoted column list,
// column types as a JSON array, whether a column is GENERATED ALWAYS AS IDENTITY, the keys of the
// tables its foreign keys reference as a JSON array, estimated rows). Generated columns are left
// out: the server computes them again.
QString dataTables();
// (key, kind, schema, name, the setval statement) for every exported sequence, identity ones too.
QString sequenceValues();
// (key, kind, schema, name, the REFRESH statement) for every populated materialised view.
QString refreshes();

} // namespace post_data_queries

} // namespace mizzle
