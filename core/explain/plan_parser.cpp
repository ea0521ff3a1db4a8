#include "explain/plan_parser.h"

#include "explain/plan_json_parser.h"
#include "explain/plan_text_lines.h"
#include "explain/plan_text_parser.h"

namespace mizzle::explain {

Result<QList<Plan>> parsePlans(const QByteArray &input)
{
    const QByteArray body = detail::autoExplainBody(input);
    // JSON starts with [ or { once psql's decorations are gone; no TEXT plan line does.
    const QByteArray stripped = stripPsqlDecorations(body).trimmed();
    if (stripped.startsWith('[') || stripped.startsWith('{'))
        return parseJsonPlans(body);
    Result<Plan> plan = parseTextPlan(input);
    if (!plan)
        return plan.error();
    return QList<Plan>{std::move(plan).value()};
}

Result<Plan> parsePlan(const QByteArray &input)
{
    Result<QList<Plan>> plans = parsePlans(input);
    if (!plans)
        return plans.error();
    return std::move(plans.value().first());
}

} // namespace mizzle::explain
