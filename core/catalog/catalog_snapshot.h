#pragma once

#include "base/result.h"
#include "catalog/catalog_types.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace mizzle {

class ConnectionPool;

// What Catalog::loadSnapshot reads: the schemas outside pg_catalog and information_schema,
// their relations, sequences and types, one statement after another through the pool. The
// callback runs once, and not at all if `context` is destroyed first.
void loadCatalogSnapshot(ConnectionPool *pool, QObject *context,
                         std::function<void(Result<CatalogSnapshot>)> done);

// The statements of a snapshot, in the order it runs them: for a benchmark to hand psql.
QStringList catalogSnapshotStatements();

} // namespace mizzle
