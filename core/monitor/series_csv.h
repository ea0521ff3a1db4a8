#pragma once

#include "base/result.h"
#include "monitor/monitor_point.h"
#include "monitor/sample_ring.h"

#include <QByteArray>

namespace mizzle::monitor {

using MonitorRing = SampleRing<MonitorPoint>;

// The Monitor's series as CSV: a `time` column (ISO 8601, UTC, milliseconds; the ring's times
// are milliseconds since the epoch), then one column per Series under seriesKey(). A source
// that did not answer leaves its cells empty. Numbers are written exactly enough to read back
// the same double.
QByteArray seriesCsv(const MonitorRing &ring);

// The inverse, for replaying a recorded series (tests, and a file a user kept). Columns are
// found by name; unknown ones are ignored and missing ones stay empty. `where` names the file
// in errors.
Result<QList<MonitorRing::Entry>> readSeriesCsv(const QByteArray &csv, const QString &where);

} // namespace mizzle::monitor
