#pragma once

#include <QByteArray>
#include <QStringList>

namespace mizzle::test {

// The mizzle binary (MIZZLE_BINARY, set by CTest) run as a script runs it.
struct MizzleRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// withoutDisplay: no X or Wayland display at all, as on a server or in CI.
MizzleRun runMizzle(const QStringList &arguments, const QByteArray &input = {},
                    bool withoutDisplay = true);

} // namespace mizzle::test
