#include "sql/sql_token_scanner.h"

#include "sql/pg_query_access.h"

#include <QMutex>
#include <algorithm>
#include <array>
#include <cstring>
#include <pg_query.h>
#include <string_view>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// Debian's libpg-query-dev installs the server headers libpg_query was built from, the keyword
// list among them; this keeps completion's keywords exactly the scanner's.
#define PG_KEYWORD(name, token, category, label)                                                   \
    SqlKeyword{name, std::string_view(#category) == "UNRESERVED_KEYWORD"},
constexpr auto keywords = std::to_array<SqlKeyword>({
#include <pg_query/postgres/parser/kwlist.h>
});
#undef PG_KEYWORD

// Walks the text forward, turning UTF-8 byte offsets (token positions) and code point offsets
// (error positions) into UTF-16 offsets. Positions must be asked for in increasing order.
class OffsetWalker
{
public:
    explicit OffsetWalker(QStringView text)
        : m_text(text)
    {}

    int utf16AtByte(qint64 byte)
    {
        while (m_byte < byte && step()) {
        }
        return static_cast<int>(m_utf16);
    }
    int utf16AtCodePoint(qint64 codePoint)
    {
        while (m_codePoint < codePoint && step()) {
        }
        return static_cast<int>(m_utf16);
    }

private:
    bool step()
    {
        if (m_utf16 >= m_text.size())
            return false;
        const char16_t unit = m_text[m_utf16].unicode();
        if (QChar::isHighSurrogate(unit) && m_utf16 + 1 < m_text.size() &&
            m_text[m_utf16 + 1].isLowSurrogate()) {
            m_utf16 += 2;
            m_byte += 4;
        } else {
            m_utf16 += 1;
            m_byte += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
        }
        ++m_codePoint;
        return true;
    }

    QStringView m_text;
    qsizetype m_utf16 = 0;
    qint64 m_byte = 0;
    qint64 m_codePoint = 0;
};

// The protobuf wire format, as far as ScanResult needs it: varints and length-delimited fields.
class WireReader
{
public:
    WireReader(const char *data, size_t size)
        : m_at(reinterpret_cast<const unsigned char *>(data))
        , m_end(m_at + size)
    {}

    bool atEnd() const { return m_at >= m_end || m_failed; }
    bool failed() const { return m_failed; }

    quint64 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at >= m_end)
                break;
            const unsigned char byte = *m_at++;
            value |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        m_failed = true;
        return 0;
    }
    WireReader message()
    {
        const quint64 length = varint();
        if (m_failed || length > quint64(m_end - m_at)) {
            m_failed = true;
            return WireReader(nullptr, 0);
        }
        WireReader inner(reinterpret_cast<const char *>(m_at), length);
        m_at += length;
        return inner;
    }
    void skip(int wireType)
    {
        switch (wireType) {
        case 0:
            varint();
            break;
        case 1:
            advance(8);
            break;
        case 2:
            message();
            break;
        case 5:
            advance(4);
            break;
        default:
            m_failed = true;
        }
    }

private:
    void advance(qint64 size)
    {
        if (size > m_end - m_at)
            m_failed = true;
        else
            m_at += size;
    }

    const unsigned char *m_at;
    const unsigned char *m_end;
    bool m_failed = false;
};

// ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
// ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }
// Fields holding 0 are absent from the wire, so every field defaults to 0.
QList<SqlToken> decodeTokens(const PgQueryProtobuf &buffer, OffsetWalker &walker, bool &ok)
{
    QList<SqlToken> tokens;
    WireReader result(buffer.data, buffer.len);
    while (!result.atEnd()) {
        const quint64 key = result.varint();
        if ((key >> 3) != 2 || (key & 7) != 2) {
            result.skip(static_cast<int>(key & 7));
            continue;
        }
        WireReader field = result.message();
        qint64 fields[6] = {};
        while (!field.atEnd()) {
            const quint64 tokenKey = field.varint();
            const quint64 number = tokenKey >> 3;
            if ((tokenKey & 7) == 0 && number < 6)
                fields[number] = static_cast<qint64>(field.varint());
            else
                field.skip(static_cast<int>(tokenKey & 7));
        }
        if (field.failed())
            break;
        SqlToken token;
        token.start = walker.utf16AtByte(fields[1]);
        token.end = walker.utf16AtByte(fields[2]);
        token.type = static_cast<int>(fields[4]);
        token.keywordKind = static_cast<int>(fields[5]);
        tokens.append(token);
    }
    ok = !result.failed();
    return tokens;
}

} // namespace

SqlScan scanSql(const QString &text)
{
    const QByteArray input = pgQueryInput(text);
    OffsetWalker walker(text);
    SqlScan scan;
    QMutexLocker lock(&pgQueryMutex());
    const PgQueryScanResult result = pg_query_scan(input.constData());
    if (result.error) {
        // cursorpos is the 1-based character where the unreadable token starts.
        scan.errorAt = walker.utf16AtCodePoint(std::max(result.error->cursorpos - 1, 0));
    } else {
        bool ok = true;
        scan.tokens = decodeTokens(result.pbuf, walker, ok);
        if (!ok) {
            scan.tokens.clear();
            scan.errorAt = 0;
        }
    }
    pg_query_free_scan_result(result);
    return scan;
}

std::span<const SqlKeyword> sqlKeywords()
{
    return keywords;
}

QString foldIdentifier(QStringView token)
{
    if (!token.startsWith(u'"')) {
        QString folded = token.toString();
        for (QChar &c : folded) {
            if (c >= u'A' && c <= u'Z')
                c = QChar(c.unicode() + (u'a' - u'A'));
        }
        return folded;
    }
    QString name;
    for (qsizetype i = 1; i < token.size(); ++i) {
        if (token[i] == u'"') {
            if (i + 1 >= token.size() || token[i + 1] != u'"')
                break;
            ++i;
        }
        name.append(token[i]);
    }
    return name;
}

QString quoteIdentifierIfNeeded(const QString &name)
{
    bool safe =
        !name.isEmpty() && (name.front() == u'_' || (name.front() >= u'a' && name.front() <= u'z'));
    for (const QChar c : name) {
        safe = safe && (c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'));
    }
    if (safe) {
        const QByteArray latin1 = name.toLatin1();
        const auto found =
            std::lower_bound(keywords.begin(), keywords.end(), latin1,
                             [](const SqlKeyword &keyword, const QByteArray &key) {
                                 return std::strcmp(keyword.name, key.constData()) < 0;
                             });
        safe = found == keywords.end() || std::strcmp(found->name, latin1.constData()) != 0 ||
               found->unreserved;
    }
    if (safe)
        return name;
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

} // namespace mizzle
