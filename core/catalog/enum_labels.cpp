#include "catalog/enum_labels.h"

#include "connection/connection_pool.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// to_regtype answers NULL for a name that names no type, so a dropped type reads as "no
// labels". The walk down typbasetype reaches the enum under a domain over a domain.
const QString kEnumLabelsSql = uR"(
WITH RECURSIVE base(oid, typtype, typbasetype) AS (
    SELECT t.oid, t.typtype, t.typbasetype FROM pg_type t WHERE t.oid = to_regtype($1::text)
    UNION ALL
    SELECT t.oid, t.typtype, t.typbasetype FROM pg_type t JOIN base b ON t.oid = b.typbasetype
    WHERE b.typtype = 'd')
SELECT e.enumlabel FROM base b JOIN pg_enum e ON e.enumtypid = b.oid
ORDER BY e.enumsortorder)"_s;

} // namespace

void loadEnumLabels(ConnectionPool *pool, const QString &typeName, QObject *context,
                    std::function<void(Result<QStringList>)> done)
{
    pool->execute(context, QStringLiteral("catalog"), kEnumLabelsSql, {typeName},
                  [done = std::move(done)](Result<QueryResult> rows) {
                      if (!rows.ok()) {
                          done(rows.error());
                          return;
                      }
                      QStringList labels;
                      labels.reserve(rows->rowCount());
                      for (qsizetype row = 0; row < rows->rowCount(); ++row)
                          labels.append(rows->text(row, 0));
                      done(std::move(labels));
                  });
}

} // namespace mizzle
