#include "connection/pool_stats.h"

namespace mizzle {

QString poolCloseReasonName(PoolCloseReason reason)
{
    switch (reason) {
    case PoolCloseReason::IdleTimeout:
        return QStringLiteral("idle timeout");
    case PoolCloseReason::MaxLifetime:
        return QStringLiteral("max lifetime");
    case PoolCloseReason::Broken:
        return QStringLiteral("broken");
    case PoolCloseReason::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace mizzle
