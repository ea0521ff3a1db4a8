#pragma once

#include "connection/pg_connection.h"

#include <QString>

namespace mizzle {

// One statement a save runs for one pending change, with its values bound: what Review SQL
// shows and what the save sends, the same.
struct ChangeStatement
{
    enum class Kind { Delete, Update, Insert };
    Kind kind = Kind::Update;
    QString rowKey;      // the edited row's RowIdentity::mapKey(), or "new:<id>" for an insert
    QString description; // for messages: "update of id = 3 (name, email)"
    QString sql;         // with $1, $2 …; UPDATE and DELETE must touch exactly one row
    PgConnection::Parameters parameters;
};

} // namespace mizzle
