#include "browse/filter_check.h"

#include "browse/filter_sql.h"

#include <QPointer>
#include <QTimer>
#include <algorithm>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kSavepoint = u"SAVEPOINT mizzle_filter_check"_s;
const QString kRollbackToSavepoint = u"ROLLBACK TO SAVEPOINT mizzle_filter_check"_s;
constexpr int kExpression = -1;

// The UTF-16 offset of a 0-based code point of text (the server counts characters).
int utf16AtCodePoint(const QString &text, int codePoint)
{
    qsizetype at = 0;
    for (int seen = 0; seen < codePoint && at < text.size(); ++seen) {
        const bool pair = text.at(at).isHighSurrogate() && at + 1 < text.size() &&
                          text.at(at + 1).isLowSurrogate();
        at += pair ? 2 : 1;
    }
    return int(at);
}

// One statement to ask the server, and where the user's text starts in it.
struct Check
{
    int condition = kExpression;
    QString sql;
    PgConnection::Parameters parameters;
    QString prefix; // the statement before the expression; empty for a condition's values
};

// Lives as a child of the caller's context and is the context of its own statements, so the
// caller's destruction cancels them and nothing calls back.
class FilterValueCheck : public QObject
{
public:
    FilterValueCheck(ConnectionPool *pool, TableFilter filter, TableDetails table,
                     std::function<void(QList<FilterProblem>)> done, QObject *context)
        : QObject(context)
        , m_pool(pool)
        , m_filter(std::move(filter))
        , m_table(std::move(table))
        , m_done(std::move(done))
    {}

    void start()
    {
        if (m_filter.usesExpression()) {
            if (std::optional<Error> refused = checkFilterExpression(m_filter.expression))
                m_problems.append({kExpression, *refused});
            else
                m_pending.append(kExpression);
        } else {
            for (int i = 0; i < m_filter.conditions.size(); ++i) {
                const FilterCondition &condition = m_filter.conditions.at(i);
                if (std::optional<Error> problem = conditionProblem(condition, i, m_table))
                    m_problems.append({i, *problem});
                else if (valueCount(condition.op) != 0)
                    m_pending.append(i);
            }
        }
        if (!m_pending.isEmpty() && !m_pool) {
            m_problems.append({kExpression, Error{u"The connection pool is gone: the filter "
                                                  u"could not be checked."_s,
                                                  m_table.name,
                                                  {},
                                                  {},
                                                  {},
                                                  -1}});
            m_pending.clear();
        }
        if (m_pending.isEmpty()) {
            QTimer::singleShot(0, this, [this] { finish(); });
            return;
        }
        m_pool->acquire(this,
                        [this](Result<ConnectionPool::Lease> lease) { onLease(std::move(lease)); });
    }

private:
    void onLease(Result<ConnectionPool::Lease> acquired)
    {
        if (!acquired.ok()) {
            fail(acquired.error());
            return;
        }
        const ConnectionPool::Lease lease = acquired.value();
        // A read-only profile's lease is already in its sealed read-only transaction.
        if (lease->inTransaction()) {
            runNext(lease);
            return;
        }
        lease->execScript(this, u"BEGIN READ ONLY"_s, [this, lease](Result<QueryResult> begun) {
            if (begun.ok())
                runNext(lease);
            else
                fail(begun.error());
        });
    }

    Check checkFor(int condition, const PgConnection &connection) const
    {
        Check check;
        check.condition = condition;
        if (condition == kExpression) {
            // Planned, never executed. The line break ends a trailing "--" comment.
            check.prefix = u"EXPLAIN SELECT 1 FROM %1.%2 WHERE ("_s.arg(
                connection.quoteIdentifier(m_table.schema),
                connection.quoteIdentifier(m_table.name));
            check.sql = check.prefix + m_filter.expression + u"\n)"_s;
            return check;
        }
        // conditionProblem passed, so this cannot fail.
        const Result<ConditionSql> sql =
            conditionSql(m_filter.conditions.at(condition), condition, m_table, connection, 1);
        if (sql.ok()) {
            check.sql = u"SELECT "_s + sql->castValues.join(u", "_s);
            check.parameters = sql->parameters;
        }
        return check;
    }

    void runNext(const ConnectionPool::Lease &lease)
    {
        if (m_next >= m_pending.size()) {
            finish(); // the lease goes back, and the pool rolls the transaction back
            return;
        }
        Check check = checkFor(m_pending.at(m_next++), *lease);
        lease->execScript(this, kSavepoint,
                          [this, lease, check = std::move(check)](Result<QueryResult> saved) {
                              if (!saved.ok()) {
                                  fail(saved.error());
                                  return;
                              }
                              ask(lease, check);
                          });
    }

    void ask(const ConnectionPool::Lease &lease, const Check &check)
    {
        lease->exec(this, check.sql, check.parameters,
                    [this, lease, check](Result<QueryResult> answer) {
                        if (answer.ok()) {
                            runNext(lease);
                            return;
                        }
                        m_problems.append({check.condition, located(answer.error(), check)});
                        lease->execScript(this, kRollbackToSavepoint,
                                          [this, lease](Result<QueryResult> restored) {
                                              if (restored.ok())
                                                  runNext(lease);
                                              else
                                                  fail(restored.error());
                                          });
                    });
    }

    // The server's error, said of the condition or the expression rather than of the statement
    // Mizzle wrapped around it.
    Error located(Error error, const Check &check) const
    {
        if (check.condition != kExpression) {
            error.where = u"condition %1"_s.arg(check.condition + 1);
            error.position = -1; // a place in "SELECT $1::integer" would mean nothing to the user
            return error;
        }
        error.where = u"expression"_s;
        const auto prefixCodePoints = int(check.prefix.toUcs4().size());
        if (error.position > prefixCodePoints) {
            const int offset =
                utf16AtCodePoint(m_filter.expression, error.position - prefixCodePoints - 1);
            error.position = std::min(offset, int(m_filter.expression.size())) + 1;
        } else {
            error.position = -1;
        }
        return error;
    }

    void fail(const Error &error)
    {
        m_problems.append({kExpression, error});
        finish();
    }

    void finish()
    {
        std::stable_sort(m_problems.begin(), m_problems.end(),
                         [](const FilterProblem &a, const FilterProblem &b) {
                             return a.condition < b.condition;
                         });
        const auto done = std::exchange(m_done, {});
        deleteLater();
        if (done)
            done(m_problems);
    }

    QPointer<ConnectionPool> m_pool;
    TableFilter m_filter;
    TableDetails m_table;
    std::function<void(QList<FilterProblem>)> m_done;
    QList<FilterProblem> m_problems;
    QList<int> m_pending; // the conditions (or kExpression) the server is to be asked about
    qsizetype m_next = 0;
};

} // namespace

void checkFilterValues(ConnectionPool *pool, const TableFilter &filter, const TableDetails &table,
                       QObject *context, std::function<void(QList<FilterProblem>)> done)
{
    if (!context)
        return; // nobody to report to, as with a context already destroyed
    auto *check = new FilterValueCheck(pool, filter, table, std::move(done), context);
    check->start();
}

} // namespace mizzle
