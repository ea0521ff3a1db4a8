#include "explain/what_if_index.h"

#include "explain/plan_json_parser.h"
#include "explain/plan_tree.h"
#include "explain/statement_effects.h"

#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

// HypoPG takes a plain CREATE INDEX; CONCURRENTLY means nothing for an index never built.
QString forHypopg(const QString &createIndex)
{
    static const QRegularExpression concurrently(u"\\bCONCURRENTLY\\s+"_s,
                                                 QRegularExpression::CaseInsensitiveOption);
    return explainableStatement(createIndex).remove(concurrently);
}

Error hypopgError(const QString &message, const QString &hint)
{
    return Error{message, u"HypoPG (hypothetical indexes)"_s, hint, {}, {}, -1};
}

} // namespace

WhatIfIndex::WhatIfIndex(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

WhatIfIndex::~WhatIfIndex()
{
    if (m_lease)
        m_lease->close();
}

void WhatIfIndex::start(const QString &statement, const QString &createIndex)
{
    if (m_running)
        return;
    m_running = true;
    m_outcome = WhatIfOutcome{};
    m_outcome.statement = explainableStatement(statement);
    m_outcome.createIndex = forHypopg(createIndex);
    m_acquireContext = std::make_unique<QObject>();
    m_pool->acquire(m_acquireContext.get(),
                    [this](Result<ConnectionPool::Lease> lease) { onLease(std::move(lease)); });
}

void WhatIfIndex::run(const QString &sql, const PgConnection::Parameters &parameters, Step next)
{
    m_lease->exec(this, sql, parameters,
                  [this, next = std::move(next)](Result<QueryResult> result) {
                      if (!result) {
                          finish(result.error());
                          return;
                      }
                      next(std::move(result));
                  });
}

void WhatIfIndex::onLease(Result<ConnectionPool::Lease> lease)
{
    m_acquireContext.release()->deleteLater(); // the event being delivered belongs to it
    if (!lease) {
        finish(lease.error());
        return;
    }
    m_lease = std::move(lease).value();
    run(u"BEGIN"_s, {}, [this](const Result<QueryResult> &) {
        run(u"SELECT (SELECT extversion FROM pg_extension WHERE extname = 'hypopg'), "
            "EXISTS (SELECT FROM pg_available_extensions WHERE name = 'hypopg')"_s,
            {}, [this](const Result<QueryResult> &state) { onExtension(state.value()); });
    });
}

void WhatIfIndex::onExtension(const QueryResult &state)
{
    if (!state.isNull(0, 0)) {
        explainBefore();
        return;
    }
    if (state.text(0, 1) != u"t"_s) {
        finish(hypopgError(
            u"the server does not have the HypoPG extension"_s,
            u"Install it where PostgreSQL runs (Debian and Ubuntu: apt install "
            "postgresql-17-hypopg, or see https://github.com/HypoPG/hypopg). Mizzle then loads "
            "it inside a transaction that it rolls back, so the database itself is unchanged."_s));
        return;
    }
    m_lease->exec(this, u"CREATE EXTENSION hypopg"_s, {}, [this](Result<QueryResult> created) {
        if (!created) {
            Error error = created.error();
            error.hint = u"Loading HypoPG needs the right to create extensions. Ask an "
                         "administrator to run CREATE EXTENSION hypopg in this database, or try "
                         "the index on a copy where you may."_s;
            finish(error);
            return;
        }
        explainBefore();
    });
}

void WhatIfIndex::explainBefore()
{
    const QString explain = u"EXPLAIN (FORMAT JSON) "_s + m_outcome.statement;
    run(explain, {}, [this, explain](const Result<QueryResult> &before) {
        Result<Plan> plan = planOf(before.value());
        if (!plan) {
            finish(plan.error());
            return;
        }
        m_outcome.before = std::move(plan).value();
        run(u"SELECT indexname FROM hypopg_create_index($1)"_s, {m_outcome.createIndex},
            [this, explain](const Result<QueryResult> &created) {
                m_outcome.hypotheticalIndex = created.value().text(0, 0);
                run(explain, {}, [this](const Result<QueryResult> &after) {
                    Result<Plan> afterPlan = planOf(after.value());
                    if (!afterPlan) {
                        finish(afterPlan.error());
                        return;
                    }
                    m_outcome.after = std::move(afterPlan).value();
                    finish(m_outcome);
                });
            });
    });
}

Result<Plan> WhatIfIndex::planOf(const QueryResult &result) const
{
    QByteArray json;
    for (qsizetype row = 0; row < result.rowCount(); ++row)
        json.append(result.bytes(row, 0)).append('\n');
    return parseJsonPlan(json);
}

void WhatIfIndex::finish(Result<WhatIfOutcome> outcome)
{
    if (m_lease) {
        m_lease->close(); // the transaction, the extension and the hypothetical index go with it
        m_lease.reset();
    }
    m_acquireContext.reset();
    if (outcome) {
        WhatIfOutcome &done = outcome.value();
        done.beforeMetrics = derivePlanMetrics(done.before);
        done.afterMetrics = derivePlanMetrics(done.after);
        done.costBefore = done.before.root.totalCost.value_or(0);
        done.costAfter = done.after.root.totalCost.value_or(0);
        for (const FlatPlanNode &node : flattenPlan(done.after.root))
            done.indexUsed = done.indexUsed || node.node->indexName == done.hypotheticalIndex;
        done.diff = diffPlans(done.before, done.beforeMetrics, done.after, done.afterMetrics);
    }
    m_running = false;
    // Never from inside start(): the caller connects after calling it at the earliest.
    QTimer::singleShot(0, this, [this, outcome = std::move(outcome)] { emit finished(outcome); });
}

} // namespace mizzle::explain
