#pragma once

#include "shell/launch_options.h"

#include <QStringList>
#include <variant>

namespace mizzle {

// What to do instead of opening the studio: print this text and exit with this code.
struct EarlyExit
{
    QString text;
    int exitCode = 0;
};

// The command line, a stable interface documented in the README:
//   mizzle [PROFILE_FILE | URI] [--table SCHEMA.NAME [--where EXPR] [--order-by COL[,COL…]]]
//          [--screenshot FILE.png] [--keep-playground] [--version] [--help]
// `mizzle plan ...`, `mizzle monitor ...` and `mizzle export ...` never reach it: see
// plan_command.h, monitor_command.h and export_command.h. It needs a QCoreApplication, not a
// QApplication: it is read before the GUI exists.
std::variant<LaunchOptions, EarlyExit> parseCommandLine(const QStringList &arguments);

} // namespace mizzle
