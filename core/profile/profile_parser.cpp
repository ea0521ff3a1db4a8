#include "profile/profile_parser.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Milliseconds must fit in an int; this many seconds is about 24 days.
constexpr double maxDurationSeconds = 2147483;
// Profiles are a few hundred bytes; anything this large is not one.
constexpr qint64 maxFileSize = 1024 * 1024;

const QStringList &topLevelKeys()
{
    static const QStringList keys =
        u"format version name group color host port dbname user url service sslmode sslrootcert "
        u"sslcert sslkey "
        u"application_name password pool readOnly readOnlyRole statementTimeout pgbouncer"_s.split(
            u' ');
    return keys;
}

const QStringList &pgbouncerKeys()
{
    static const QStringList keys =
        u"host port dbname user url service sslmode sslrootcert sslcert sslkey password"_s.split(
            u' ');
    return keys;
}

const QStringList &poolKeys()
{
    static const QStringList keys =
        u"max idleTimeout maxLifetime connectionTimeout acquireTimeout"_s.split(u' ');
    return keys;
}

Error makeError(const QString &message, const QString &where, const QString &hint)
{
    Error error;
    error.message = message;
    error.where = where;
    error.hint = hint;
    return error;
}

QString location(const QString &filePath, const QString &what)
{
    return filePath.isEmpty() ? what : filePath + u": "_s + what;
}

