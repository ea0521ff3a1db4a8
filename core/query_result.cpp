#include "query_result.h"

#include <libpq-fe.h>

namespace mizzle {

QueryResult::QueryResult(const PGresult *result)
{
    const int columnCount = PQnfields(result);
    m_columns.reserve(columnCount);
    for (int column = 0; column < columnCount; ++column)
        m_columns.append({QString::fromUtf8(PQfname(result, column)), PQftype(result, column)});
    m_commandTag = QString::fromUtf8(PQcmdStatus(const_cast<PGresult *>(result)));
    const char *affected = PQcmdTuples(const_cast<PGresult *>(result));
    if (affected && *affected)
        m_rowsAffected = QByteArray(affected).toLongLong();
    appendRows(result);
}

qsizetype QueryResult::rowCount() const
{
    return m_columns.isEmpty() ? 0 : qsizetype(m_cellEnds.size()) / m_columns.size();
}

bool QueryResult::isNull(qsizetype row, int column) const
{
    return m_nulls[size_t(cellIndex(row, column))];
}

QByteArrayView QueryResult::bytes(qsizetype row, int column) const
{
    const qsizetype index = cellIndex(row, column);
    const qint64 begin = index == 0 ? 0 : m_cellEnds[size_t(index - 1)];
    return QByteArrayView(m_arena.constData() + begin, m_cellEnds[size_t(index)] - begin);
}

QString QueryResult::text(qsizetype row, int column) const
{
    return QString::fromUtf8(bytes(row, column));
}

void QueryResult::appendRows(const PGresult *result)
{
    const int rows = PQntuples(result);
    const int columnCount = PQnfields(result);
    if (rows == 0 || columnCount != m_columns.size())
        return;
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columnCount; ++column) {
            const bool null = PQgetisnull(result, row, column);
            if (!null)
                m_arena.append(PQgetvalue(result, row, column), PQgetlength(result, row, column));
            m_cellEnds.push_back(m_arena.size());
            m_nulls.push_back(null);
        }
    }
}

void QueryResult::appendRows(const QueryResult &other)
{
    if (other.m_columns.size() != m_columns.size())
        return;
    const qint64 base = m_arena.size();
    m_arena.append(other.m_arena);
    for (const qint64 end : other.m_cellEnds)
        m_cellEnds.push_back(base + end);
    m_nulls.insert(m_nulls.end(), other.m_nulls.begin(), other.m_nulls.end());
}

} // namespace mizzle
