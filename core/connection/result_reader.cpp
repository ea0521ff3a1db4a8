#include "connection/result_reader.h"

#include "connection/server_error.h"

#include <libpq-fe.h>

namespace mizzle {

void ResultReader::startOne(const QString &where)
{
    start(1, false, where);
}

void ResultReader::startPipeline(int statements, const QString &where)
{
    start(statements, true, where);
}

void ResultReader::start(int statements, bool pipeline, const QString &where)
{
    m_results = QList<QueryResult>(statements);
    m_error.reset();
    m_where = where;
    m_current = 0;
    m_pipeline = pipeline;
    m_open = true;
    m_unreported = true;
}

bool ResultReader::read(PGconn *connection, const ChunkCallback &onChunk,
                        const CopyCallback &onCopy)
{
    // PQgetResult waits only while libpq is busy, and PQisBusy says so without waiting. During
    // a COPY libpq is not busy, but its rows come from PQgetCopyData, and its result after them.
    while (m_open && connection) {
        if (m_copying && !readCopy(connection, onCopy))
            return false;
        if (PQisBusy(connection))
            break;
        PGresult *result = PQgetResult(connection);
        if (!result) {
            // The end of one statement's results. Outside a pipeline that ends the round; in
            // one, the sync point does.
            if (!m_pipeline)
                m_open = false;
            else
                ++m_current;
            continue;
        }
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(result);
            m_open = false;
            continue;
        }
        switch (status) {
        case PGRES_TUPLES_CHUNK:
            if (!m_error && onChunk)
                onChunk(result);
            break;
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
        case PGRES_EMPTY_QUERY:
            keep(result);
            break;
        case PGRES_PIPELINE_ABORTED: // skipped after an earlier statement's error
            break;
        case PGRES_COPY_OUT:
            m_copying = true;
            break;
        case PGRES_COPY_IN:
            // No caller sends data: end the COPY at once, so that it fails and says why.
            PQputCopyEnd(connection, "Mizzle sends no data to COPY FROM STDIN here");
            break;
        default:
            if (!m_error) {
                m_error = serverError(result, m_where);
                m_error->statement = m_current;
            }
            break;
        }
        PQclear(result);
    }
    // Once: a round that ended stays ended until the next starts, whatever else arrives.
    return !m_open && std::exchange(m_unreported, false);
}

bool ResultReader::readCopy(PGconn *connection, const CopyCallback &onCopy)
{
    for (;;) {
        char *row = nullptr;
        const int length = PQgetCopyData(connection, &row, 1);
        if (length > 0) {
            if (!m_error && onCopy)
                onCopy(QByteArrayView(row, length));
            PQfreemem(row);
            continue;
        }
        if (length == 0)
            return false;
        // -1: the COPY is over and its result follows; -2: it failed, and its error follows.
        m_copying = false;
        return true;
    }
}

void ResultReader::keep(const PGresult *result)
{
    if (m_pipeline) {
        if (m_current < m_results.size())
            m_results[m_current] = QueryResult(result);
        return;
    }
    // A script's statements come as one round, one result each: the last one wins, and the
    // count tells which statement an error belongs to.
    m_results.last() = QueryResult(result);
    ++m_current;
}

Result<QList<QueryResult>> ResultReader::take()
{
    const std::optional<Error> error = std::exchange(m_error, std::nullopt);
    QList<QueryResult> results = std::exchange(m_results, {});
    if (error)
        return *error;
    return results;
}

} // namespace mizzle