QString formatNumber(double number)
{
    if (number == std::trunc(number) && std::abs(number) < 1e15)
        return QString::number(static_cast<qint64>(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

QString describe(const QJsonValue &value)
{
    if (value.isString()) {
        const QString text = value.toString();
        return u"\"%1\" (a string)"_s.arg(text.size() > 60 ? text.left(57) + u"..."_s : text);
    }
    if (value.isDouble())
        return formatNumber(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.isArray() ? u"an array"_s : value.isObject() ? u"an object"_s : u"null"_s;
}

// For the password key: whatever was written there may be a real password.
QString describeRedacted(const QJsonValue &value)
{
    if (value.isString())
        return u"a literal value"_s;
    if (value.isDouble())
        return u"a number"_s;
    return value.isBool() ? u"a boolean"_s : describe(value);
}

QString numberHint(const QJsonValue &value)
{
    return value.isString() ? u"Write the number without quotes."_s : QString();
}

std::pair<qsizetype, qsizetype> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    const QByteArrayView before =
        QByteArrayView(text).first(std::clamp<qsizetype>(offset, 0, text.size()));
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = std::count(before.begin(), before.end(), '\n') + 1;
    // Columns count characters, not UTF-8 bytes, as editors do.
    return {line, QString::fromUtf8(before.sliced(lineStart)).size() + 1};
}

// Each check returns the first rule the file breaks, or nothing.
using Failure = std::optional<Error>;

class Parser
{
public:
    explicit Parser(const QString &filePath)
        : m_filePath(filePath)
    {}

    Result<ParsedProfile> parse(const QByteArray &json);

private:
    Failure parseProfile(const QJsonObject &root, ConnectionProfile &profile);
    Failure parseHeader(const QJsonObject &root) const;
    // Where one addressing form's keys go: the profile's own, or its "pgbouncer" object's.
    struct Address
    {
        QString *host;
        int *port;
        QString *dbname;
        QString *user;
        QString *url;
        QString *service;
        QString *sslmode;
        QString *sslrootcert;
        QString *sslcert;
        QString *sslkey;
    };
    Failure parseAddress(const QJsonObject &root, const QString &prefix,
                         const Address &address) const;
    Failure parsePassword(const QJsonValue &value, const QString &key, PasswordSource &out) const;
    Failure parsePgBouncer(const QJsonValue &value, std::optional<PgBouncerConsole> &out);
    Failure parsePool(const QJsonValue &value, PoolSettings &out);

    Failure readString(const QJsonValue &value, const QString &key, QString &out) const;
    Failure readWhole(const QJsonValue &value, const QString &key, int min, int max,
                      int &out) const;
    Failure readDuration(const QJsonValue &value, const QString &key, int &outMs) const;
    void warnUnknown(const QJsonObject &object, const QString &prefix, const QStringList &known);

    Error error(const QString &key, const QString &message, const QString &hint = {}) const
    {
        return makeError(message, location(m_filePath, u"key \"%1\""_s.arg(key)), hint);
    }
    Error mismatch(const QString &key, const QJsonValue &found, const QString &expected,
                   const QString &hint = {}) const
    {
        return error(
            key, u"key \"%1\": found %2, expected %3"_s.arg(key, describe(found), expected), hint);
    }

    QString m_filePath;
    QStringList m_warnings;
};

Result<ParsedProfile> Parser::parse(const QByteArray &json)
{
    const QString shapeHint = u"A profile is a JSON object such as {\"format\": "
                              u"\"mizzle-profile\", \"version\": 1, \"name\": \"...\"}."_s;
    if (json.trimmed().isEmpty()) {
        return makeError(
            u"the file is empty, expected a JSON object with \"format\": \"mizzle-profile\""_s,
            m_filePath, shapeHint);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        return makeError(u"not valid JSON: %1 at line %2, column %3"_s.arg(parseError.errorString(),
                                                                           QString::number(line),
                                                                           QString::number(column)),
                         m_filePath,
                         u"A missing comma or quote, or a comma before a closing brace, is the "
                         u"usual cause; the mistake is at or just before that position."_s);
    }
    if (!document.isObject()) {
        return makeError(u"found %1 at the top level, expected a JSON object"_s.arg(
                             document.isArray() ? u"an array"_s : u"a single value"_s),
                         m_filePath, shapeHint);
    }
    ParsedProfile parsed;
    parsed.profile.filePath = m_filePath;
    if (Failure failure = parseProfile(document.object(), parsed.profile))
        return *failure;
    parsed.warnings = m_warnings;
    return parsed;
}

Failure Parser::parseProfile(const QJsonObject &root, ConnectionProfile &profile)
{
    // The header comes first: a newer version may mean something else by the same keys.
    if (Failure failure = parseHeader(root))
        return failure;
    if (!root.contains(u"name"_s)) {
        return error(u"name"_s, u"key \"name\" is missing, expected a non-empty string"_s,
                     u"Every profile has a name; it is shown in the connection list."_s);
    }
    if (Failure failure = readString(root.value(u"name"_s), u"name"_s, profile.name))
        return failure;

    // Optional, and new: files written before it still open, as profiles in no group.
    if (Failure failure = readString(root.value(u"group"_s), u"group"_s, profile.group))
        return failure;

    static const QRegularExpression colorPattern(u"^#[0-9A-Fa-f]{6}$"_s);
    const QJsonValue color = root.value(u"color"_s);
    if (!color.isUndefined() && !colorPattern.match(color.toString()).hasMatch()) {
        return mismatch(u"color"_s, color,
                        u"\"#rrggbb\", six hexadecimal digits such as \"#cc3333\""_s);
    }
    profile.color = color.toString();

    if (Failure failure =
            parseAddress(root, QString(),
                         {&profile.host, &profile.port, &profile.dbname, &profile.user,
                          &profile.url, &profile.service, &profile.sslmode, &profile.sslrootcert,
                          &profile.sslcert, &profile.sslkey}))
        return failure;
    const QString appKey = u"application_name"_s;
    if (Failure failure = readString(root.value(appKey), appKey, profile.applicationName))
        return failure;
    if (Failure failure = parsePassword(root.value(u"password"_s), u"password"_s, profile.password))
        return failure;
    if (Failure failure = parsePgBouncer(root.value(u"pgbouncer"_s), profile.pgbouncer))
        return failure;
    if (Failure failure = parsePool(root.value(u"pool"_s), profile.pool))
        return failure;

    for (const auto &[key, flag] : {std::pair{u"readOnly"_s, &profile.readOnly},
                                    std::pair{u"readOnlyRole"_s, &profile.readOnlyRole}}) {
        const QJsonValue value = root.value(key);
        if (!value.isUndefined() && !value.isBool())
            return mismatch(key, value, u"true or false"_s,
                            u"Write true or false without quotes."_s);
        *flag = value.toBool();
    }
    const QString timeoutKey = u"statementTimeout"_s;
    if (Failure failure =
            readDuration(root.value(timeoutKey), timeoutKey, profile.statementTimeoutMs))
        return failure;
    warnUnknown(root, QString(), topLevelKeys());
    return {};
}

Failure Parser::parseHeader(const QJsonObject &root) const
{
    const QString hint = u"A profile file starts with \"format\": \"mizzle-profile\", "
                         u"\"version\": 1."_s;
    const QJsonValue format = root.value(u"format"_s);
    if (format.isUndefined())
        return error(u"format"_s, u"key \"format\" is missing, expected \"mizzle-profile\""_s,
                     hint);
    if (format.toString() != u"mizzle-profile"_s)
        return mismatch(u"format"_s, format, u"\"mizzle-profile\""_s, hint);

    const QJsonValue version = root.value(u"version"_s);
    if (version.isUndefined())
        return error(u"version"_s, u"key \"version\" is missing, expected 1"_s, hint);
    const double number = version.toDouble();
    if (version.isDouble() && number > 1 && number == std::trunc(number)) {
        return error(u"version"_s,
                     u"key \"version\": found %1, expected 1; the file was written by a newer "
                     u"version of Mizzle"_s.arg(describe(version)),
                     u"Update Mizzle to open this profile."_s);
    }
    if (!version.isDouble() || number != 1)
        return mismatch(u"version"_s, version, u"1"_s, numberHint(version));
    return {};
}

Failure Parser::parseAddress(const QJsonObject &root, const QString &prefix,
                             const Address &address) const
{
    const std::pair<QString, QString *> strings[] = {
        {u"host"_s, address.host},       {u"dbname"_s, address.dbname},
        {u"user"_s, address.user},       {u"url"_s, address.url},
        {u"service"_s, address.service}, {u"sslrootcert"_s, address.sslrootcert},
        {u"sslcert"_s, address.sslcert}, {u"sslkey"_s, address.sslkey}};
    for (const auto &[key, out] : strings) {
        if (Failure failure = readString(root.value(key), prefix + key, *out))
            return failure;
    }
    if (Failure failure =
            readWhole(root.value(u"port"_s), prefix + u"port"_s, 1, 65535, *address.port))
        return failure;

    QString hostKey;
    for (const QString &key : {u"host"_s, u"port"_s, u"dbname"_s, u"user"_s}) {
        if (hostKey.isEmpty() && root.contains(key))
            hostKey = key;
    }
    for (const QString &alone : {u"url"_s, u"service"_s}) {
        const QString other =
            alone == u"url"_s && root.contains(u"service"_s) ? u"service"_s : hostKey;
        if (root.contains(alone) && !other.isEmpty()) {
            return error(prefix + alone,
                         u"key \"%1\": found together with \"%2\", expected \"%1\" alone; a "
                         u"profile addresses the server with \"url\", with \"service\", or with "
                         u"host, port, dbname and user"_s.arg(prefix + alone, prefix + other),
                         u"Remove \"%1\" or \"%2\"."_s.arg(prefix + other, prefix + alone));
        }
    }

    const QString urlKey = prefix + u"url"_s;
    if (!address.url->isEmpty()) {
        const Result<ConnectionParameters> parameters =
            ConnectionParameters::fromConninfo(*address.url);
        if (!parameters) {
            return error(
                urlKey,
                u"key \"%1\": found a connection string libpq rejects (%2), expected "
                u"a postgresql:// URI or key=value pairs"_s.arg(urlKey, parameters.error().message),
                parameters.error().hint);
        }
        if (parameters->contains(u"password"_s)) {
            return error(urlKey,
                         u"key \"%1\": found a URI that contains a password, expected one "
                         u"without; a profile never holds a password itself"_s.arg(urlKey),
                         u"Remove the password from the URI and set \"password\" to \"pgpass\", "
                         u"\"prompt\", \"keychain\" or \"env:VARIABLE\"."_s);
        }
    }

    static const QStringList sslModes =
        u"disable allow prefer require verify-ca verify-full"_s.split(u' ');
    const QJsonValue sslmode = root.value(u"sslmode"_s);
    if (!sslmode.isUndefined() && !sslModes.contains(sslmode.toString()))
        return mismatch(prefix + u"sslmode"_s, sslmode, u"one of "_s + sslModes.join(u", "_s));
    *address.sslmode = sslmode.toString();
    return {};
}

Failure Parser::parsePgBouncer(const QJsonValue &value, std::optional<PgBouncerConsole> &out)
{
    if (value.isUndefined())
        return {};
    const QString prefix = u"pgbouncer."_s;
    if (!value.isObject())
        return mismatch(u"pgbouncer"_s, value,
                        u"an object such as {\"host\": \"...\", \"user\": \"...\"}"_s);
    const QJsonObject object = value.toObject();
    PgBouncerConsole console;
    if (Failure failure =
            parseAddress(object, prefix,
                         {&console.host, &console.port, &console.dbname, &console.user,
                          &console.url, &console.service, &console.sslmode, &console.sslrootcert,
                          &console.sslcert, &console.sslkey}))
        return failure;
    // The admin console is the database "pgbouncer"; any other name reaches a pool instead.
    if (!console.dbname.isEmpty() && console.dbname != u"pgbouncer"_s)
        return mismatch(prefix + u"dbname"_s, object.value(u"dbname"_s),
                        u"\"pgbouncer\", the admin console's database (or leave it out)"_s);
    if (Failure failure =
            parsePassword(object.value(u"password"_s), prefix + u"password"_s, console.password))
        return failure;
    warnUnknown(object, prefix, pgbouncerKeys());
    out = console;
    return {};
}

Failure Parser::parsePassword(const QJsonValue &value, const QString &key,
                              PasswordSource &out) const
{
    using Kind = PasswordSource::Kind;
    const QString text = value.isString() ? value.toString() : QString();
    if (value.isUndefined())
        out = {};
    else if (text == u"prompt"_s)
        out = {Kind::Prompt, {}};
    else if (text == u"pgpass"_s)
        out = {Kind::PgPass, {}};
    else if (text == u"keychain"_s)
        out = {Kind::Keychain, {}};
    else if (text.startsWith(u"env:"_s)) {
        static const QRegularExpression namePattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
        if (!namePattern.match(text.mid(4)).hasMatch()) {
            return mismatch(key, value,
                            u"\"env:\" followed by a variable name made of letters, digits and "
                            u"underscores, not starting with a digit"_s);
        }
        out = {Kind::Environment, text.mid(4)};
    } else {
        return error(key,
                     u"key \"%1\": found %2, expected \"prompt\", \"pgpass\", "
                     u"\"keychain\" or \"env:VARIABLE\"; a profile never holds a password "
                     u"itself"_s.arg(key, describeRedacted(value)),
                     u"Keep the password in ~/.pgpass and write \"pgpass\", or in an "
                     u"environment variable and write \"env:VARIABLE\"."_s);
    }
    return {};
}

Failure Parser::parsePool(const QJsonValue &value, PoolSettings &out)
{
    if (value.isUndefined())
        return {};
    if (!value.isObject())
        return mismatch(u"pool"_s, value, u"an object such as {\"max\": 5}"_s);
    const QJsonObject pool = value.toObject();
    if (Failure failure = readWhole(pool.value(u"max"_s), u"pool.max"_s, 1, 1000, out.max))
        return failure;
    const std::pair<QString, int *> durations[] = {
        {u"idleTimeout"_s, &out.idleTimeoutMs},
        {u"maxLifetime"_s, &out.maxLifetimeMs},
        {u"connectionTimeout"_s, &out.connectionTimeoutMs},
        {u"acquireTimeout"_s, &out.acquireTimeoutMs}};
    for (const auto &[key, outMs] : durations) {
        if (Failure failure = readDuration(pool.value(key), u"pool."_s + key, *outMs))
            return failure;
    }
    warnUnknown(pool, u"pool."_s, poolKeys());
    return {};
}

Failure Parser::readString(const QJsonValue &value, const QString &key, QString &out) const
{
    if (value.isUndefined())
        return {};
    if (!value.isString() || value.toString().trimmed().isEmpty())
        return mismatch(key, value, u"a non-empty string"_s);
    out = value.toString();
    return {};
}

Failure Parser::readWhole(const QJsonValue &value, const QString &key, int min, int max,
                          int &out) const
{
    if (value.isUndefined())
        return {};
    const double number = value.toDouble();
    if (!value.isDouble() || number != std::trunc(number) || number < min || number > max) {
        return mismatch(
            key, value,
            u"a whole number from %1 to %2"_s.arg(QString::number(min), QString::number(max)),
            numberHint(value));
    }
    out = static_cast<int>(number);
    return {};
}

Failure Parser::readDuration(const QJsonValue &value, const QString &key, int &outMs) const
{
    if (value.isUndefined())
        return {};
    const double seconds = value.toDouble();
    if (!value.isDouble() || seconds < 0 || seconds > maxDurationSeconds) {
        return mismatch(key, value,
                        u"a number of seconds from 0 to %1 (0 means no limit)"_s.arg(
                            formatNumber(maxDurationSeconds)),
                        numberHint(value));
    }
    // A tiny positive limit must not round to 0, which would mean "no limit".
    outMs = static_cast<int>(std::max<qint64>(qRound64(seconds * 1000.0), seconds > 0 ? 1 : 0));
    return {};
}

void Parser::warnUnknown(const QJsonObject &object, const QString &prefix, const QStringList &known)
{
    for (const QString &key : object.keys()) {
        if (known.contains(key))
            continue;
        QString warning =
            location(m_filePath, u"key \"%1\" is unknown and was ignored"_s.arg(prefix + key));
        for (const QString &candidate : known) {
            if (candidate.compare(key, Qt::CaseInsensitive) == 0)
                warning += u"; did you mean \"%1\"?"_s.arg(prefix + candidate);
        }
        m_warnings.append(warning);
    }
}

} // namespace

Result<ParsedProfile> parseProfile(const QByteArray &json, const QString &filePath)
{
    return Parser(filePath).parse(json);
}

Result<ParsedProfile> loadProfileFile(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(u"cannot read the file: %1"_s.arg(file.errorString()), filePath,
                         u"Check that the file exists and that you may read it."_s);
    }
    if (file.size() > maxFileSize) {
        return makeError(u"the file is larger than 1 MiB, too large to be a profile"_s, filePath,
                         u"Profiles are small JSON files; check that this is the right file."_s);
    }
    return parseProfile(file.readAll(), filePath);
}

bool looksLikeConnectionString(const QString &target)
{
    if (target.startsWith(u"postgresql://"_s) || target.startsWith(u"postgres://"_s))
        return true;
    return target.contains(u'=') && !QFileInfo::exists(target);
}

} // namespace mizzle
