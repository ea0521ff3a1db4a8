#pragma once

#include "base/result.h"
#include "catalog/catalog_types.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>

namespace mizzle {

class ConnectionPool;

// Whether a snapshot reads the relations' sizes. They cost the server a look at every
// relation's files, most of the snapshot's time on a large database; the schema tree shows the
// rest first and fills the sizes in from loadRelationSizes.
enum class SnapshotSizes { Included, Later };

// RelationInfo::totalBytes by relation OID.
using RelationSizes = QHash<unsigned int, qint64>;

// What Catalog::loadSnapshot reads: the schemas outside pg_catalog and information_schema,
// their relations, sequences and types, one statement after another through the pool. With
// SnapshotSizes::Later every totalBytes is 0. The callback runs once, and not at all if
// `context` is destroyed first.
void loadCatalogSnapshot(ConnectionPool *pool, QObject *context, SnapshotSizes sizes,
                         std::function<void(Result<CatalogSnapshot>)> done);
// The size of every relation a snapshot lists, as totalBytes has it (with indexes and TOAST; a
// partitioned table's summed over its leaves), in one statement.
void loadRelationSizes(ConnectionPool *pool, QObject *context,
                       std::function<void(Result<RelationSizes>)> done);

// The statements, in the order they run: for a benchmark to hand psql.
QStringList catalogSnapshotStatements(SnapshotSizes sizes);
QString relationSizesStatement();

} // namespace mizzle
