#pragma once

#include <QtGlobal>

namespace mizzle::test {

// This process's peak resident memory so far (VmHWM in /proc/self/status), in KiB, or -1.
// What the memory checks of tests and benchmarks compare before and after their work.
qint64 peakResidentKiB();

} // namespace mizzle::test
