#pragma once

#include "connection/connection_parameters.h"
#include "connection/pool_settings.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace mizzle {

// Where a password comes from. A profile names the source; it never holds the password itself.
struct PasswordSource
{
    enum class Kind { None, Prompt, PgPass, Keychain, Environment };
    Kind kind = Kind::None;
    QString variable; // for Environment: the variable's name
};

// PgBouncer's admin console in front of the profile's server, for the monitor. The same
// addressing keys as the profile's own connection; dbname is always "pgbouncer".
struct PgBouncerConsole
{
    QString host;
    int port = 0;
    QString dbname; // empty or "pgbouncer"
    QString user;
    QString url;
    QString service;
    QString sslmode;
    QString sslrootcert;
    QString sslcert; // a client certificate, and its key, for servers that ask for one
    QString sslkey;
    PasswordSource password;

    // The libpq keywords for the console; filePath names the profile in errors.
    Result<ConnectionParameters> connectionParameters(const QString &filePath) const;
};

// One connection profile, as read from a "mizzle-profile" JSON file.
struct ConnectionProfile
{
    QString filePath; // where it was read from; empty for a profile made from a URI
    QString name;
    QString group; // the connection manager's heading for it, or empty
    QString color; // "#rrggbb", or empty

    // Exactly one of these three forms addresses the server.
    QString host;
    int port = 0; // 0: libpq's default
    QString dbname;
    QString user;
    QString url;
    QString service;

    QString sslmode;
    QString sslrootcert;
    QString sslcert; // a client certificate, and its key, for servers that ask for one
    QString sslkey;
    QString applicationName;
    PasswordSource password;
    PoolSettings pool;
    bool readOnly = false;     // every statement in Mizzle's read-only transactions
    bool readOnlyRole = false; // the user asserts that the server role may not write
    int statementTimeoutMs = 0;
    std::optional<PgBouncerConsole> pgbouncer;

    // The libpq keywords for this profile. Read-only and the statement timeout travel in
    // `options`, so the server enforces them on every session the pool opens.
    Result<ConnectionParameters> connectionParameters() const;
};

} // namespace mizzle
