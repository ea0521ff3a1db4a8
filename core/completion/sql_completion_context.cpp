#include "completion/sql_completion_context.h"

#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

const QStringList kRelationKeywords = {u"from"_s,   u"join"_s,  u"into"_s,
                                       u"update"_s, u"table"_s, u"only"_s};
const QStringList kExpressionKeywords = {
    u"select"_s, u"where"_s,    u"and"_s,       u"or"_s,      u"not"_s,  u"on"_s,
    u"by"_s,     u"having"_s,   u"set"_s,       u"when"_s,    u"then"_s, u"else"_s,
    u"case"_s,   u"distinct"_s, u"returning"_s, u"between"_s, u"like"_s, u"ilike"_s,
    u"all"_s,    u"any"_s,      u"some"_s,      u"in"_s};
// Keywords that open a clause: a comma after one belongs to that clause.
const QStringList kClauseKeywords = {
    u"select"_s, u"from"_s,   u"where"_s,  u"on"_s,        u"join"_s,  u"by"_s,
    u"having"_s, u"set"_s,    u"values"_s, u"returning"_s, u"limit"_s, u"offset"_s,
    u"using"_s,  u"window"_s, u"into"_s,   u"update"_s,    u"with"_s};
// Non-reserved keywords that follow a table name without being its alias.
const QStringList kNotAliases = {u"set"_s, u"values"_s, u"overriding"_s};

} // namespace

std::optional<SqlCompletionContext> SqlCompletionContext::at(const QString &text, int cursor)
{
    SqlCompletionContext context;
    context.m_text = text;
    context.m_replaceStart = context.m_replaceEnd = cursor;
    // The scanner gives up at a token it cannot read; everything before that token scans the same
    // without it. If that token holds the cursor, nothing is offered in a string or comment; a
    // "quoted identifier still being typed is the prefix.
    qsizetype limit = text.size();
    SqlScan scan = scanSql(text);
    for (int attempt = 0; scan.errorAt >= 0 && attempt < 4; ++attempt) {
        const int bad = std::clamp<int>(scan.errorAt, 0, static_cast<int>(limit) - 1);
        if (bad < cursor) {
            if (text.at(bad) != u'"')
                return std::nullopt;
            context.m_replaceStart = bad;
            context.m_prefix = foldIdentifier(QStringView(text).sliced(bad, cursor - bad));
        }
        limit = bad;
        scan = scanSql(text.left(limit));
    }
    if (scan.errorAt >= 0)
        return std::nullopt;

    for (const SqlToken &token : std::as_const(scan.tokens)) {
        const bool inside = token.start < cursor && cursor < token.end;
        const bool touching = token.end == cursor && context.m_replaceStart == cursor;
        if (token.isComment()) {
            // A line comment runs to the end of the line, the cursor after it included.
            if (inside || (touching && token.type == SqlToken::SqlComment))
                return std::nullopt;
        } else if ((inside || touching) && token.isWord()) {
            context.m_replaceStart = token.start;
            context.m_replaceEnd = token.end;
            const QStringView typed = QStringView(text).sliced(token.start, cursor - token.start);
            context.m_prefix = typed.startsWith(u'"') ? foldIdentifier(typed) : typed.toString();
        } else if (inside) {
            return std::nullopt;
        }
    }
    // The statement: from the last semicolon before the word to the first one after it.
    int wordIndex = -1;
    for (const SqlToken &token : std::as_const(scan.tokens)) {
        if (token.isComment())
            continue;
        if (wordIndex < 0 && token.start >= context.m_replaceStart)
            wordIndex = static_cast<int>(context.m_tokens.size());
        if (token.isChar(u';')) {
            if (wordIndex >= 0)
                break;
            context.m_tokens.clear();
            continue;
        }
        context.m_tokens.append(token);
    }
    context.m_wordIndex = wordIndex < 0 ? static_cast<int>(context.m_tokens.size()) : wordIndex;
    return context;
}

