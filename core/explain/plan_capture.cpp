#include "explain/plan_capture.h"

#include "explain/plan_json_parser.h"
#include "explain/statement_effects.h"
#include "sql/sql_statement_splitter.h"

#include <QStringList>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

PlanCapture::PlanCapture(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

// A lease still held goes back to the pool, which drops a connection that is busy and rolls
// back one left inside a transaction: nothing of an unfinished ANALYZE is committed.
PlanCapture::~PlanCapture() = default;

QString PlanCapture::explainOptions(int serverVersion, bool analyze)
{
    QStringList options;
    if (analyze)
        options << u"ANALYZE"_s;
    options << u"VERBOSE"_s;
    if (analyze) {
        options << u"BUFFERS"_s;
        if (serverVersion >= 130000)
            options << u"WAL"_s;
    }
    if (serverVersion >= 120000)
        options << u"SETTINGS"_s;
    if (analyze && serverVersion >= 170000)
        options << u"SERIALIZE"_s << u"MEMORY"_s;
    options << u"FORMAT JSON"_s;
    return options.join(u", "_s);
}

void PlanCapture::start(const QString &statement, PlanCaptureOptions options)
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_capture = CapturedPlan{};
    m_capture.options = options;
    m_capture.statement = explainableStatement(statement);
    if (m_capture.statement.isEmpty()) {
        finishLater(Error{u"there is no statement to explain"_s,
                          {},
                          u"Put the cursor on a statement, or select one."_s,
                          {},
                          {},
                          -1});
        return;
    }
    // The server would only say "cannot insert multiple commands into a prepared statement".
    if (splitStatements(m_capture.statement).size() > 1) {
        finishLater(Error{u"EXPLAIN takes one statement at a time"_s,
                          {},
                          u"Select a single statement, or put the cursor on it."_s,
                          {},
                          {},
                          -1});
        return;
    }
    if (options.keepEffects && m_pool->settings().readOnly) {
        finishLater(Error{u"a read-only profile cannot keep a statement's effects"_s,
                          m_pool->parameters().displayName(),
                          u"Every statement of a read-only profile runs in a read-only "
                          "transaction. To change data, use a profile that is not read-only."_s,
                          u"25006"_s,
                          {},
                          -1});
        return;
    }
    m_capture.mayChangeData = statementMayChangeData(m_capture.statement);
    m_acquireContext = std::make_unique<QObject>();
    m_pool->acquire(m_acquireContext.get(),
                    [this](Result<ConnectionPool::Lease> lease) { onLease(std::move(lease)); });
}

void PlanCapture::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_lease) {
        m_lease->cancel();
        return;
    }
    if (m_acquireContext) { // still waiting for a connection: nothing reached the server
        m_acquireContext.reset();
        finishLater(cancelledError());
    }
}

Error PlanCapture::cancelledError() const
{
    return Error{u"cancelled before the statement was sent"_s,
                 m_pool->parameters().displayName(),
                 u"You cancelled the statement."_s,
                 u"57014"_s,
                 {},
                 -1};
}

void PlanCapture::onLease(Result<ConnectionPool::Lease> lease)
{
    // This runs as an event delivered to the context: it must outlive the delivery.
    m_acquireContext.release()->deleteLater();
    if (!lease) {
        finish(lease.error());
        return;
    }
    m_lease = std::move(lease).value();
    m_capture.serverVersion = m_lease->serverVersion();
    m_capture.command = u"EXPLAIN (%1) %2"_s.arg(
        explainOptions(m_capture.serverVersion, m_capture.options.analyze), m_capture.statement);
    if (!m_capture.options.analyze || m_capture.options.keepEffects) {
        runExplain();
        return;
    }
    m_lease->exec(this, u"BEGIN"_s, {}, [this](const Result<QueryResult> &begun) {
        if (!begun) {
            finish(begun.error());
            return;
        }
        m_capture.rolledBack = true;
        runExplain();
    });
}

void PlanCapture::runExplain()
{
    // A cancel that came while BEGIN ran found no statement on the server to cancel.
    if (m_cancelled) {
        onExplained(cancelledError());
        return;
    }
    m_lease->exec(this, m_capture.command, {},
                  [this](Result<QueryResult> result) { onExplained(std::move(result)); });
}

void PlanCapture::onExplained(Result<QueryResult> result)
{
    std::optional<Result<CapturedPlan>> outcome;
    if (!result) {
        outcome.emplace(result.error());
    } else {
        QStringList lines;
        for (qsizetype row = 0; row < result->rowCount(); ++row)
            lines << result->text(row, 0);
        m_capture.json = lines.join(u'\n');
        Result<Plan> plan = parseJsonPlan(m_capture.json.toUtf8());
        if (plan) {
            m_capture.plan = std::move(plan).value();
            outcome.emplace(m_capture);
        } else {
            Error error = plan.error();
            error.where = u"the server's EXPLAIN output"_s;
            outcome.emplace(error);
        }
    }
    if (!m_capture.rolledBack) {
        finish(std::move(*outcome));
        return;
    }
    // Also after an error: the transaction is aborted, and the pool should get it back clean.
    m_lease->exec(this, u"ROLLBACK"_s, {},
                  [this, outcome = std::move(*outcome)](const Result<QueryResult> &) mutable {
                      finish(std::move(outcome));
                  });
}

void PlanCapture::finish(Result<CapturedPlan> result)
{
    m_lease.reset();
    m_acquireContext.reset();
    m_running = false;
    emit finished(result);
}

void PlanCapture::finishLater(const Error &error)
{
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

} // namespace mizzle::explain
