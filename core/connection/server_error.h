#pragma once

#include "base/error.h"

typedef struct pg_result PGresult;

namespace mizzle {

// Turns a failed libpq result into an Error with the server's SQLSTATE, message, detail, hint,
// statement position and the constraint it names.
Error serverError(const PGresult *result, const QString &where);

} // namespace mizzle
