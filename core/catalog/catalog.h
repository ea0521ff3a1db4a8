#pragma once

#include "base/result.h"
#include "catalog/catalog_snapshot.h"
#include "catalog/catalog_types.h"

#include <QByteArrayView>
#include <QObject>
#include <functional>

namespace mizzle {

// pg_class.relkind as a RelationInfo::Kind; ordinary tables and anything unknown are tables.
RelationInfo::Kind relationKind(QByteArrayView relkind);

class ConnectionPool;

// Reads schemas, relations, columns, keys and indexes from pg_catalog through the pool.
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(ConnectionPool *pool, QObject *parent = nullptr);

    // Every schema outside pg_catalog and information_schema, and its relations, sequences
    // and types; see loadCatalogSnapshot.
    void loadSnapshot(QObject *context, std::function<void(Result<CatalogSnapshot>)> done);
    void loadSnapshot(QObject *context, SnapshotSizes sizes,
                      std::function<void(Result<CatalogSnapshot>)> done);
    // The sizes a snapshot loaded with SnapshotSizes::Later left out.
    void loadRelationSizes(QObject *context, std::function<void(Result<RelationSizes>)> done);
    // Columns, primary key, indexes and foreign keys both ways, one query after another.
    void loadTable(const QString &schema, const QString &name, QObject *context,
                   std::function<void(Result<TableDetails>)> done);
    // The role's UPDATE, INSERT and DELETE on the relation (has_table_privilege), each only where
    // PostgreSQL can do it (pg_relation_is_updatable: a view that is not auto-updatable can't).
    void loadTableRights(unsigned int oid, QObject *context,
                         std::function<void(Result<TableRights>)> done);
    // Whether the role may write anywhere in this database, and what could write past a
    // read-only transaction (has_table_privilege over every user table and sequence, CREATE on
    // the database and its schemas, superuser).
    void loadWriteAccess(QObject *context, std::function<void(Result<WriteAccess>)> done);
    // The labels of an enum type named by a column's format_type text, in enumsortorder; empty
    // for a type that is no enum. See catalog/enum_labels.h.
    void loadEnumLabels(const QString &typeName, QObject *context,
                        std::function<void(Result<QStringList>)> done);

private:
    ConnectionPool *m_pool;
};

} // namespace mizzle
