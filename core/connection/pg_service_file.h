#pragma once

#include <QStringList>

namespace mizzle {

// The service names libpq would find, for a profile's "service": the [sections] of the user's
// file (PGSERVICEFILE, or ~/.pg_service.conf) and of the system's (PGSYSCONFDIR's
// pg_service.conf, or Debian's /etc/postgresql-common/pg_service.conf), sorted, each once.
QStringList pgServiceNames();

// The [sections] of one pg_service.conf text.
QStringList serviceSections(const QByteArray &text);

} // namespace mizzle
