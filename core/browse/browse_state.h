#pragma once

#include "base/result.h"
#include "browse/sort_key.h"
#include "browse/table_filter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace mizzle {

// What a table tab shows besides the rows, kept so that the table reopens the same way.
struct BrowseState
{
    QList<SortKey> sort;
    TableFilter filter;
    QHash<QString, int> columnWidths; // in pixels, by column name

    bool operator==(const BrowseState &) const = default;
};

// The browse state of every table of one profile, in one JSON file of its own:
//   {"format": "mizzle-browse-state", "version": 1,
//    "tables": {"public.orders": {"sort": […], "conditions": […], "matchAny": …,
//               "expression": …, "columnWidths": {…}}, …}}
// A condition's operator is written as filterOperatorToken spells it.
// A name holding a dot or a double quote is quoted in the key the way SQL quotes it
// ("a.b".c), so that no two tables share a key. The file holds names, values and widths only,
// never the profile's connection settings.
//
// Each call reads the file afresh and save() replaces it atomically (QSaveFile), so that two
// windows on one profile lose nothing but a race. A file that does not read back as browse
// state is moved aside to "<name>.broken" (never deleted) and reported once, by the call that
// found it; a file that cannot be opened at all is left in place and save() refuses to
// replace it.
class BrowseStateStore
{
public:
    // An empty directory means defaultDirectory(). The profile key is the one the query history
    // takes; the file name comes from it (profileFileName), so the same key finds the same file.
    BrowseStateStore(const QString &directory, const QString &profileKey);

    // <AppLocalDataLocation>/browse-state, e.g. ~/.local/share/mizzle/browse-state.
    static QString defaultDirectory();
    QString filePath() const { return m_filePath; }

    // The table's state, or nothing when none was saved (or the file is missing).
    Result<std::optional<BrowseState>> load(const QString &schema, const QString &table) const;
    // Keeps the table's state beside the other tables'; a default BrowseState removes the
    // table's entry instead. When the file in place was damaged, it is moved aside, the new
    // state is written all the same, and the damage is the Error returned.
    Result<void> save(const QString &schema, const QString &table, const BrowseState &state);

private:
    struct FileContent
    {
        QHash<QString, BrowseState> tables; // by key
        std::optional<Error> error;         // what went wrong reading, if anything
        bool writable = true;               // false: a file we could not read is in place
    };
    // Moves a damaged file aside on the way, which is why it is worth reporting only once.
    FileContent read() const;

    QString m_filePath;
};

} // namespace mizzle
