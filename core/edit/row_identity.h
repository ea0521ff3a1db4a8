#pragma once

#include "catalog/catalog_types.h"

#include <QList>
#include <QString>
#include <optional>

namespace mizzle {

class QueryResult;

// Which row of a table an edit is for, and the version of it that was read: what every pending
// change is keyed by, so that it follows the row through sorting, filtering, paging and
// scrolling, never a grid position.
//  - A table with a primary key: the key's values.
//  - Without one: the row's location (ctid), and its partition (tableoid) in a partitioned
//    table. A location changes when the row is updated or moved (VACUUM FULL), and a row found
//    elsewhere is a conflict, never another row written.
// version is the row's xmin when it was read: a save touches the row only if it is still the
// same version. A view has none; its rows are checked by their values instead.
struct RowIdentity
{
    QStringList key;
    QString location;
    QString partition;
    QString version;

    bool isValid() const { return !key.isEmpty() || !location.isEmpty(); }
    // One text per row, for maps: the key or the location, never the version.
    QString mapKey() const;
    bool operator==(const RowIdentity &) const = default;
};

// The identity of a row of a page read by TableReader: the key from the table's columns, and
// xmin, ctid and tableoid from the columns the reader adds after them.
RowIdentity identityOf(const TableDetails &table, const QueryResult &rows, qsizetype row);

// The row's values of the table's own columns, in order, as the server sent them.
QList<std::optional<QString>> rowValues(const TableDetails &table, const QueryResult &rows,
                                        qsizetype row);

} // namespace mizzle
