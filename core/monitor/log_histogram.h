#pragma once

#include <QtGlobal>
#include <vector>

namespace mizzle::monitor {

// Durations counted in buckets whose edges grow by √2: a fixed, small memory cost however many
// values arrive, and percentiles whose relative error is bounded. Bucket 0 holds values below
// `base`; bucket i ≥ 1 holds [base·√2^(i−1), base·√2^i); the last bucket takes everything
// above. With the default base of 100 (0.1 ms in microseconds) and 56 buckets the last edge is
// above three hours.
//
// percentile() reports the upper edge of the bucket the rank falls in, capped at the largest
// value seen. So it never under-reports: for a true percentile v ≥ base it returns a value in
// [v, √2·v]; below base it returns at most base. That errs on the side a pool monitor wants:
// a wait is never shown shorter than it was.
class LogHistogram
{
public:
    explicit LogHistogram(qint64 base = 100, int buckets = 56);

    void record(qint64 value); // negative values count as zero
    void clear();
    // What was recorded after `earlier`, an older copy of this histogram: the distribution of
    // one interval, for a chart of recent waits. Its max is this one's, so its percentiles
    // still never under-report.
    LogHistogram since(const LogHistogram &earlier) const;

    qint64 count() const { return m_count; }
    qint64 max() const { return m_max; }
    qint64 sum() const { return m_sum; }
    qint64 mean() const { return m_count ? m_sum / m_count : 0; }
    // p in [0, 1]; 0 when nothing was recorded.
    qint64 percentile(double p) const;

    int bucketCount() const { return int(m_buckets.size()); }
    qint64 bucketAt(int index) const { return m_buckets[size_t(index)]; }
    // The exclusive upper edge of a bucket, rounded up; the last bucket has none (max()).
    qint64 upperEdge(int index) const;
    int bucketFor(qint64 value) const;

private:
    double lowerEdge(int index) const;

    qint64 m_base;
    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
    qint64 m_max = 0;
    qint64 m_sum = 0;
};

} // namespace mizzle::monitor