QString SqlCompletionContext::keyword(int index) const
{
    if (!has(index) || !token(index).isKeyword())
        return {};
    const SqlToken &t = token(index);
    return QStringView(m_text).sliced(t.start, t.end - t.start).toString().toLower();
}

QString SqlCompletionContext::name(int index) const
{
    const SqlToken &t = token(index);
    return foldIdentifier(QStringView(m_text).sliced(t.start, t.end - t.start));
}

bool SqlCompletionContext::expectsRelation(int index) const
{
    return kRelationKeywords.contains(keyword(index)) ||
           (isChar(index, u',') && clauseOf(index) == u"from");
}

bool SqlCompletionContext::expectsExpression(int index) const
{
    if (kExpressionKeywords.contains(keyword(index)) || isChar(index, u'(') ||
        isChar(index, u',') || isChar(index, u'['))
        return true;
    // A star right after SELECT, a comma or a dot is "every column", not a multiplication.
    if (isChar(index, u'*'))
        return !(keyword(index - 1) == u"select" || isChar(index - 1, u',') ||
                 isChar(index - 1, u'.'));
    return has(index) && token(index).isOperator();
}

QList<SqlTableRef> SqlCompletionContext::tableRefs() const
{
    QList<SqlTableRef> refs;
    for (int i = 0; has(i); ++i) {
        const QString word = keyword(i);
        if (!kRelationKeywords.contains(word) || word == u"only")
            continue;
        int j = i + 1;
        while (true) {
            while (keyword(j) == u"only" || keyword(j) == u"lateral")
                ++j;
            QString alias;
            if (isChar(j, u'(')) {
                j = readAlias(skipParentheses(j), alias); // a subquery: its columns are unknown
            } else if (isName(j)) {
                QStringList parts{name(j++)};
                while (isChar(j, u'.') && isName(j + 1)) {
                    parts.append(name(j + 1));
                    j += 2;
                }
                if (isChar(j, u'*'))
                    ++j;
                j = readAlias(j, alias);
                refs.append({parts.size() > 1 ? parts.at(parts.size() - 2) : QString(),
                             parts.last(), alias});
            } else {
                break;
            }
            if (word != u"from" || !isChar(j, u','))
                break;
            ++j;
        }
    }
    return refs;
}

// The keyword opening the clause that the token at index is in, or "(" inside parentheses.
QString SqlCompletionContext::clauseOf(int index) const
{
    int depth = 0;
    for (; has(index); --index) {
        if (isChar(index, u')')) {
            ++depth;
        } else if (isChar(index, u'(')) {
            if (depth-- == 0)
                return u"("_s;
        } else if (depth == 0 && kClauseKeywords.contains(keyword(index))) {
            return keyword(index);
        }
    }
    return {};
}

int SqlCompletionContext::skipParentheses(int index) const
{
    int depth = 0;
    for (; has(index); ++index) {
        depth += isChar(index, u'(') ? 1 : isChar(index, u')') ? -1 : 0;
        if (depth == 0)
            return index + 1;
    }
    return index;
}

// [AS] alias [(column aliases)] at index; returns the index after it, or index if there is none.
int SqlCompletionContext::readAlias(int index, QString &alias) const
{
    const bool explicitAs = keyword(index) == u"as";
    const int aliasAt = explicitAs ? index + 1 : index;
    const bool bare = has(aliasAt) && (token(aliasAt).type == SqlToken::Ident ||
                                       token(aliasAt).type == SqlToken::UIdent ||
                                       token(aliasAt).keywordKind == SqlToken::Unreserved ||
                                       token(aliasAt).keywordKind == SqlToken::ColumnName);
    if (!(explicitAs ? isName(aliasAt) : bare && !kNotAliases.contains(keyword(aliasAt))))
        return index;
    alias = name(aliasAt);
    return isChar(aliasAt + 1, u'(') ? skipParentheses(aliasAt + 1) : aliasAt + 1;
}

} // namespace mizzle
