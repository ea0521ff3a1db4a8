#pragma once

#include <QStringList>

namespace mizzle {

// Whether the command line asks for `mizzle monitor`; checked on the raw arguments, before any
// QApplication exists, so that the command needs no display.
bool isMonitorCommand(int argc, char *argv[]);

// `mizzle monitor [PROFILE_FILE | URI] [--pgbouncer URI] [--interval S] [--count N]
// [--format json|text]`: samples the server COUNT times, INTERVAL seconds apart, on the
// monitor's own connection, and prints each sample on standard output (see
// monitor::sampleToJsonLine and monitor::sampleToText). Returns the exit code: 0 once every
// sample is printed, 2 with a message on standard error for a bad command line or a connection
// or sample that failed. Needs a QCoreApplication and runs its event loop. `arguments` are the
// program's, the program name and "monitor" first.
int runMonitorCommand(const QStringList &arguments);

} // namespace mizzle
