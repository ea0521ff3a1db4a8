#pragma once

#include <QString>

namespace mizzle {

// A file name for one profile's own file (its query history, its browse state): the key's
// readable part plus a hash of the whole key, safe on every file system, so that keys differing
// only in characters the name cannot carry stay apart. The same key always gives the same name.
// fallback stands in for the readable part when the key has none; suffix ends the name.
QString profileFileName(const QString &profileKey, const QString &fallback, const QString &suffix);

// The same for any name: the readable text in the characters every file system takes, plus a
// hash of the exact name, so that two names that read the same ("a.b"."c" and "a"."b.c", "T" and
// "t") still get files of their own, and none can name a folder ("..", "/").
QString safeFileName(const QString &readable, const QString &exact, const QString &fallback,
                     const QString &suffix = {});

// Where to keep a file that cannot be read: "<path>.broken", or "<path>.broken.2" (and so on)
// when an earlier copy is there, so that no damaged file is ever overwritten.
QString brokenFilePath(const QString &filePath);

} // namespace mizzle
