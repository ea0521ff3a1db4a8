#include "explain/sql_token_ranges.h"

#include "sql/pg_query_access.h"

#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

SqlTokenRanges::SqlTokenRanges(const QString &sql)
    : m_sql(sql)
    , m_utf16(utf16OffsetsByByte(sql))
    , m_tokens(scanSql(sql).tokens)
{}

int SqlTokenRanges::utf16(int byte) const
{
    return m_utf16[size_t(std::clamp<qsizetype>(byte, 0, qsizetype(m_utf16.size()) - 1))];
}

SqlRange SqlTokenRanges::relation(int byte, const QString &alias) const
{
    qsizetype i = indexAt(utf16(byte));
    if (i >= m_tokens.size())
        return {};
    SqlRange range{m_tokens[i].start, m_tokens[i].end};
    for (++i; i + 1 < m_tokens.size() && m_tokens[i].isChar(u'.'); i += 2)
        range.end = m_tokens[i + 1].end;
    if (i < m_tokens.size() && text(i) == u"as"_s)
        ++i;
    if (i < m_tokens.size() && m_tokens[i].isWord() && text(i) == alias)
        range.end = m_tokens[i].end;
    return range;
}

SqlRange SqlTokenRanges::condition(int minByte, int maxByte) const
{
    const int last = utf16(maxByte);
    qsizetype i = indexAt(utf16(minByte));
    if (i >= m_tokens.size())
        return {};
    SqlRange range{m_tokens[i].start, m_tokens[i].end};
    for (int depth = 0; i < m_tokens.size(); ++i) {
        const SqlToken &token = m_tokens[i];
        if (token.isComment())
            continue;
        if (token.isChar(u'(') || token.isChar(u'['))
            ++depth;
        else if ((token.isChar(u')') || token.isChar(u']')) && depth-- == 0)
            break; // the parenthesis around the condition
        else if (depth == 0 && token.start > last && endsCondition(i))
            break; // BETWEEN's AND comes before the last bound, so it does not end anything
        range.end = token.end;
    }
    return range;
}

qsizetype SqlTokenRanges::indexAt(int position) const
{
    return std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), position,
                            [](const SqlToken &token, int at) { return token.end <= at; }) -
           m_tokens.cbegin();
}

QString SqlTokenRanges::text(qsizetype i) const
{
    return foldIdentifier(
        QStringView(m_sql).mid(m_tokens[i].start, m_tokens[i].end - m_tokens[i].start));
}

bool SqlTokenRanges::endsCondition(qsizetype i) const
{
    static const QSet<QString> clauseWords{
        u"and"_s,       u"or"_s,      u"where"_s,  u"group"_s, u"order"_s,     u"limit"_s,
        u"offset"_s,    u"having"_s,  u"window"_s, u"union"_s, u"intersect"_s, u"except"_s,
        u"returning"_s, u"join"_s,    u"inner"_s,  u"left"_s,  u"right"_s,     u"full"_s,
        u"cross"_s,     u"natural"_s, u"on"_s,     u"using"_s, u"fetch"_s,     u"for"_s,
        u"then"_s,      u"when"_s,    u"else"_s,   u"end"_s};
    const SqlToken &token = m_tokens[i];
    return token.isChar(u',') || token.isChar(u';') ||
           (token.isKeyword() && clauseWords.contains(text(i)));
}

} // namespace mizzle::explain
