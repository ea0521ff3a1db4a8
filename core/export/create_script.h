#pragma once

#include "base/result.h"
#include "connection/connection_pool.h"

#include <QObject>
#include <QString>
#include <functional>

namespace mizzle {

// "Show CREATE script" for one table or view: its definition, comments, keys, indexes and
// triggers, as the export writes them (the same catalog reader, so the two never disagree),
// read in a snapshot on a connection borrowed from the pool.
class CreateScript
{
public:
    using Callback = std::function<void(Result<QString>)>;
    // Calls back from the event loop, and not at all once context is gone.
    static void read(ConnectionPool &pool, QObject *context, const QString &schema,
                     const QString &relation, Callback done);
};

} // namespace mizzle
