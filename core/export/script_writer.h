#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

class QIODevice;

namespace mizzle {

// Writes an SQL script that psql runs as it is, into a device, through a buffer of its own. It
// is also the script's guard against psql's meta-commands: psql takes a backslash outside
// quotes, and any line inside a COPY block that reads "\.", as its own. So no text of the
// server's reaches the file before it is checked:
//  - a statement's backslashes must all lie inside quotes, dollar quotes or comments, as
//    PostgreSQL's own scanner reads them (psql's agrees on where those end);
//  - a COPY row must be one line of COPY's text format, which escapes every line break;
//  - headings and notes are "--" comments, with every line break in a name made a space.
// What fails a check fails the export; nothing of it is written.
class ScriptWriter
{
public:
    explicit ScriptWriter(QIODevice *device);

    // "-- " lines, each made one line.
    void writeNotes(const QStringList &lines);
    // The heading pg_dump writes before each object, with the same fields.
    void writeHeading(const QString &kind, const QString &schema, const QString &name);
    Result<void> writeStatement(const QString &sql);
    // A statement Mizzle built itself with sqlIdentifier and sqlLiteral, whose quoting needs no
    // second look (the rows of an INSERT export).
    void writeBuiltStatement(const QByteArray &sql);
    // COPY table (columns) FROM stdin; then rows, then \. to end them.
    Result<void> beginCopy(const QString &table, const QString &columns);
    Result<void> writeCopyRow(QByteArrayView row);
    void endCopy();
    // Sends the buffer to the device; an error says why the device refused it.
    Result<void> flush();

    qint64 bytesWritten() const { return m_written + m_buffer.size(); }
    // A statement's backslashes all inside quotes or comments (see above), or why not.
    static Result<void> checkPsqlSafe(const QString &sql);
    // One line: every line break and other control character a space.
    static QString oneLine(const QString &text);

private:
    Result<void> flushIfFull();

    QIODevice *m_device;
    QByteArray m_buffer;
    qint64 m_written = 0;
    bool m_failed = false;
};

} // namespace mizzle
