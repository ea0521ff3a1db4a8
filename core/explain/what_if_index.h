#pragma once

#include "base/result.h"
#include "connection/connection_pool.h"
#include "explain/plan.h"
#include "explain/plan_diff.h"
#include "explain/plan_metrics.h"

#include <QObject>
#include <memory>

namespace mizzle::explain {

struct WhatIfOutcome
{
    QString statement;
    QString createIndex;       // as HypoPG was given it: no CONCURRENTLY, no semicolon
    QString hypotheticalIndex; // HypoPG's name for it, e.g. "<16391>btree_orders_customer_id"
    Plan before;
    Plan after;
    PlanMetrics beforeMetrics;
    PlanMetrics afterMetrics;
    double costBefore = 0; // the root's total cost
    double costAfter = 0;
    bool indexUsed = false; // the second plan scans the hypothetical index
    std::vector<PlanDiffEntry> diff;
};

// Tries an index without building it: plain EXPLAIN of the statement, then HypoPG's
// hypothetical index on the same session, then EXPLAIN again. Nothing reaches the real schema:
// everything runs in one transaction that is rolled back (CREATE EXTENSION hypopg included, when
// the database does not have it yet), and the connection is closed afterwards rather than
// returned to the pool, so no hypothetical index or loaded hook outlives the trial.
// Where the server lacks HypoPG the Error says how to get it.
class WhatIfIndex : public QObject
{
    Q_OBJECT
public:
    explicit WhatIfIndex(ConnectionPool *pool, QObject *parent = nullptr);
    ~WhatIfIndex() override;

    // createIndex: a CREATE INDEX statement as a plan hint suggests it. Ignored while running.
    void start(const QString &statement, const QString &createIndex);
    bool isRunning() const { return m_running; }

signals:
    void finished(const mizzle::Result<mizzle::explain::WhatIfOutcome> &outcome);

private:
    using Step = std::function<void(Result<QueryResult>)>;
    void run(const QString &sql, const PgConnection::Parameters &parameters, Step next);
    void onLease(Result<ConnectionPool::Lease> lease);
    void onExtension(const QueryResult &state);
    void explainBefore();
    Result<Plan> planOf(const QueryResult &result) const;
    void finish(Result<WhatIfOutcome> outcome);

    ConnectionPool *m_pool;
    ConnectionPool::Lease m_lease;
    std::unique_ptr<QObject> m_acquireContext;
    WhatIfOutcome m_outcome;
    bool m_running = false;
};

} // namespace mizzle::explain
