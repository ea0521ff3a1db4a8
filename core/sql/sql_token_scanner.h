#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <span>

namespace mizzle {

// One token of PostgreSQL's own scanner (libpg_query's pg_query_scan). Offsets are UTF-16 code
// units into the scanned QString.
struct SqlToken
{
    // The scanner's token numbers (libpg_query's pg_query.proto, enum Token): a one-character
    // token is its ASCII code; keywords are numbered above these and carry a keyword kind.
    enum Type : int {
        Ident = 258,  // plain or "quoted" identifier
        UIdent = 259, // U&"..." identifier
        SConst = 261,
        Op = 265,
        IConst = 266,
        ColonEquals = 270, // := and => (named arguments), <=, >=, != or <>
        EqualsGreater = 271,
        LessEquals = 272,
        GreaterEquals = 273,
        NotEquals = 274,
        SqlComment = 275,
        CComment = 276,
    };
    enum KeywordKind : int { NotKeyword = 0, Unreserved, ColumnName, TypeFunctionName, Reserved };

    int start = 0;
    int end = 0;
    int type = 0;
    int keywordKind = NotKeyword;

    bool isKeyword() const { return keywordKind != NotKeyword; }
    bool isComment() const { return type == SqlComment || type == CComment; }
    // An identifier or a keyword: something that completion may extend or replace.
    bool isWord() const { return type == Ident || type == UIdent || isKeyword(); }
    bool isChar(char16_t c) const { return type == c; }
    bool isOperator() const
    {
        return type == Op || (type >= ColonEquals && type <= NotEquals) ||
               (type < 128 && QStringView(u"=<>+-*/%^").contains(QChar(type)));
    }
};

struct SqlScan
{
    QList<SqlToken> tokens; // comments included, in order
    // Where the token the scanner could not read starts (an unterminated quote, comment or
    // dollar quote), or -1; the scan then holds no tokens.
    int errorAt = -1;
};

// Runs PostgreSQL's scanner over text. libpg_query returns the tokens only as protobuf, and the
// protobuf-c headers its generated reader needs are not part of libpg-query-dev, so the few
// fields of ScanResult are decoded here from the wire format. Calls are serialised by a lock of
// their own, not the splitter's: like every libpg_query call, pg_query_scan redirects stderr, so
// it must not run beside splitStatements() on another thread (both run on the GUI thread).
SqlScan scanSql(const QString &text);

// PostgreSQL's keywords, lowercase, in ASCII order: the scanner's own list (parser/kwlist.h).
struct SqlKeyword
{
    const char *name;
    bool unreserved; // usable as a plain identifier anywhere: quote_ident leaves it unquoted
};
std::span<const SqlKeyword> sqlKeywords();

// The identifier as the server reads it: unquoted text folded to lowercase (ASCII only, as the
// server does for UTF-8), quoted text unquoted. An unterminated quote is read to the end.
QString foldIdentifier(QStringView token);

// quote_ident's rule: quoted unless it is lowercase ASCII letters, digits and underscores not
// starting with a digit, and not a keyword other than an unreserved one.
QString quoteIdentifierIfNeeded(const QString &name);

} // namespace mizzle
