#pragma once

#include <QDateTime>
#include <QString>

namespace mizzle {

// One statement the SQL editor ran, as the query history keeps it.
struct HistoryEntry
{
    QDateTime ranAt; // when the statement started; millisecond precision survives a round trip
    QString sql;
    qint64 durationMs = 0;
    qint64 rows = -1; // rows received or affected; -1 when the statement reports none
    QString status;   // "ok", "error" or "cancelled"
    QString message;  // the command tag, or the error text
    QString profile;  // the connection profile's display name
};

} // namespace mizzle
