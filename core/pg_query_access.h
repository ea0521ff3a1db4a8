#pragma once

#include <QByteArray>
#include <QString>

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

} // namespace mizzle
