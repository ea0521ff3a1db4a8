#pragma once

#include "base/result.h"

#include <QList>
#include <QString>
#include <utility>

namespace mizzle {

// libpq connection keywords and values, in order, as PQconnectStartParams takes them. Built from a
// profile or from a URI that libpq itself parsed; Mizzle never assembles a conninfo string by hand.
class ConnectionParameters
{
public:
    // Parses a libpq URI or key=value string with PQconninfoParse.
    static Result<ConnectionParameters> fromConninfo(const QString &conninfo);

    void set(const QString &keyword, const QString &value);
    void remove(const QString &keyword);
    QString value(const QString &keyword) const;
    bool contains(const QString &keyword) const;
    const QList<std::pair<QString, QString>> &entries() const { return m_entries; }

    // A short, password-free description for title bars and status lines: user@host:port/dbname.
    QString displayName() const;
    // Every entry but the password as one libpq connection string (key='value' …), for a
    // program such as psql to take on its command line; the password goes by PGPASSWORD.
    QString conninfoWithoutPassword() const;

private:
    QList<std::pair<QString, QString>> m_entries;
};

} // namespace mizzle
