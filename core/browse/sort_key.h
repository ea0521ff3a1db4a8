#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace mizzle {

// One column of a table tab's sort, as the user set it with the header.
struct SortKey
{
    QString column;
    bool descending = false;
    std::optional<bool> nullsFirst; // unset: PostgreSQL's default, first when descending

    bool nullsComeFirst() const { return nullsFirst.value_or(descending); }
    bool operator==(const SortKey &) const = default;
};

// A click on a column's header: the first sorts by it ascending, the second descending, the
// third removes it. Without `adding` (Shift) the column becomes the only one sorted by; with it
// the column is added at the end, or changes where it stands.
QList<SortKey> toggleSort(const QList<SortKey> &sort, const QString &column, bool adding);

// The values of a row's order key (the sort columns, then the primary key or ctid), in the
// server's text form; std::nullopt is SQL NULL. A page boundary in keyset paging.
struct PageKey
{
    QList<std::optional<QString>> values;
    bool isEmpty() const { return values.isEmpty(); }
    bool operator==(const PageKey &) const = default;
};

} // namespace mizzle
