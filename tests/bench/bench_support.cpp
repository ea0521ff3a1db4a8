#include "bench_support.h"

#include <algorithm>

namespace mizzle::bench {

using namespace Qt::StringLiterals;

ConnectionParameters parameters()
{
    ConnectionParameters result;
    result.set(u"host"_s, qEnvironmentVariable("MIZZLE_TEST_PGHOST"));
    result.set(u"dbname"_s, u"mizzle_test"_s);
    return result;
}

Result<QueryResult> run(ConnectionPool &pool, const QString &sql)
{
    return wait<QueryResult>([&](auto done) {
        pool.acquire(&pool, [&pool, sql, done](Result<ConnectionPool::Lease> lease) {
            if (!lease) {
                done(lease.error());
                return;
            }
            lease.value()->execScript(
                &pool, sql, [done, held = lease.value()](auto result) { done(std::move(result)); });
        });
    });
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

const char *verdict(bool met)
{
    return met ? "met" : "not met";
}

QString bindArgument(const QString &value)
{
    QString out = u"'"_s;
    for (const QChar c : value) {
        if (c == u'\'')
            out += u"''"_s;
        else if (c == u'\\')
            out += u"\\\\"_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\r')
            out += u"\\r"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else
            out += c;
    }
    return out + u'\'';
}

} // namespace mizzle::bench
