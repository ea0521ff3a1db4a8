#pragma once

#include "browse/sort_key.h"

#include <QString>

namespace mizzle {

// What the command line asked for; see app/command_line.h for the flags.
struct LaunchOptions
{
    QString target;         // a profile file or a libpq URI; empty: the playground
    QString table;          // SCHEMA.NAME to open once connected
    QString where;          // a WHERE expression the table opens filtered by
    QList<SortKey> orderBy; // the sort the table opens with
    QString screenshotPath; // render the window to this PNG once settled, then quit
    bool keepPlayground = false;
    QString playgroundDirectory; // empty: Playground::defaultDirectory()
    QString profileDirectory;    // empty: ProfileStore's default
    QString sessionFile;         // empty: EditorSession::defaultFilePath()
};

} // namespace mizzle
