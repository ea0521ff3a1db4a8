#pragma once

#include <QtGlobal>
#include <vector>

namespace mizzle::monitor {

// The last `spanMs` of samples in a fixed block of memory: a chart of the last 15 minutes costs
// the same after a day as after a minute. Times are whatever monotonic milliseconds the caller
// samples with (a test passes its own), so the ring itself never reads a clock.
//
// A sample older than the newest by more than the span drops out, and so does the oldest when
// the ring is full (an interval shorter than the span ÷ capacity). push() says how many dropped,
// so a model over the ring can announce the removal before the insertion.
template <typename T> class SampleRing
{
public:
    struct Entry
    {
        qint64 atMs = 0;
        T value{};
    };

    SampleRing(qint64 spanMs, int capacity)
        : m_spanMs(spanMs)
        , m_entries(size_t(qMax(1, capacity)))
    {}

    qint64 spanMs() const { return m_spanMs; }
    int capacity() const { return int(m_entries.size()); }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // Oldest first.
    const Entry &at(int index) const { return m_entries[slot(index)]; }
    const Entry &last() const { return at(m_size - 1); }

    // How many of the oldest entries push(atMs, …) will drop, so that a caller can say so first.
    int dropsFor(qint64 atMs) const
    {
        int dropped = 0;
        while (dropped < m_size && atMs - at(dropped).atMs > m_spanMs)
            ++dropped;
        if (m_size - dropped == capacity())
            ++dropped;
        return dropped;
    }

    void dropOldest(int count)
    {
        count = qBound(0, count, m_size);
        m_head = (m_head + count) % capacity();
        m_size -= count;
    }

    // Appends a sample no older than the last one, and returns how many old ones it dropped.
    int push(qint64 atMs, T value)
    {
        const int dropped = dropsFor(atMs);
        dropOldest(dropped);
        m_entries[slot(m_size)] = Entry{atMs, std::move(value)};
        ++m_size;
        return dropped;
    }

    void clear()
    {
        m_head = 0;
        m_size = 0;
    }

private:
    size_t slot(int index) const { return size_t((m_head + index) % capacity()); }

    qint64 m_spanMs;
    std::vector<Entry> m_entries;
    int m_head = 0;
    int m_size = 0;
};

} // namespace mizzle::monitor
