#include "connection/connection_parameters.h"

#include <libpq-fe.h>

namespace mizzle {

Result<ConnectionParameters> ConnectionParameters::fromConninfo(const QString &conninfo)
{
    char *errorMessage = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.toUtf8().constData(), &errorMessage);
    if (!options) {
        Error error{QString::fromUtf8(errorMessage ? errorMessage : "out of memory").trimmed(),
                    QStringLiteral("connection URI"),
                    QStringLiteral("Write it as postgresql://user@host:port/dbname?sslmode=... "
                                   "or as key=value pairs; see libpq's connection strings."),
                    {},
                    {},
                    -1};
        PQfreemem(errorMessage);
        return error;
    }
    ConnectionParameters parameters;
    for (PQconninfoOption *option = options; option->keyword; ++option) {
        if (option->val)
            parameters.set(QString::fromUtf8(option->keyword), QString::fromUtf8(option->val));
    }
    PQconninfoFree(options);
    return parameters;
}

void ConnectionParameters::set(const QString &keyword, const QString &value)
{
    for (auto &entry : m_entries) {
        if (entry.first == keyword) {
            entry.second = value;
            return;
        }
    }
    m_entries.append({keyword, value});
}

void ConnectionParameters::remove(const QString &keyword)
{
    m_entries.removeIf([&keyword](const auto &entry) { return entry.first == keyword; });
}

QString ConnectionParameters::value(const QString &keyword) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == keyword)
            return entry.second;
    }
    return {};
}

bool ConnectionParameters::contains(const QString &keyword) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == keyword)
            return true;
    }
    return false;
}

QString ConnectionParameters::displayName() const
{
    if (contains(QStringLiteral("service")))
        return QStringLiteral("service ") + value(QStringLiteral("service"));
    const QString host = value(QStringLiteral("host"));
    QString text;
    if (contains(QStringLiteral("user")))
        text += value(QStringLiteral("user")) + QLatin1Char('@');
    text += host.isEmpty() ? QStringLiteral("local socket") : host;
    if (contains(QStringLiteral("port")))
        text += QLatin1Char(':') + value(QStringLiteral("port"));
    if (contains(QStringLiteral("dbname")))
        text += QLatin1Char('/') + value(QStringLiteral("dbname"));
    return text;
}

QString ConnectionParameters::conninfoWithoutPassword() const
{
    QStringList pairs;
    for (const auto &[keyword, value] : m_entries) {
        if (keyword == QLatin1String("password"))
            continue;
        QString quoted = value;
        quoted.replace(u'\\', QLatin1String("\\\\"));
        quoted.replace(u'\'', QLatin1String("\\'"));
        pairs.append(keyword + QLatin1String("='") + quoted + u'\'');
    }
    return pairs.join(u' ');
}

} // namespace mizzle
