#pragma once

#include <QByteArray>
#include <QString>
#include <cstdio>

namespace mizzle {

// What the command-line subcommands print: each write is flushed at once, so that a script
// reading the pipe sees a sample as soon as it is taken.
void writeOut(const QByteArray &bytes, FILE *stream);

// "mizzle COMMAND: text" on stderr; returns 2, the exit code of a bad command line or a failed
// connection.
int commandFailed(const QString &command, const QString &text);

} // namespace mizzle
