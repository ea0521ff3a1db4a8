#pragma once

#include "browse/table_reader.h"

#include <deque>

namespace mizzle {

// The rows of a table that are in memory for its grid: consecutive pages placed at a row number,
// and which page to read next so that the rows on screen are there. The grid's row count spans
// the whole table (the planner's estimate until the ends are known), so that its scrollbar does;
// a row far from what is held is reached by a jump, placed at about the row asked for, and the
// row numbers are then approximate until the window reaches the table's first row. Pages far
// from the screen are let go, so that memory stays bounded whatever the table's size.
//
// Pure bookkeeping: the reader fetches, the model turns changes into Qt's row signals.
class RowWindow
{
public:
    struct Need
    {
        enum class Kind { Nothing, First, Last, After, Before, Jump };
        Need() = default;
        Need(Kind what, PageKey boundary = {}, double at = 0, qint64 row = 0)
            : kind(what)
            , key(std::move(boundary))
            , fraction(at)
            , anchor(row)
        {}
        Kind kind = Kind::Nothing;
        PageKey key;         // After, Before
        double fraction = 0; // Jump
        qint64 anchor = 0;   // Jump: the row the page goes to
        bool operator==(const Need &) const = default;
    };
    // How the grid's rows changed when a page came in.
    struct Change
    {
        qint64 insertedAtTop = 0; // rows found before what was thought the first
        qint64 removedAtTop = 0;  // rows that turned out not to be there
        qint64 totalAfter = 0;    // the row count once the page is in
        bool emptyJump = false;   // a jump found nothing from there: read the last page
        bool renumbered = false;  // the held rows moved to other row numbers
    };

    RowWindow(int pageSize, int maxPages);

    qint64 total() const { return m_total; }
    bool rowNumbersExact() const { return m_exact; }
    bool totalExact() const { return m_totalExact; }
    qint64 start() const { return m_start; }
    qint64 end() const { return m_start + m_held; }
    qint64 held() const { return m_held; }
    bool reachesStart() const { return m_atStart; }
    bool reachesEnd() const { return m_atEnd; }

    // The page holding row `index`, and the row's place in it; nullptr when it is not held.
    const QueryResult *row(qint64 index, qsizetype *inPage) const;

    void clear();
    // The planner's estimate; it does not move an end that a page has shown.
    void setEstimate(qint64 rows);
    void setExactTotal(qint64 rows);

    // What to read so that rows [first, last] are held, reading a page ahead as they near an
    // end of the window.
    Need need(qint64 first, qint64 last) const;
    Change accept(const Need &need, TableReader::Page page);
    // Lets go of the pages farthest from [first, last] until at most maxPages are held.
    // Returns the rows let go, as [from, to) ranges that are no longer held.
    QList<std::pair<qint64, qint64>> trim(qint64 first, qint64 last);

private:
    void place(TableReader::Page page, qint64 start);

    int m_pageSize;
    int m_maxPages;
    std::deque<TableReader::Page> m_pages;
    qint64 m_start = 0;
    qint64 m_held = 0;
    qint64 m_total = 0;
    bool m_totalExact = false; // the end is known (a page reached it, or rows were counted)
    bool m_exact = true;       // row numbers count from the table's first row
    bool m_atStart = false;
    bool m_atEnd = false;
};

} // namespace mizzle
