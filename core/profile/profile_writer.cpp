#include "profile/profile_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QLocale>
#include <QStringList>
#include <cmath>
#include <tuple>
#include <utility>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString formatSeconds(double number)
{
    if (number == std::trunc(number))
        return QString::number(static_cast<qint64>(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

// Escapes a string exactly as the JSON parser reads it back.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray seconds(int ms)
{
    return formatSeconds(ms / 1000.0).toUtf8();
}

// QJsonObject sorts its keys; a hand-written object keeps the documented order.
using Members = QList<std::pair<QString, QByteArray>>;

QByteArray objectToJson(const Members &members, int depth)
{
    const QByteArray indent(4 * depth, ' ');
    QByteArray out = "{\n";
    for (qsizetype i = 0; i < members.size(); ++i) {
        out += indent + "    " + jsonString(members[i].first) + ": " + members[i].second;
        out += i + 1 < members.size() ? ",\n" : "\n";
    }
    return out + indent + "}";
}

QString passwordName(const PasswordSource &password)
{
    // Indexed by PasswordSource::Kind; None writes no key, Environment adds the variable.
    static const QStringList names = u",prompt,pgpass,keychain,env:"_s.split(u',');
    const QString name = names.value(static_cast<int>(password.kind));
    return name.isEmpty() ? QString() : name + password.variable;
}

QByteArray pgbouncerToJson(const PgBouncerConsole &console)
{
    Members members;
    const auto addString = [&members](const QString &key, const QString &value) {
        if (!value.isEmpty())
            members.append({key, jsonString(value)});
    };
    addString(u"host"_s, console.host);
    if (console.port != 0)
        members.append({u"port"_s, QByteArray::number(console.port)});
    addString(u"dbname"_s, console.dbname);
    addString(u"user"_s, console.user);
    addString(u"url"_s, console.url);
    addString(u"service"_s, console.service);
    addString(u"sslmode"_s, console.sslmode);
    addString(u"sslrootcert"_s, console.sslrootcert);
    addString(u"sslcert"_s, console.sslcert);
    addString(u"sslkey"_s, console.sslkey);
    addString(u"password"_s, passwordName(console.password));
    return members.isEmpty() ? QByteArray("{}") : objectToJson(members, 1);
}

} // namespace

QByteArray profileToJson(const ConnectionProfile &profile)
{
    Members members{{u"format"_s, jsonString(u"mizzle-profile"_s)},
                    {u"version"_s, "1"},
                    {u"name"_s, jsonString(profile.name)}};
    const auto addString = [&members](const QString &key, const QString &value) {
        if (!value.isEmpty())
            members.append({key, jsonString(value)});
    };
    addString(u"group"_s, profile.group);
    addString(u"color"_s, profile.color);
    addString(u"host"_s, profile.host);
    if (profile.port != 0)
        members.append({u"port"_s, QByteArray::number(profile.port)});
    addString(u"dbname"_s, profile.dbname);
    addString(u"user"_s, profile.user);
    addString(u"url"_s, profile.url);
    addString(u"service"_s, profile.service);
    addString(u"sslmode"_s, profile.sslmode);
    addString(u"sslrootcert"_s, profile.sslrootcert);
    addString(u"sslcert"_s, profile.sslcert);
    addString(u"sslkey"_s, profile.sslkey);
    addString(u"application_name"_s, profile.applicationName);
    addString(u"password"_s, passwordName(profile.password));

    // Defaults are left out so that a better default in a later Mizzle reaches saved profiles.
    const PoolSettings defaults;
    const PoolSettings &pool = profile.pool;
    Members poolMembers;
    if (pool.max != defaults.max)
        poolMembers.append({u"max"_s, QByteArray::number(pool.max)});
    const std::tuple<QString, int, int> durations[] = {
        {u"idleTimeout"_s, pool.idleTimeoutMs, defaults.idleTimeoutMs},
        {u"maxLifetime"_s, pool.maxLifetimeMs, defaults.maxLifetimeMs},
        {u"connectionTimeout"_s, pool.connectionTimeoutMs, defaults.connectionTimeoutMs},
        {u"acquireTimeout"_s, pool.acquireTimeoutMs, defaults.acquireTimeoutMs}};
    for (const auto &[key, value, defaultValue] : durations) {
        if (value != defaultValue)
            poolMembers.append({key, seconds(value)});
    }
    if (!poolMembers.isEmpty())
        members.append({u"pool"_s, objectToJson(poolMembers, 1)});

    if (profile.readOnly)
        members.append({u"readOnly"_s, "true"});
    if (profile.readOnlyRole)
        members.append({u"readOnlyRole"_s, "true"});
    if (profile.statementTimeoutMs > 0)
        members.append({u"statementTimeout"_s, seconds(profile.statementTimeoutMs)});
    if (profile.pgbouncer)
        members.append({u"pgbouncer"_s, pgbouncerToJson(*profile.pgbouncer)});
    return objectToJson(members, 0) + '\n';
}

} // namespace mizzle
