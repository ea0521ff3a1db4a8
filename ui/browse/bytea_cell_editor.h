#pragma once

#include "base/result.h"
#include "browse/line_cell_editor.h"

namespace mizzle {

// A bytea cell: its hex text ("\x0a1b…") on one line, with Load… (a file's bytes become the
// value) and Save… (the value's bytes go to a file).
class ByteaCellEditor : public LineCellEditor
{
    Q_OBJECT
public:
    // A larger file would make a hex text too long to edit in a line (and to send as one
    // parameter); such data is better loaded with COPY or a large object.
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

    explicit ByteaCellEditor(const Options &options, QWidget *parent = nullptr);

    // The file's bytes, as hex text, become the cell's value (not committed yet).
    Result<void> loadFile(const QString &path);
    // Writes the bytes of the value shown; refuses a value not in the hex form.
    Result<void> saveFile(const QString &path) const;

private:
    void chooseAndLoad();
    void chooseAndSave();
    void report(const Error &error);
};

// The soft check of a bytea column: a text in the hex form must be whole pairs of hex digits.
QString byteaProblem(const QString &text);

} // namespace mizzle
