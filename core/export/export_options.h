#pragma once

#include <QString>
#include <QStringList>

namespace mizzle {

// What an SQL script export holds. Without schemas or tables it holds every schema of the
// database except the system's and the extensions' own.
struct ExportOptions
{
    enum class DataFormat { Copy, Insert };

    QStringList schemas; // schema names, exactly as stored
    QStringList tables;  // "schema.table" as SQL writes it: unquoted parts fold to lower case
    bool definitions = true;
    bool data = true;
    DataFormat dataFormat = DataFormat::Copy;
    bool onConflictDoNothing = false; // INSERT format only
    int rowsPerInsert = 100;          // INSERT format only: rows per multi-row statement
    bool owners = false;
    bool grants = false;
};

} // namespace mizzle
