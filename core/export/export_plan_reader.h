#pragma once

#include "base/result.h"
#include "connection/context_callback.h"
#include "export/export_options.h"
#include "export/export_plan.h"

#include <QObject>
#include <functional>
#include <memory>

namespace mizzle {

class PgConnection;

// The statements that begin an export's snapshot: one REPEATABLE READ READ ONLY transaction, an
// empty search_path so that the server qualifies every name it prints, and the settings under
// which every value's text reads back exactly.
QString exportSnapshotBegin();

// Reads what an export writes (ExportPlan) from the catalog, in the connection's current
// transaction, which exportSnapshotBegin() must have begun. Two round trips: the selection,
// then every catalog query at once in a pipeline.
class ExportPlanReader
{
public:
    using Callback = std::function<void(Result<ExportPlan>)>;
    // Calls back from the event loop, and not at all once context is gone. A schema or table
    // that does not exist is an error that names it.
    static void read(PgConnection &connection, QObject *context, const ExportOptions &options,
                     Callback done);
};

} // namespace mizzle
