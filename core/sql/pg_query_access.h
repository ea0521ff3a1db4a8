#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <vector>

class QMutex;

namespace mizzle {

// libpg_query points the process's stderr at a pipe for the length of every call (dup2), so two
// threads inside it at once can leave stderr pointing at a closed pipe. Every caller, the
// statement splitter and the completion scanner alike, holds this one mutex around a call. Its
// memory, by contrast, is per thread: libpg_query frees a thread's top context when the thread
// exits. pg_query_exit is deliberately never called: libpg_query 17-6.1 then uses freed memory
// on that thread's next call.
QMutex &pgQueryMutex();

// The parser reads UTF-8. A lone surrogate has no UTF-8 form (Qt would write one '?'); U+FFFD
// (three bytes, one code point) stands in for it, so that every UTF-16 unit maps onto bytes the
// caller can predict when it turns the parser's offsets back into UTF-16 positions.
QByteArray pgQueryInput(const QString &text);

// libpg_query's JSON parse tree of text ({"stmts": [...]}), taken under pgQueryMutex(); empty
// when the text does not parse. Its "location" fields are byte offsets into pgQueryInput(text)
// (a location of 0 is left out, like every zero field).
QJsonObject pgQueryParseTree(const QString &text);

// The parse tree of one expression as EXPLAIN prints it ("((a = 1) AND (b IS NULL))"): the WHERE
// of "SELECT WHERE expression". Empty when it is not a single expression, such as EXPLAIN's
// "(InitPlan 1).col1", which is not SQL.
QJsonObject pgQueryExpressionTree(const QString &expression);

// For each byte offset into pgQueryInput(text), and one past the end, the UTF-16 offset into
// text of the character that byte belongs to.
std::vector<int> utf16OffsetsByByte(const QString &text);

// A node of the JSON parse tree is an object with one key, its type ("ColumnRef"), whose value
// holds the fields.
inline QString parseNodeType(const QJsonObject &node)
{
    return node.size() == 1 ? node.begin().key() : QString();
}
inline QJsonObject parseNodeFields(const QJsonObject &node)
{
    return node.size() == 1 ? node.begin()->toObject() : QJsonObject();
}

} // namespace mizzle
