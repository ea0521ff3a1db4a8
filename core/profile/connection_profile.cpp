#include "profile/connection_profile.h"

#include <QtGlobal>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString passwordWhere(const QString &filePath, const QString &keyName)
{
    const QString key = u"key \"%1\""_s.arg(keyName);
    return filePath.isEmpty() ? key : filePath + u": "_s + key;
}

struct Address
{
    const QString &url;
    const QString &host;
    int port;
    const QString &dbname;
    const QString &user;
    const QString &service;
    const QString &sslmode;
    const QString &sslrootcert;
    const QString &sslcert;
    const QString &sslkey;
};

Result<ConnectionParameters> addressParameters(const Address &address)
{
    ConnectionParameters parameters;
    if (!address.url.isEmpty()) {
        // libpq parses the URI; Mizzle never takes one apart itself.
        Result<ConnectionParameters> parsed = ConnectionParameters::fromConninfo(address.url);
        if (!parsed)
            return parsed.error();
        parameters = std::move(parsed).value();
    } else {
        if (!address.host.isEmpty())
            parameters.set(u"host"_s, address.host);
        if (address.port != 0)
            parameters.set(u"port"_s, QString::number(address.port));
        if (!address.dbname.isEmpty())
            parameters.set(u"dbname"_s, address.dbname);
        if (!address.user.isEmpty())
            parameters.set(u"user"_s, address.user);
        if (!address.service.isEmpty())
            parameters.set(u"service"_s, address.service);
    }
    // Profile keys win over the same settings in the URI: they are what the user edits.
    if (!address.sslmode.isEmpty())
        parameters.set(u"sslmode"_s, address.sslmode);
    if (!address.sslrootcert.isEmpty())
        parameters.set(u"sslrootcert"_s, address.sslrootcert);
    if (!address.sslcert.isEmpty())
        parameters.set(u"sslcert"_s, address.sslcert);
    if (!address.sslkey.isEmpty())
        parameters.set(u"sslkey"_s, address.sslkey);
    return parameters;
}

Result<void> addPassword(const PasswordSource &password, const QString &where,
                         ConnectionParameters &parameters)
{
    switch (password.kind) {
    case PasswordSource::Kind::None:
    case PasswordSource::Kind::Prompt:   // the UI asks and adds the password itself
    case PasswordSource::Kind::Keychain: // read asynchronously (PasswordKeychain), then added
    case PasswordSource::Kind::PgPass:   // libpq reads ~/.pgpass (or PGPASSFILE) on its own
        break;
    case PasswordSource::Kind::Environment:
        if (!qEnvironmentVariableIsSet(password.variable.toLocal8Bit().constData())) {
            return Error{u"environment variable %1 is not set"_s.arg(password.variable),
                         where,
                         u"export %1=... before starting Mizzle, or choose another password "
                         u"source"_s.arg(password.variable),
                         {},
                         {},
                         -1};
        }
        parameters.set(u"password"_s,
                       qEnvironmentVariable(password.variable.toLocal8Bit().constData()));
        break;
    }
    return {};
}

} // namespace

Result<ConnectionParameters> ConnectionProfile::connectionParameters() const
{
    Result<ConnectionParameters> address = addressParameters(
        {url, host, port, dbname, user, service, sslmode, sslrootcert, sslcert, sslkey});
    if (!address)
        return address.error();
    ConnectionParameters parameters = std::move(address).value();
    if (!applicationName.isEmpty())
        parameters.set(u"application_name"_s, applicationName);
    else if (!parameters.contains(u"application_name"_s))
        parameters.set(u"application_name"_s, u"Mizzle"_s);

    // Sent as startup options rather than SET after connecting, so that no session the pool
    // opens, including one reset after a failure, ever runs without them.
    if (readOnly || statementTimeoutMs > 0) {
        QStringList options;
        const QString existing = parameters.value(u"options"_s).trimmed();
        if (!existing.isEmpty())
            options.append(existing);
        if (readOnly)
            options.append(u"-c default_transaction_read_only=on"_s);
        if (statementTimeoutMs > 0)
            options.append(u"-c statement_timeout=%1"_s.arg(statementTimeoutMs));
        parameters.set(u"options"_s, options.join(u' '));
    }
    if (Result<void> added =
            addPassword(password, passwordWhere(filePath, u"password"_s), parameters);
        !added)
        return added.error();
    return parameters;
}

Result<ConnectionParameters> PgBouncerConsole::connectionParameters(const QString &filePath) const
{
    Result<ConnectionParameters> address = addressParameters(
        {url, host, port, dbname, user, service, sslmode, sslrootcert, sslcert, sslkey});
    if (!address)
        return address.error();
    ConnectionParameters parameters = std::move(address).value();
    if (parameters.value(u"dbname"_s).isEmpty())
        parameters.set(u"dbname"_s, u"pgbouncer"_s);
    if (Result<void> added =
            addPassword(password, passwordWhere(filePath, u"pgbouncer.password"_s), parameters);
        !added)
        return added.error();
    return parameters;
}

} // namespace mizzle
