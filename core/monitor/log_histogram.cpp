#include "monitor/log_histogram.h"

#include <algorithm>
#include <cmath>

namespace mizzle::monitor {

LogHistogram::LogHistogram(qint64 base, int buckets)
    : m_base(std::max<qint64>(1, base))
    , m_buckets(size_t(std::max(3, buckets)), 0)
{}

double LogHistogram::lowerEdge(int index) const
{
    if (index <= 0)
        return 0;
    return double(m_base) * std::exp2((index - 1) / 2.0);
}

int LogHistogram::bucketFor(qint64 value) const
{
    if (value < m_base)
        return 0;
    const int last = bucketCount() - 1;
    int index = int(std::floor(2 * std::log2(double(value) / double(m_base)))) + 1;
    index = std::clamp(index, 1, last);
    // log2 may land a hair off at an edge; the edges themselves decide.
    while (index > 1 && double(value) < lowerEdge(index))
        --index;
    while (index < last && double(value) >= lowerEdge(index + 1))
        ++index;
    return index;
}

qint64 LogHistogram::upperEdge(int index) const
{
    if (index >= bucketCount() - 1)
        return m_max;
    return qint64(std::ceil(lowerEdge(index + 1)));
}

void LogHistogram::record(qint64 value)
{
    value = std::max<qint64>(0, value);
    ++m_buckets[size_t(bucketFor(value))];
    ++m_count;
    m_sum += value;
    m_max = std::max(m_max, value);
}

void LogHistogram::clear()
{
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_count = 0;
    m_max = 0;
    m_sum = 0;
}

LogHistogram LogHistogram::since(const LogHistogram &earlier) const
{
    LogHistogram interval = *this;
    if (earlier.m_base != m_base || earlier.m_buckets.size() != m_buckets.size() ||
        earlier.m_count > m_count)
        return interval; // not an older copy of this one: all of it is new
    for (size_t index = 0; index < m_buckets.size(); ++index)
        interval.m_buckets[index] -= std::min(m_buckets[index], earlier.m_buckets[index]);
    interval.m_count -= earlier.m_count;
    interval.m_sum -= earlier.m_sum;
    if (interval.m_count == 0)
        interval.m_max = 0;
    return interval;
}

qint64 LogHistogram::percentile(double p) const
{
    if (m_count == 0)
        return 0;
    p = std::clamp(p, 0.0, 1.0);
    // The smallest rank that covers p of the values; the epsilon keeps 0.95 × 100 at 95.
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(p * double(m_count) - 1e-9)));
    qint64 seen = 0;
    for (int index = 0; index < bucketCount(); ++index) {
        seen += m_buckets[size_t(index)];
        if (seen >= rank)
            return std::min(upperEdge(index), m_max);
    }
    return m_max;
}

} // namespace mizzle::monitor
