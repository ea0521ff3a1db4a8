#pragma once

#include "base/clock.h"

namespace mizzle {

// A clock that moves only when told to: tests advance it past a threshold instead of sleeping.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startUs = 1'000'000)
        : m_nowUs(startUs)
    {}

    qint64 nowUs() const override { return m_nowUs; }
    void advanceUs(qint64 us) { m_nowUs += us; }
    void advanceMs(qint64 ms) { m_nowUs += ms * 1000; }

private:
    qint64 m_nowUs;
};

} // namespace mizzle
