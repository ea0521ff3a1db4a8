#pragma once

#include "sql/sql_token_scanner.h"

#include <QList>
#include <QString>
#include <optional>

namespace mizzle {

// A table a statement names, as written: schema (may be empty), name and alias (may be empty),
// each as the server reads it (folded or unquoted).
struct SqlTableRef
{
    QString schema;
    QString name;
    QString alias;
};

// The statement around a cursor, read by PostgreSQL's scanner: its tokens, the word the cursor is
// in or right after, and what the tokens before that word ask for. Token indexes count from the
// statement's first token; indexes out of range are allowed and match nothing.
class SqlCompletionContext
{
public:
    // The statement around the cursor, between semicolons. Nothing when the cursor is inside a
    // string, a comment, a number or an operator.
    static std::optional<SqlCompletionContext> at(const QString &text, int cursor);

    // The word to replace: an identifier or keyword (with its opening quote), else empty at the
    // cursor. The prefix is its part before the cursor, as typed, without the quote.
    int replaceStart() const { return m_replaceStart; }
    int replaceEnd() const { return m_replaceEnd; }
    const QString &prefix() const { return m_prefix; }
    int wordIndex() const { return m_wordIndex; } // the first token not before the word

    const SqlToken &token(int index) const { return m_tokens.at(index); }
    bool has(int index) const { return index >= 0 && index < m_tokens.size(); }
    QString keyword(int index) const; // lowercase; empty if not a keyword
    QString name(int index) const;    // the identifier as the server reads it
    bool isChar(int index, char16_t c) const { return has(index) && token(index).isChar(c); }
    // An identifier, or a keyword that may stand for one.
    bool isName(int index) const
    {
        return has(index) && token(index).isWord() &&
               token(index).keywordKind != SqlToken::Reserved;
    }

    // A table name may follow the token: FROM, JOIN, INTO, UPDATE, TABLE, ONLY, a comma in a FROM
    // list.
    bool expectsRelation(int index) const;
    // An expression may follow the token: SELECT, WHERE, ON, BY, AND, an operator, "(", ",".
    bool expectsExpression(int index) const;
    // Every table named after FROM (and the rest of its list), JOIN, INTO, UPDATE or TABLE,
    // in subqueries too, in order.
    QList<SqlTableRef> tableRefs() const;

private:
    QString clauseOf(int index) const;
    int skipParentheses(int index) const;
    int readAlias(int index, QString &alias) const;

    QString m_text;
    QList<SqlToken> m_tokens; // comments left out
    int m_wordIndex = 0;
    int m_replaceStart = 0;
    int m_replaceEnd = 0;
    QString m_prefix;
};

} // namespace mizzle
