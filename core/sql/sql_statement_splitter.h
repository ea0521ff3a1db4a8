#pragma once

#include "base/error.h"

#include <QList>
#include <QString>
#include <optional>

namespace mizzle {

// Statement boundaries and syntax checks from PostgreSQL's own parser (libpg_query, PostgreSQL
// 17): Mizzle has no SQL tokenizer of its own, so quoting rules never drift from the server's.
// Offsets are UTF-16 code units into the QString that was passed in, whatever UTF-8 the parser
// saw. The functions may be called from any thread.

// One statement: its text, without the whitespace around it and without its terminating
// semicolon. A comment between the previous semicolon and the statement belongs to the
// statement (it usually describes it, and the server ignores it); so does a comment after a last
// statement that has no semicolon.
struct SqlStatementSpan
{
    int start = 0;
    int length = 0;

    int end() const { return start + length; }
    bool operator==(const SqlStatementSpan &) const = default;
};

// The statements of a script, in order. Empty statements (";;", a lone comment) give no span.
//  - A script the grammar accepts is split by the parser, which also knows the semicolons inside
//    a BEGIN ATOMIC ... END function body.
//  - Otherwise the scanner splits it: dollar quotes, nested comments, E'' strings and quoted
//    identifiers are still honoured, but BEGIN ATOMIC bodies are cut at their semicolons, and a
//    piece containing no keyword at all (say "foo;") is not a statement to the scanner and is
//    skipped.
//  - If the scanner cannot read a token (an unterminated quote, comment or dollar quote), the
//    statements before the one holding that token are kept, and everything from there to the end
//    of the script is one last statement: that is what the user is still typing.
QList<SqlStatementSpan> splitStatements(const QString &sql);

// The index of the statement under the cursor: the last one that starts at or before it, so a
// cursor after a statement's semicolon or in the whitespace that follows still belongs to that
// statement. A cursor before the first statement gives 0; no statements give -1.
int statementIndexAt(const QList<SqlStatementSpan> &spans, int cursorPosition);

// Parses the statement(s) without a server. A syntax error comes back with the parser's message
// and, when the parser knows it, a 1-based UTF-16 position in the statement.
std::optional<Error> checkSyntax(const QString &statement);

} // namespace mizzle
