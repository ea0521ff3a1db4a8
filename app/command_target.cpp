#include "command_target.h"

#include "command_output.h"
#include "profile/password_keychain.h"
#include "profile/profile_parser.h"

#include <QEventLoop>
#include <optional>

using namespace Qt::StringLiterals;

namespace mizzle {

Result<CommandTarget> resolveCommandTarget(const QString &command, const QString &target)
{
    CommandTarget resolved;
    if (target.isEmpty())
        return resolved; // libpq's defaults and the PG* environment variables
    if (looksLikeConnectionString(target)) {
        Result<ConnectionParameters> parameters = ConnectionParameters::fromConninfo(target);
        if (!parameters)
            return parameters.error();
        resolved.parameters = std::move(parameters).value();
        return resolved;
    }
    Result<ParsedProfile> parsed = loadProfileFile(target);
    if (!parsed)
        return parsed.error();
    const ConnectionProfile &profile = parsed->profile;
    if (profile.password.kind == PasswordSource::Kind::Prompt) {
        return Error{u"the profile asks for the password at a prompt, which a script cannot "
                     "answer"_s,
                     target, u"Use \"pgpass\" or \"env:VARIABLE\" as the password source."_s};
    }
    Result<ConnectionParameters> parameters = profile.connectionParameters();
    if (!parameters)
        return parameters.error();
    resolved.parameters = std::move(parameters).value();
    resolved.readOnly = profile.readOnly;
    if (profile.password.kind == PasswordSource::Kind::Keychain) {
        // A command has no window to ask in: the keychain must hold the password already.
        const QString key = PasswordKeychain::keyFor(resolved.parameters);
        std::optional<Result<std::optional<QString>>> stored;
        QEventLoop loop;
        PasswordKeychain::read(&loop, key, [&](Result<std::optional<QString>> answer) {
            stored = std::move(answer);
            loop.quit();
        });
        if (!stored)
            loop.exec();
        if (!stored->ok())
            return stored->error();
        if (!stored->value()) {
            return Error{u"no password is stored in the keychain for %1"_s.arg(key), target,
                         u"Connect once from the studio and tick \"Remember in keychain\"."_s};
        }
        resolved.parameters.set(u"password"_s, *stored->value());
    }
    if (!profile.applicationName.isEmpty())
        resolved.ownApplicationNames = {profile.applicationName};
    if (profile.pgbouncer) {
        if (profile.pgbouncer->password.kind == PasswordSource::Kind::Prompt) {
            return Error{u"the profile's PgBouncer console asks for the password at a prompt, "
                         u"which a script cannot answer"_s,
                         target, u"Use \"pgpass\" or \"env:VARIABLE\" as its password source."_s};
        }
        Result<ConnectionParameters> console = profile.pgbouncer->connectionParameters(target);
        if (!console)
            return console.error();
        resolved.pgbouncer = std::move(console).value();
    }
    for (const QString &warning : parsed->warnings)
        writeOut((u"mizzle "_s + command + u": "_s + warning + u'\n').toLocal8Bit(), stderr);
    return resolved;
}

} // namespace mizzle
