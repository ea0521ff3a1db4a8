#pragma once

#include "connection/connection_pool.h"

#include <QEventLoop>
#include <optional>
#include <vector>

namespace mizzle::bench {

// What the benchmarks share: the bench cluster (scripts/bench sets MIZZLE_TEST_PGHOST), a wait
// for an asynchronous call, a script run on a pooled connection, and how figures are reported.

ConnectionParameters parameters();

template <typename T, typename Start> Result<T> wait(Start start)
{
    std::optional<Result<T>> outcome;
    QEventLoop loop;
    start([&](Result<T> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

Result<QueryResult> run(ConnectionPool &pool, const QString &sql);

double median(std::vector<double> values);

// The word a goal line ends with.
const char *verdict(bool met);

// A \bind argument as psql's lexer reads it: in single quotes, where '' is a quote and a
// backslash starts an escape (\n, \t, … and \\ for itself), and nothing may break the line.
QString bindArgument(const QString &value);

} // namespace mizzle::bench
