#pragma once

#include <QStringList>

namespace mizzle {

// Whether the command line asks for `mizzle plan`; checked on the raw arguments, before any
// QApplication exists, so that the command needs no display.
bool isPlanCommand(int argc, char *argv[]);

// `mizzle plan FILE [--format json|text]`, FILE being "-" for standard input: reads an EXPLAIN
// plan and prints its derived metrics on standard output (see planToMetricsJson() and
// planToMetricsText()). Returns the exit code: 0 when the plan parsed, 2 with a message on
// standard error when it did not or the command line is wrong. Needs a QCoreApplication.
// `arguments` are the program's, the program name and "plan" first.
int runPlanCommand(const QStringList &arguments);

} // namespace mizzle
