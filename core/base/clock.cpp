#include "base/clock.h"

#include <chrono>

namespace mizzle {

namespace {

class SteadyClock final : public Clock
{
public:
    qint64 nowUs() const override
    {
        return std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
};

} // namespace

std::shared_ptr<const Clock> Clock::steady()
{
    static const auto clock = std::make_shared<const SteadyClock>();
    return clock;
}

} // namespace mizzle
