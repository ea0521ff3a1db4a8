#include "connection/server_error.h"

#include <libpq-fe.h>

namespace mizzle {

namespace {
QString field(const PGresult *result, int code)
{
    return QString::fromUtf8(PQresultErrorField(result, code)).trimmed();
}
} // namespace

Error serverError(const PGresult *result, const QString &where)
{
    Error error;
    error.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (error.message.isEmpty())
        error.message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    error.where = where;
    error.sqlState = field(result, PG_DIAG_SQLSTATE);
    error.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(result, PG_DIAG_MESSAGE_HINT);
    error.constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
    const QString position = field(result, PG_DIAG_STATEMENT_POSITION);
    error.position = position.isEmpty() ? -1 : position.toInt();
    if (error.sqlState == QLatin1String("25006") && error.hint.isEmpty())
        error.hint = QStringLiteral("This profile is read-only: Mizzle runs its statements in a "
                                    "read-only transaction, and the server refuses writes in it.");
    return error;
}

} // namespace mizzle
