#pragma once

#include "monitor/activity_snapshot.h"

#include <QString>

namespace mizzle::monitor {

// One sample as lines for a terminal (`mizzle monitor --format text`): a summary, the blocking
// roots, then one row per client session. Sessions idle in a transaction are marked with "!" in
// the first column. For reading only: scripts use sampleToJsonLine, whose form is promised.
QString sampleToText(const ServerSample &sample);

} // namespace mizzle::monitor
