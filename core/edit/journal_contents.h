#pragma once

#include "base/result.h"
#include "catalog/catalog_types.h"
#include "edit/edit_buffer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace mizzle {

// The pending changes of one table as a journal file keeps them: which table they are for
// (its schema, name, oid and column names, since cells are kept by column index and mean
// nothing against a table whose columns moved), every edited row with the identity and the
// version it was read with, and every new row with its id.
struct JournalContents
{
    QString schema;
    QString name;
    unsigned int oid = 0;
    QStringList columns;
    QList<EditBuffer::RowEdit> edits; // in the buffer's order (by row key)
    QList<EditBuffer::NewRow> newRows;

    // What the buffer holds now.
    static JournalContents of(const EditBuffer &buffer);

    // The file's bytes: JSON with a format name and version. The same changes always give the
    // same bytes, so two buffers can be compared by them.
    QByteArray toJson() const;
    // The problem, in words, when the bytes are not a journal of this format and version.
    static Result<JournalContents> fromJson(const QByteArray &bytes);

    // Why these changes do not belong to that table (another table, or one dropped and
    // created again, or one whose columns changed), or empty when they do.
    QString mismatch(const TableDetails &table) const;

    // Puts the changes into the buffer, new rows under their own ids. The buffer should be of
    // the same table (mismatch() empty) and hold nothing yet.
    void restoreInto(EditBuffer &buffer) const;
};

} // namespace mizzle
