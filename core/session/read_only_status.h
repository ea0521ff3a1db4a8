#pragma once

#include "catalog/catalog_types.h"
#include "connection/connection_target.h"

#include <QStringList>

namespace mizzle {

// What keeps a connection from writing, for the status bar, and where that falls short.
struct ReadOnlyStatus
{
    enum class Kind {
        None,   // the connection may write
        Mizzle, // the profile is read-only: Mizzle's read-only transactions hold it
        Role,   // the role itself may not write (found at connect, or asserted by the profile)
    };
    Kind kind = Kind::None;
    QString label;        // "read-only (role)", "read-only (Mizzle)", or empty
    QStringList warnings; // ways the read-only transaction can be got around, in sentences
};

// A role that may not write wins over the profile's read-only flag: it holds whatever Mizzle
// does. Warnings are given only where Mizzle's transactions are what protects the data.
ReadOnlyStatus readOnlyStatus(const ConnectionTarget &target, const WriteAccess &access);

} // namespace mizzle
