#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace mizzle {

// Passwords kept in the system keychain (the Secret Service on Linux: GNOME Keyring, KWallet),
// through QtKeychain, for profiles whose password source is "keychain". The profile file names
// only the source; the keychain holds the password, under the service "Mizzle" and a key made of
// the user, host, port and database, so that it follows the server rather than the file.
//
// Every call is asynchronous and calls back from the event loop, and not at all once context is
// gone.
class PasswordKeychain
{
public:
    static constexpr const char *service = "Mizzle";

    // "alice@db.example.com:5432/app", libpq's defaults spelt out where a keyword is missing.
    static QString keyFor(const ConnectionParameters &parameters);

    // The stored password, std::nullopt when none is stored under the key, or why the keychain
    // could not be asked.
    static void read(QObject *context, const QString &key,
                     std::function<void(Result<std::optional<QString>>)> done);
    static void write(QObject *context, const QString &key, const QString &password,
                      std::function<void(Result<void>)> done);
    static void remove(QObject *context, const QString &key,
                       std::function<void(Result<void>)> done);
};

} // namespace mizzle
