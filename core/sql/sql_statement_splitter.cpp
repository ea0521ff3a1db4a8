#include "sql/sql_statement_splitter.h"

#include "sql/pg_query_access.h"

#include <QMutex>
#include <QStringView>
#include <algorithm>
#include <limits>
#include <pg_query.h>

namespace mizzle {

namespace {

struct Position
{
    qsizetype utf16 = 0;
    qsizetype byte = 0;
    qsizetype codePoint = 0;
};

// Maps the parser's positions back into the QString: libpg_query gives statement locations in
// UTF-8 bytes but error positions in characters (code points), as the server does. Positions are
// asked for in increasing order, so one forward walk serves a whole script.
class PositionMap
{
public:
    explicit PositionMap(QStringView text)
        : m_text(text)
    {}

    Position atByte(qsizetype byte)
    {
        while (m_at.byte < byte && step()) {
        }
        return m_at;
    }
    Position atCodePoint(qsizetype codePoint)
    {
        while (m_at.codePoint < codePoint && step()) {
        }
        return m_at;
    }

private:
    bool step()
    {
        if (m_at.utf16 >= m_text.size())
            return false;
        const char16_t unit = m_text[m_at.utf16].unicode();
        if (QChar::isHighSurrogate(unit) && m_at.utf16 + 1 < m_text.size() &&
            m_text[m_at.utf16 + 1].isLowSurrogate()) {
            m_at.utf16 += 2;
            m_at.byte += 4;
        } else {
            // A lone surrogate counts as the three bytes of the U+FFFD that pgQueryInput wrote.
            m_at.utf16 += 1;
            m_at.byte += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
        }
        ++m_at.codePoint;
        return true;
    }

    QStringView m_text;
    Position m_at;
};

struct ByteSpan
{
    qsizetype location = 0;
    qsizetype length = 0;
};

struct Split
{
    QList<ByteSpan> spans;
    bool failed = false;
    int errorCodePoint = -1; // 0-based start of the token the parser stopped at; -1 if unknown
};

using Splitter = PgQuerySplitResult (*)(const char *);

Split split(Splitter splitter, const QByteArray &input)
{
    const PgQuerySplitResult result = splitter(input.constData());
    Split outcome;
    if (result.error) {
        // n_stmts may count statements seen before the error while stmts is still null.
        outcome.failed = true;
        outcome.errorCodePoint = result.error->cursorpos - 1;
    } else {
        for (int i = 0; i < result.n_stmts; ++i)
            outcome.spans.append({result.stmts[i]->stmt_location, result.stmts[i]->stmt_len});
    }
    pg_query_free_split_result(result);
    return outcome;
}

// The scanner gives up on the whole script at a token it cannot read. Everything before that
// token scans the same on its own, so the statements complete there (those ending at a
// semicolon) are kept, and the rest of the script is one statement.
QList<ByteSpan> scannerSpans(const QString &sql, const QByteArray &bytes)
{
    Split scanned = split(pg_query_split_with_scanner, bytes);
    if (!scanned.failed)
        return scanned.spans;
    qsizetype cut = bytes.size();
    qsizetype cutCodePoint = std::numeric_limits<qsizetype>::max();
    // A bad escape in an E'' string is reported inside the string, and the prefix cut there
    // fails again at its very end; stepping back a character then reaches an error at the
    // string's start. The bound only guards against a scanner that never moves back.
    for (int attempt = 0; scanned.failed && scanned.errorCodePoint >= 0 && attempt < 16;
         ++attempt) {
        cutCodePoint = std::min<qsizetype>(scanned.errorCodePoint, cutCodePoint - 1);
        if (cutCodePoint <= 0)
            break;
        cut = PositionMap(sql).atCodePoint(cutCodePoint).byte;
        scanned = split(pg_query_split_with_scanner, bytes.left(cut));
    }
    QList<ByteSpan> spans;
    qsizetype rest = 0;
    if (!scanned.failed) {
        for (const ByteSpan &span : std::as_const(scanned.spans)) {
            const qsizetype end = span.location + span.length;
            if (end < cut && bytes.at(end) == ';') {
                spans.append(span);
                rest = end + 1;
            }
        }
    }
    spans.append({rest, bytes.size() - rest});
    return spans;
}

// The scanner's whitespace; anything else, a no-break space included, can be part of a token.
bool isSqlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

QList<SqlStatementSpan> splitStatements(const QString &sql)
{
    const QByteArray bytes = pgQueryInput(sql);
    QList<ByteSpan> byteSpans;
    {
        QMutexLocker lock(&pgQueryMutex());
        // The parser knows BEGIN ATOMIC bodies, but any syntax error fails it; the scanner splits
        // what the user is still editing.
        const Split parsed = split(pg_query_split_with_parser, bytes);
        byteSpans = parsed.failed ? scannerSpans(sql, bytes) : parsed.spans;
    }

    PositionMap map(sql);
    QList<SqlStatementSpan> spans;
    for (const ByteSpan &span : std::as_const(byteSpans)) {
        qsizetype begin = std::clamp<qsizetype>(span.location, 0, bytes.size());
        qsizetype end = std::clamp<qsizetype>(begin + span.length, begin, bytes.size());
        while (begin < end && isSqlSpace(bytes.at(begin)))
            ++begin;
        while (end > begin && isSqlSpace(bytes.at(end - 1)))
            --end;
        if (begin == end)
            continue;
        const auto start = static_cast<int>(map.atByte(begin).utf16);
        spans.append({start, static_cast<int>(map.atByte(end).utf16) - start});
    }
    return spans;
}

int statementIndexAt(const QList<SqlStatementSpan> &spans, int cursorPosition)
{
    if (spans.isEmpty())
        return -1;
    const auto startsAfter = std::upper_bound(
        spans.cbegin(), spans.cend(), cursorPosition,
        [](int position, const SqlStatementSpan &span) { return position < span.start; });
    return startsAfter == spans.cbegin() ? 0 : static_cast<int>(startsAfter - spans.cbegin()) - 1;
}

std::optional<Error> checkSyntax(const QString &statement)
{
    const QByteArray bytes = pgQueryInput(statement);
    QMutexLocker lock(&pgQueryMutex());
    const PgQueryParseResult result = pg_query_parse(bytes.constData());
    std::optional<Error> error;
    if (result.error) {
        error.emplace();
        error->message = QString::fromUtf8(result.error->message);
        if (result.error->cursorpos > 0)
            error->position = static_cast<int>(
                PositionMap(statement).atCodePoint(result.error->cursorpos - 1).utf16 + 1);
    }
    pg_query_free_parse_result(result);
    return error;
}

} // namespace mizzle
