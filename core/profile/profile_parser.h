#pragma once

#include "base/result.h"
#include "profile/connection_profile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mizzle {

// The "mizzle-profile" file format, version 1. This is a public, stable interface: users write
// these files by hand and keep them in version control, so every rule below is a promise.
//
//   {
//     "format": "mizzle-profile", "version": 1,
//     "name": "Prod replica", "group": "Production", "color": "#cc3333",
//     "host": "db.example.com", "port": 5432, "dbname": "app", "user": "alice",
//     "sslmode": "verify-full", "sslrootcert": "/path/root.crt",
//     "application_name": "mizzle",
//     "password": "pgpass",
//     "pool": {"max": 5, "idleTimeout": 30, "maxLifetime": 1800,
//              "connectionTimeout": 10, "acquireTimeout": 10},
//     "readOnly": true,
//     "statementTimeout": 30,
//     "pgbouncer": {"host": "db.example.com", "port": 6432, "user": "admin",
//                   "password": "env:PGBOUNCER_PASSWORD"}
//   }
//
// Rules, checked in this order; the first broken rule is the error:
//  - The file is UTF-8 JSON, not empty, and its top level is an object.
//  - "format" is required and is exactly "mizzle-profile".
//  - "version" is required and is exactly 1. A higher whole number means the file was written by
//    a newer Mizzle, and is refused rather than half-read.
//  - "name" is required: a string that is not empty or only spaces.
//  - "group" is optional: a non-empty string, the heading the connection manager lists the
//    profile under. Files without it (all written before it existed) are in no group.
//  - "color" is optional: "#rrggbb", six hexadecimal digits.
//  - Every string key below is optional, but when present it is a non-empty string.
//  - The server is addressed in one of three forms, or not at all (libpq's defaults and PG*
//    environment variables then apply):
//      host-style: any of "host", "port", "dbname", "user";
//      "url": a libpq connection URI (postgresql://...) or key=value string;
//      "service": a service name from pg_service.conf.
//    "url" and "service" each exclude the other and every host-style key.
//  - "port" is a whole number from 1 to 65535 (a number, not a string).
//  - "url" must be accepted by libpq's PQconninfoParse and must not contain a password.
//  - "sslmode" is one of disable, allow, prefer, require, verify-ca, verify-full. "sslmode",
//    "sslrootcert", and the client certificate "sslcert" with its "sslkey", may accompany any
//    addressing form; they override the same settings in "url".
//  - "password" names where the password comes from and is one of "prompt", "pgpass",
//    "keychain" or "env:NAME", where NAME matches [A-Za-z_][A-Za-z0-9_]*. Anything else is an
//    error: a profile never holds a password itself. Leaving "password" out leaves it to libpq
//    (~/.pgpass, PGPASSWORD).
//  - "pool" is optional and an object. "pool.max" is a whole number from 1 to 1000;
//    "pool.idleTimeout", "pool.maxLifetime", "pool.connectionTimeout" and
//    "pool.acquireTimeout" are durations. Keys left out keep their defaults (5, 30, 1800, 10,
//    10).
//  - "readOnly" and "readOnlyRole" are optional, true or false (not a string); default false.
//  - "statementTimeout" is an optional duration; default 0.
//  - "pgbouncer" is optional and an object: PgBouncer's admin console, for the monitor. Its keys
//    follow the rules above for the profile's own "host", "port", "dbname", "user", "url",
//    "service", "sslmode", "sslrootcert" and "password", and are named "pgbouncer.KEY" in
//    errors and warnings; "dbname", when present, is exactly "pgbouncer".
//  - Durations are numbers of seconds, fractional allowed, from 0 to 2147483; 0 means no limit.
//  - Keys are case-sensitive. Unknown keys, at the top level or inside "pool" or "pgbouncer",
//    are not errors but each gives a warning naming the file and the key, so that a newer
//    file's optional additions still open in an older Mizzle.
//
// Errors name the file and the key in Error::where ("<file>: key \"pool.max\""), and say what
// was found and what was expected in Error::message. Password values are never repeated in
// messages.

struct ParsedProfile
{
    ConnectionProfile profile; // profile.filePath is the path the file was read from
    QStringList warnings;      // one readable line per ignored key
};

// Parses and checks a profile file's contents. filePath is used for messages and is stored in
// the profile; the file itself is not read.
Result<ParsedProfile> parseProfile(const QByteArray &json, const QString &filePath);

// Reads the file and parses it; an unreadable file is an Error like any broken one.
Result<ParsedProfile> loadProfileFile(const QString &filePath);

// Whether what a user gave as a target (on the command line) is a libpq URI, or a key=value
// conninfo that is not the name of an existing file, rather than a profile file.
bool looksLikeConnectionString(const QString &target);

} // namespace mizzle
