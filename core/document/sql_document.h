#pragma once

#include "base/result.h"

#include <QString>

namespace mizzle {

// A .sql file's text as decoded, and whether its lines end with CR LF.
struct SqlFileText
{
    QString text;
    bool crlf = false;
};

// .sql files as Mizzle reads and writes them: UTF-8 only, keeping Windows line endings. The
// editor holds lines ending in \n; save() turns them back into CR LF for a file that had them.
class SqlDocument
{
public:
    // Undecodable bytes are an error rather than replacement characters: editing and saving
    // would replace them for good.
    static Result<SqlFileText> load(const QString &path);
    // Atomically (QSaveFile): a failed save leaves the old file as it was.
    static Result<void> save(const QString &path, const QString &text, bool crlf);
    // Whether the file ends its lines with CR LF, judging by its first line break; false for
    // a file that cannot be read.
    static bool usesCrlf(const QString &path);
};

} // namespace mizzle
