#pragma once

#include <QList>
#include <QString>

namespace mizzle {

class CompletionCatalog;

inline constexpr int maxCompletionItems = 200;

struct CompletionItem
{
    enum Kind { Keyword, Schema, Table, Column, Function };

    QString text; // what is inserted: a keyword, or an identifier quoted where it must be
    Kind kind = Keyword;
    QString detail{}; // a column's type and table, a table's or function's schema; may be empty

    bool operator==(const CompletionItem &) const = default;
};

struct Completions
{
    // The word the items replace: [replaceStart, replaceEnd), the identifier or keyword the
    // cursor is in or right after (with its opening quote), else the empty range at the cursor.
    int replaceStart = 0;
    int replaceEnd = 0;
    QList<CompletionItem> items; // best first, at most maxCompletionItems
};

// What fits at the cursor, from PostgreSQL's own scanner and the catalog, with no server round
// trip. text may be a whole script: the statement is the one around the cursor, between
// semicolons. The word before the cursor is the prefix, matched case-insensitively.
//  - after schema.      that schema's tables (and functions, outside FROM)
//  - after alias. or table.   that table's columns
//  - after FROM, JOIN, INTO, UPDATE, TABLE, or a comma in a FROM list: schemas and tables
//  - in an expression (SELECT list, WHERE, ON, ORDER BY, ...): the columns of the statement's
//    FROM and JOIN tables, those tables and aliases, functions, keywords
//  - anywhere else: keywords
// Nothing is offered inside a string, a comment, a number or an operator.
Completions complete(const CompletionCatalog &catalog, const QString &text, int cursor);

} // namespace mizzle
