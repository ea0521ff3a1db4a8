#pragma once

#include "base/result.h"

namespace mizzle {

// Finds PostgreSQL's server programs (initdb, pg_ctl). Debian keeps them out of PATH, in
// /usr/lib/postgresql/VERSION/bin; MIZZLE_PG_BINDIR overrides the search.
Result<QString> findPostgresBinDir();

} // namespace mizzle
