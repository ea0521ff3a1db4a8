#pragma once

#include "explain/plan.h"

#include <QByteArray>
#include <QString>

namespace mizzle::test {

// The plan in any form parsePlan() reads; a plan that does not parse ends the test run, since
// every test that asks for one is about something else.
explain::Plan parsedPlan(const QByteArray &text);
// The plan in tests/data/plans/<name>, read the same way.
explain::Plan planFile(const QString &name);

} // namespace mizzle::test
