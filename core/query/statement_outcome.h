#pragma once

#include "base/error.h"

#include <QString>
#include <optional>

namespace mizzle {

// One statement of a script, with where it sits in the editor's text.
struct ScriptStatement
{
    QString sql;
    int offset = 0; // of sql's first character in the editor text
};

// What one statement did: for the Messages tab and the history.
struct StatementOutcome
{
    int index = 0;
    ScriptStatement statement;
    QString commandTag;       // "SELECT 3", "UPDATE 1", ...; empty after an error
    qint64 rowsAffected = -1; // -1 when the command reports none
    qint64 rowsReceived = 0;
    qint64 elapsedMs = 0;
    bool capped = false; // the row cap stopped the fetch
    std::optional<Error> error;
};

} // namespace mizzle
