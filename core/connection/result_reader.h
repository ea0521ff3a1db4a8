#pragma once

#include "base/result.h"
#include "connection/query_result.h"

#include <QByteArrayView>
#include <QList>
#include <functional>
#include <optional>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace mizzle {

// Reads what one round of statements returns, as libpq has it ready, and never waits: either
// one statement (of a script, the last result wins) or the statements of a pipeline up to its
// sync point, one result each. The one place where libpq's results become QueryResults and
// Errors; PgConnection feeds it whenever the socket has something to read.
class ResultReader
{
public:
    using ChunkCallback = std::function<void(const PGresult *chunk)>;
    // One row of COPY ... TO STDOUT, valid only during the call.
    using CopyCallback = std::function<void(QByteArrayView row)>;

    // A new round: one statement (or script), or a pipeline of that many statements ended by
    // one sync point. `where` names the connection in errors.
    void startOne(const QString &where);
    void startPipeline(int statements, const QString &where);
    // Takes every result libpq has ready; true once, when the round has just ended. Rows that
    // stream in chunks go to onChunk, and the rows of a COPY TO STDOUT to onCopy, until an
    // error comes.
    bool read(PGconn *connection, const ChunkCallback &onChunk, const CopyCallback &onCopy = {});
    bool pipeline() const { return m_pipeline; }
    // The first error of the round, with the index of the statement that failed.
    const std::optional<Error> &error() const { return m_error; }
    // Every statement's result in order, or the first error. Leaves the reader empty.
    Result<QList<QueryResult>> take();

private:
    void start(int statements, bool pipeline, const QString &where);
    void keep(const PGresult *result);
    // Drains the COPY rows libpq has; false while more are still to come over the socket.
    bool readCopy(PGconn *connection, const CopyCallback &onCopy);

    QList<QueryResult> m_results;
    std::optional<Error> m_error;
    QString m_where;
    int m_current = 0; // the statement whose results come next
    bool m_pipeline = false;
    bool m_open = false;       // started, and its last result has not come yet
    bool m_unreported = false; // ended, and read() has not said so yet
    bool m_copying = false;    // inside COPY ... TO STDOUT: rows come from PQgetCopyData
};

} // namespace mizzle
