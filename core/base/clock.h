#pragma once

#include <QtGlobal>
#include <memory>

namespace mizzle {

// A steady time source in microseconds, so that anything measuring durations (the pool, its
// metrics) can be driven by a test instead of waiting for real time to pass. Only differences
// between readings mean anything; the origin is arbitrary.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowUs() const = 0;

    // The process-wide real clock (std::chrono::steady_clock), shared by whoever needs no other.
    static std::shared_ptr<const Clock> steady();
};

} // namespace mizzle
