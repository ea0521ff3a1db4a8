#include "browse/sort_key.h"

#include <algorithm>

namespace mizzle {

QList<SortKey> toggleSort(const QList<SortKey> &sort, const QString &column, bool adding)
{
    const auto found = std::find_if(sort.begin(), sort.end(),
                                    [&column](const SortKey &key) { return key.column == column; });
    std::optional<SortKey> next;
    if (found == sort.end())
        next = SortKey{column, false, std::nullopt};
    else if (!found->descending)
        next = SortKey{column, true, found->nullsFirst};
    // else: the third click takes the column out of the sort
    if (!adding)
        return next ? QList<SortKey>{*next} : QList<SortKey>{};
    QList<SortKey> changed = sort;
    const qsizetype at = found - sort.begin();
    if (found == sort.end())
        changed.append(*next);
    else if (next)
        changed[at] = *next;
    else
        changed.removeAt(at);
    return changed;
}

} // namespace mizzle
