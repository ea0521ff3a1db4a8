#include "connection/query_result.h"

#include <algorithm>
#include <libpq-fe.h>
#include <limits>
#include <tuple>

namespace mizzle {

QueryResult::QueryResult(const PGresult *result)
{
    const int columnCount = PQnfields(result);
    m_columns.reserve(columnCount);
    for (int column = 0; column < columnCount; ++column)
        m_columns.append({QString::fromUtf8(PQfname(result, column)), PQftype(result, column),
                          PQfmod(result, column)});
    std::tie(m_commandTag, m_rowsAffected) = commandTagOf(result);
    appendRows(result);
}

std::pair<QString, qint64> QueryResult::commandTagOf(const PGresult *result)
{
    const char *affected = PQcmdTuples(const_cast<PGresult *>(result));
    return {QString::fromUtf8(PQcmdStatus(const_cast<PGresult *>(result))),
            affected && *affected ? QByteArray(affected).toLongLong() : -1};
}

qsizetype QueryResult::rowCount() const
{
    return m_rowCount;
}

qsizetype QueryResult::storageBytes() const
{
    return m_arena.capacity() + qsizetype(m_cellEnds.capacity() * sizeof(quint32)) +
           qsizetype(m_segments.capacity() * sizeof(Segment)) + qsizetype(m_nulls.capacity() / 8);
}

void QueryResult::squeeze()
{
    m_arena.squeeze();
    m_cellEnds.shrink_to_fit();
    m_nulls.shrink_to_fit();
}

void QueryResult::truncate(qsizetype rows)
{
    if (rows >= m_rowCount)
        return;
    const size_t cells = size_t(std::max<qsizetype>(rows, 0) * m_columns.size());
    while (m_segments.size() > 1 && m_segments.back().firstCell >= cells)
        m_segments.pop_back();
    m_arena.truncate(cells == 0 ? 0 : cellRange(cells - 1).second);
    m_cellEnds.resize(cells);
    m_nulls.resize(cells);
    m_rowCount = std::max<qsizetype>(rows, 0);
}

bool QueryResult::isNull(qsizetype row, int column) const
{
    return m_nulls[size_t(cellIndex(row, column))];
}

std::pair<qint64, qint64> QueryResult::cellRange(size_t cell) const
{
    // Almost every result has one segment; the search matters only past 4 GiB of text.
    auto segment = m_segments.end() - 1;
    if (m_segments.size() > 1) {
        segment =
            std::upper_bound(m_segments.begin(), m_segments.end(), cell,
                             [](size_t value, const Segment &s) { return value < s.firstCell; }) -
            1;
    }
    const qint64 begin = cell == segment->firstCell ? 0 : m_cellEnds[cell - 1];
    return {segment->base + begin, segment->base + m_cellEnds[cell]};
}

QByteArrayView QueryResult::bytes(qsizetype row, int column) const
{
    const auto [begin, end] = cellRange(size_t(cellIndex(row, column)));
    return QByteArrayView(m_arena.constData() + begin, end - begin);
}

QString QueryResult::text(qsizetype row, int column) const
{
    return QString::fromUtf8(bytes(row, column));
}

void QueryResult::pushCell(qint64 begin, qint64 end)
{
    if (end - m_segments.back().base > std::numeric_limits<quint32>::max())
        m_segments.push_back({m_cellEnds.size(), begin});
    m_cellEnds.push_back(static_cast<quint32>(end - m_segments.back().base));
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
            const qint64 begin = m_arena.size();
            if (!null)
                m_arena.append(PQgetvalue(result, row, column), PQgetlength(result, row, column));
            pushCell(begin, m_arena.size());
            m_nulls.push_back(null);
        }
    }
    m_rowCount += rows;
}

void QueryResult::appendRows(const QueryResult &other)
{
    if (other.m_columns.size() != m_columns.size())
        return;
    const qint64 base = m_arena.size();
    m_arena.append(other.m_arena);
    for (size_t cell = 0; cell < other.m_cellEnds.size(); ++cell) {
        const auto [begin, end] = other.cellRange(cell);
        pushCell(base + begin, base + end);
    }
    m_nulls.insert(m_nulls.end(), other.m_nulls.begin(), other.m_nulls.end());
    m_rowCount += other.m_rowCount;
}

void QueryResult::appendRow(const QueryResult &other, qsizetype row)
{
    if (other.m_columns.size() != m_columns.size() || row < 0 || row >= other.m_rowCount)
        return;
    for (int column = 0; column < m_columns.size(); ++column) {
        const qint64 begin = m_arena.size();
        const bool null = other.isNull(row, column);
        if (!null)
            m_arena.append(other.bytes(row, column));
        pushCell(begin, m_arena.size());
        m_nulls.push_back(null);
    }
    ++m_rowCount;
}

QueryResult QueryResult::emptyCopy() const
{
    QueryResult copy;
    copy.m_columns = m_columns;
    copy.m_commandTag = m_commandTag;
    copy.m_rowsAffected = m_rowsAffected;
    return copy;
}

} // namespace mizzle
