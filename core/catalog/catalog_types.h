#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mizzle {

struct RelationInfo
{
    enum class Kind { Table, View, MaterializedView, PartitionedTable, ForeignTable };
    unsigned int oid = 0;
    unsigned int parentOid = 0; // the partitioned table a partition belongs to, or 0
    QString schema;
    QString name;
    Kind kind = Kind::Table;
    double estimatedRows = -1; // reltuples; -1 when never analysed
    qint64 totalBytes = 0;     // with indexes and TOAST; summed over partitions
};

struct SequenceInfo
{
    unsigned int oid = 0;
    QString schema;
    QString name;
    QString dataType; // format_type of its values: "bigint", "integer" or "smallint"
    QString ownedBy;  // "table.column" of the serial or identity column it feeds, or empty
};

// A type of the user's own, as the schema tree lists it. Tables' row types and arrays are left
// out (they come with their table or element), and so are the multiranges each range brings.
struct TypeInfo
{
    enum class Kind { Enum, Domain, Composite, Range, Base };
    unsigned int oid = 0;
    QString schema;
    QString name;
    Kind kind = Kind::Enum;
    // What it is made of: an enum's labels ('a', 'b'), a domain's type (numeric(12,2)), a
    // range's subtype, a composite's fields (x integer, y text); empty for a base type.
    QString detail;
};

struct CatalogSnapshot
{
    QStringList schemas;
    QList<RelationInfo> relations; // ordered by schema, then name
    QList<SequenceInfo> sequences; // ordered by schema, then name
    QList<TypeInfo> types;         // ordered by schema, then name
    // False for a snapshot loaded without the relations' sizes: every totalBytes is 0, and
    // Catalog::loadRelationSizes has them.
    bool hasSizes = true;
};

struct ColumnInfo
{
    QString name;
    QString type; // as format_type gives it, e.g. "character varying(40)"
    bool notNull = false;
    QString defaultExpression;
    QString identity;  // "always", "by default", or empty
    QString generated; // the generation expression of a stored generated column, or empty
};

struct IndexInfo
{
    QString name;
    QString definition; // pg_get_indexdef
    bool primary = false;
    bool unique = false;
};

// What the connected role may change, read at connect to tell a read-only role from a
// read-only profile, and the ways around a read-only transaction the server offers.
struct WriteAccess
{
    bool roleCanWrite = true; // superuser, CREATE anywhere, or a write privilege on any table
    // Installed extensions that reach the database through a connection of their own (dblink,
    // pg_background), which a read-only transaction does not cover.
    QStringList escapeHatches;
    int serverVersion = 0; // PQserverVersion: 170002 for 17.2
};

// A foreign key constraint, seen from either end. Columns and referencedColumns pair up by
// position: columns[i] references referencedColumns[i].
struct ForeignKey
{
    QString name;          // the constraint's name
    QString schema, table; // the referencing table
    QStringList columns;   // referencing columns, in key order
    QString referencedSchema, referencedTable;
    QStringList referencedColumns; // in the same order as columns

    bool operator==(const ForeignKey &) const = default;
};

// What the connected role may do to a relation's rows, and what PostgreSQL allows of it (a
// view must be auto-updatable).
struct TableRights
{
    bool update = false;
    bool insert = false;
    bool remove = false;
};

struct TableDetails
{
    unsigned int oid = 0;
    QString schema;
    QString name;
    RelationInfo::Kind kind = RelationInfo::Kind::Table;
    QList<ColumnInfo> columns;
    QStringList primaryKey; // column names in key order; empty without a primary key
    QList<IndexInfo> indexes;
    // This table's keys to others (outgoing), by name, and other tables' keys to this one
    // (incoming), by referencing schema, table and name. A self-reference is in both. A key
    // declared on a partitioned table is listed once, on the partitioned table; a partition
    // lists the key it inherited as its own.
    QList<ForeignKey> foreignKeys;
    QList<ForeignKey> referencedBy;
};

} // namespace mizzle
