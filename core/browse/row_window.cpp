#include "browse/row_window.h"

#include <algorithm>

namespace mizzle {

RowWindow::RowWindow(int pageSize, int maxPages)
    : m_pageSize(std::max(1, pageSize))
    , m_maxPages(std::max(3, maxPages))
{}

const QueryResult *RowWindow::row(qint64 index, qsizetype *inPage) const
{
    if (index < m_start || index >= end())
        return nullptr;
    qint64 offset = index - m_start;
    for (const TableReader::Page &page : m_pages) {
        if (offset < page.rows.rowCount()) {
            *inPage = offset;
            return &page.rows;
        }
        offset -= page.rows.rowCount();
    }
    return nullptr;
}

void RowWindow::clear()
{
    m_pages.clear();
    m_start = 0;
    m_held = 0;
    m_total = 0;
    m_totalExact = false;
    m_exact = true;
    m_atStart = false;
    m_atEnd = false;
}

void RowWindow::setEstimate(qint64 rows)
{
    if (m_totalExact)
        return;
    m_total = std::max({rows, end(), qint64(0)});
}

void RowWindow::setExactTotal(qint64 rows)
{
    m_total = std::max(rows, qint64(0));
    m_totalExact = true;
}

RowWindow::Need RowWindow::need(qint64 first, qint64 last) const
{
    using Kind = Need::Kind;
    const qint64 ahead = m_pageSize / 2;
    if (m_atStart && m_atEnd)
        return {}; // the whole table is held
    if (m_total == 0 && m_held == 0)
        return {Kind::First};
    if (m_held > 0 && first >= m_start && last < end()) {
        if (!m_atEnd && last >= end() - ahead)
            return {Kind::After, m_pages.back().lastKey};
        if (!m_atStart && first < m_start + ahead)
            return {Kind::Before, m_pages.front().firstKey};
        return {};
    }
    if (m_held > 0 && last >= end() && first <= end() + m_pageSize) {
        if (m_atEnd)
            return {};
        return {Kind::After, m_pages.back().lastKey};
    }
    if (m_held > 0 && first < m_start && last >= m_start - m_pageSize) {
        if (m_atStart)
            return {};
        return {Kind::Before, m_pages.front().firstKey};
    }
    if (first <= 0)
        return {Kind::First};
    if (last >= m_total - 1)
        return {Kind::Last};
    return {Kind::Jump, {}, double(first) / double(std::max<qint64>(m_total, 1)), first};
}

void RowWindow::place(TableReader::Page page, qint64 start)
{
    m_pages.clear();
    m_start = start;
    m_held = page.rows.rowCount();
    m_atStart = page.atStart;
    m_atEnd = page.atEnd;
    m_pages.push_back(std::move(page));
}

RowWindow::Change RowWindow::accept(const Need &need, TableReader::Page page)
{
    using Kind = Need::Kind;
    Change change;
    const qint64 rows = page.rows.rowCount();
    switch (need.kind) {
    case Kind::Nothing:
        break;
    case Kind::First:
        place(std::move(page), 0);
        m_exact = true;
        break;
    case Kind::Last:
        if (page.atStart) { // the whole table fits in a page
            place(std::move(page), 0);
            m_exact = true;
        } else {
            place(std::move(page), std::max<qint64>(0, m_total - rows));
            m_exact = m_totalExact;
        }
        break;
    case Kind::Jump:
        if (rows == 0) {
            change.emptyJump = true;
            change.totalAfter = m_total;
            return change;
        }
        place(std::move(page),
              std::clamp<qint64>(need.anchor, 0, std::max<qint64>(0, m_total - rows)));
        m_exact = m_start == 0 && m_atStart;
        break;
    case Kind::After:
        m_held += rows;
        m_atEnd = page.atEnd;
        m_pages.push_back(std::move(page));
        break;
    case Kind::Before:
        m_held += rows;
        m_start -= rows;
        m_atStart = page.atStart;
        m_pages.push_front(std::move(page));
        // At the table's first row the numbers become exact: rows placed too low move up, and
        // rows found above row 0 push the others down.
        if (m_atStart) {
            if (m_start > 0)
                change.removedAtTop = m_start;
            else
                change.insertedAtTop = -m_start;
            m_start = 0;
            m_exact = true;
        } else if (m_start < 0) {
            change.insertedAtTop = -m_start;
            m_start = 0;
        }
        m_total += change.insertedAtTop - change.removedAtTop;
        break;
    }
    if (m_atEnd && m_totalExact && !m_exact) {
        // Counted rows beat a guessed place: the window ends where the table does.
        m_start = std::max<qint64>(0, m_total - m_held);
        m_exact = true;
        change.renumbered = true;
    } else if (m_atEnd) {
        m_total = end();
        m_totalExact = m_exact || m_totalExact;
    } else if (end() > m_total) {
        m_total = end();
    }
    if (m_atStart && m_atEnd)
        m_totalExact = true;
    change.totalAfter = m_total;
    return change;
}

QList<std::pair<qint64, qint64>> RowWindow::trim(qint64 first, qint64 last)
{
    QList<std::pair<qint64, qint64>> dropped;
    while (qsizetype(m_pages.size()) > m_maxPages) {
        const qint64 frontEnd = m_start + m_pages.front().rows.rowCount();
        const qint64 backStart = end() - m_pages.back().rows.rowCount();
        const qint64 aboveBy = first - frontEnd; // how far the front page is above the screen
        const qint64 belowBy = backStart - last; // how far the back page is below it
        if (aboveBy >= belowBy) {
            dropped.append({m_start, frontEnd});
            m_held -= m_pages.front().rows.rowCount();
            m_start = frontEnd;
            m_atStart = false;
            m_pages.pop_front();
        } else {
            dropped.append({backStart, end()});
            m_held -= m_pages.back().rows.rowCount();
            m_atEnd = false;
            m_pages.pop_back();
        }
    }
    return dropped;
}

} // namespace mizzle
