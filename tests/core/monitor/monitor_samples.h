#pragma once

#include "monitor/activity_snapshot.h"

#include <QTimeZone>

namespace mizzle::test {

// A sample as a busy server might give: a root blocker idle in a transaction, a session
// waiting on it, and rates from a previous sample.
inline monitor::ServerSample busySample()
{
    using namespace Qt::StringLiterals;
    monitor::ServerSample sample;
    sample.sampledAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 890), QTimeZone::UTC);
    sample.costMs = 2.5;
    sample.monitorPid = 99;
    monitor::Session root;
    root.pid = 10;
    root.backendType = u"client backend"_s;
    root.state = u"idle in transaction"_s;
    root.query = u"UPDATE accounts\nSET balance = 0"_s;
    root.applicationName = u"psql"_s;
    root.client = u"local"_s;
    root.xactAgeS = 12.3456;
    root.backendXmin = u"731"_s;
    root.xminAge = 4;
    monitor::Session waiter;
    waiter.pid = 11;
    waiter.backendType = u"client backend"_s;
    waiter.state = u"active"_s;
    waiter.waitEventType = u"Lock"_s;
    waiter.waitEvent = u"transactionid"_s;
    waiter.blockedBy = {10};
    waiter.query = u"DELETE FROM accounts"_s;
    waiter.queryAgeS = 1.5;
    waiter.xactAgeS = 1.5;
    waiter.applicationName = u"Mizzle"_s;
    waiter.mizzle = true;
    sample.sessions = {root, waiter};
    sample.blockingRoots = {{10, 1, 1, false, u"idle in transaction"_s}};
    sample.saturation = {100, 3, 2, 95, 3, 2};
    sample.rates = monitor::DatabaseRates{2.0, 10.0, 1.0, 250.0, std::nullopt};
    sample.xminHorizon = monitor::XminHorizon{10, u"731"_s, 4, u"psql"_s, root.state, 12.3456};
    return sample;
}

} // namespace mizzle::test
