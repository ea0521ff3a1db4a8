#pragma once

#include "base/error.h"
#include "connection/connection_parameters.h"
#include "profile/connection_profile.h"

#include <QObject>
#include <functional>
#include <optional>

namespace mizzle {

// What the password prompt answered.
struct PasswordAnswer
{
    QString password;
    bool remember = false; // store it in the keychain once it has worked
};

// The password a profile's source names, found before connecting, and what the connection's
// outcome teaches:
//  - "prompt" asks; "keychain" reads the system keychain, and asks (offering "Remember in
//    keychain") when nothing is stored for the server;
//  - a password the server refuses asks again, with libpq's message, whichever source it came
//    from;
//  - a password is stored only once the server has accepted it: never a wrong one.
class ProfilePassword : public QObject
{
    Q_OBJECT
public:
    // profile, libpq's message about the last try (empty at first), whether to offer Remember.
    using Ask = std::function<std::optional<PasswordAnswer>(const QString &profile,
                                                            const QString &problem, bool offer)>;
    using Ready = std::function<void(ConnectionParameters)>;

    explicit ProfilePassword(Ask ask, QObject *parent = nullptr);
    void setAsk(Ask ask) { m_ask = std::move(ask); }

    // Calls ready with the parameters and the password (not at all if the person cancels),
    // for the profiles whose source is a prompt or the keychain; at once for the others.
    void resolve(const ConnectionProfile &profile, ConnectionParameters parameters, Ready ready);
    // The connection made with them failed: true when that was the password, and a new one was
    // asked for (ready runs again); false leaves the failure to be shown.
    bool retryAfter(const Error &error);
    // The connection made with them works: a password to remember is stored now.
    void connected();

    static bool isWrongPassword(const Error &error);

signals:
    // The keychain could not be read or written; connecting goes on without it.
    void problem(const mizzle::Error &error);

private:
    void ask(const QString &problemText);

    Ask m_ask;
    QString m_profileName;
    QString m_key; // the keychain's key for this server, for keychain profiles
    ConnectionParameters m_parameters;
    Ready m_ready;
    bool m_active = false;
    bool m_remember = false;
};

} // namespace mizzle
