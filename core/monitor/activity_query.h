#pragma once

#include "base/result.h"
#include "connection/pg_connection.h"
#include "monitor/activity_snapshot.h"

#include <QStringList>

namespace mizzle::monitor {

// The statements of one server sample, pipelined so they cost a single round trip and share
// one implicit transaction (and so one statistics snapshot): the sessions, then the settings
// and pg_stat_database's sums. The session that runs them is left out.
QList<PgConnection::PipelineStatement> activityStatements();

// Reads their results into a sample: sessions, saturation, counters, blocking roots and the
// xmin horizon. Timing, rates and the monitor's pid are the sampler's to fill in. A session is
// Mizzle's own when its application_name is one of ownApplicationNames.
Result<ServerSample> readActivity(const QList<QueryResult> &results,
                                  const QStringList &ownApplicationNames);

} // namespace mizzle::monitor
