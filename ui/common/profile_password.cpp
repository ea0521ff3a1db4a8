#include "common/profile_password.h"

#include "profile/password_keychain.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace mizzle {

ProfilePassword::ProfilePassword(Ask ask, QObject *parent)
    : QObject(parent)
    , m_ask(std::move(ask))
{}

bool ProfilePassword::isWrongPassword(const Error &error)
{
    // 28P01 is invalid_password; libpq reports a refused login before any SQLSTATE exists.
    // PgBouncer, checking SCRAM itself, says "SASL authentication failed".
    return error.sqlState == u"28P01" ||
           error.message.contains(u"password authentication failed"_s) ||
           error.message.contains(u"SASL authentication failed"_s) ||
           error.message.contains(u"no password supplied"_s);
}

void ProfilePassword::resolve(const ConnectionProfile &profile, ConnectionParameters parameters,
                              Ready ready)
{
    m_active = false;
    m_remember = false;
    m_profileName = profile.name;
    m_parameters = std::move(parameters);
    m_ready = std::move(ready);
    m_key.clear();
    switch (profile.password.kind) {
    case PasswordSource::Kind::Prompt:
        m_active = true;
        return ask({});
    case PasswordSource::Kind::Keychain:
        m_active = true;
        m_key = PasswordKeychain::keyFor(m_parameters);
        PasswordKeychain::read(this, m_key, [this](Result<std::optional<QString>> stored) {
            if (!stored)
                emit problem(stored.error());
            if (stored && stored.value()) {
                m_parameters.set(u"password"_s, *stored.value());
                return m_ready(m_parameters);
            }
            ask(tr("No password is stored in the keychain for %1 yet.").arg(m_key));
        });
        return;
    default:
        return m_ready(m_parameters);
    }
}

void ProfilePassword::ask(const QString &problemText)
{
    const std::optional<PasswordAnswer> answer =
        m_ask(m_profileName, problemText, !m_key.isEmpty());
    if (!answer) {
        m_active = false;
        return;
    }
    m_remember = answer->remember && !m_key.isEmpty();
    m_parameters.set(u"password"_s, answer->password); // held in memory only, never written
    m_ready(m_parameters);
}

bool ProfilePassword::retryAfter(const Error &error)
{
    if (!m_active || !isWrongPassword(error)) {
        m_active = false;
        return false;
    }
    // From the event loop: the failed attempt's session is still reporting its failure, and
    // connecting again replaces it.
    QTimer::singleShot(0, this, [this, message = error.message] { ask(message); });
    return true;
}

void ProfilePassword::connected()
{
    if (!m_active)
        return;
    m_active = false;
    if (!m_remember)
        return;
    m_remember = false;
    PasswordKeychain::write(this, m_key, m_parameters.value(u"password"_s),
                            [this](Result<void> stored) {
                                if (!stored)
                                    emit problem(stored.error());
                            });
}

} // namespace mizzle
