#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"

#include <QStringList>
#include <optional>

namespace mizzle {

// Where a subcommand connects, from its one positional argument.
struct CommandTarget
{
    ConnectionParameters parameters;
    QStringList ownApplicationNames{QStringLiteral("Mizzle")};
    std::optional<ConnectionParameters> pgbouncer; // the profile's admin console, if it names one
    bool readOnly = false;                         // the profile says so
};

// A libpq URI or key=value string, a profile file, or (empty) libpq's defaults and the PG*
// environment variables. A profile whose password comes from a prompt is refused: a script
// cannot answer it. The profile's warnings go to stderr as "mizzle COMMAND: …".
Result<CommandTarget> resolveCommandTarget(const QString &command, const QString &target);

} // namespace mizzle
