#pragma once

#include "base/result.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace mizzle {

class ConnectionPool;

// The labels of an enum type, in enumsortorder, for a cell editor's choice list. typeName is a
// column's format_type text ("mood", "\"Other Schema\".mood"), which the server reads back as a
// type. A domain over an enum (at any depth) gives the enum's labels. A type that is no enum,
// or that no longer exists, gives an empty list rather than an error: its cells are then edited
// as text. The callback runs once, and not at all if `context` is destroyed first.
void loadEnumLabels(ConnectionPool *pool, const QString &typeName, QObject *context,
                    std::function<void(Result<QStringList>)> done);

} // namespace mizzle
