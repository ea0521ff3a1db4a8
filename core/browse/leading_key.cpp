#include "browse/leading_key.h"

#include "connection/query_result.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

enum class Family { Number, Date, Time, Other };

Family familyOf(const QString &type)
{
    static const QStringList numbers{u"smallint"_s, u"integer"_s, u"bigint"_s,
                                     u"numeric"_s,  u"real"_s,    u"double precision"_s};
    if (type.endsWith(u"[]"))
        return Family::Other;
    for (const QString &number : numbers) {
        if (type == number || type.startsWith(number + u'('))
            return Family::Number;
    }
    if (type == u"date")
        return Family::Date;
    if (type.startsWith(u"timestamp"))
        return Family::Time;
    return Family::Other;
}

Error noStatistics(const QString &column)
{
    return Error{u"there are no statistics to find a place in the table by"_s,
                 u"column %1"_s.arg(column),
                 u"Run ANALYZE on the table, so that the planner's histogram of the column can "
                 "place the page; Home and End always work."_s,
                 {},
                 {},
                 -1};
}

} // namespace

LeadingKeyQuery leadingKeyQuery(const TableDetails &table, const PageQuery::OrderColumn &leading)
{
    LeadingKeyQuery query;
    if (leading.name == u"ctid") {
        query.kind = LeadingKeyQuery::Kind::Location;
        query.sql = u"SELECT relpages::float8 FROM pg_class WHERE oid = $1::oid"_s;
        query.parameters = {QString::number(table.oid)};
        return query;
    }
    if (leading.name == u"tableoid")
        return query; // a partitioned table without a key: no order to place a page in
    query.kind = LeadingKeyQuery::Kind::Histogram;
    // The bounds come back as the column's own type and then as its text, so that they bind
    // back exactly. The type is the catalog's format_type, which quotes what needs quoting.
    query.sql = uR"(WITH st AS (
    SELECT s.histogram_bounds::text::%1[] AS b, coalesce(s.null_frac, 0)::float8 AS nf
    FROM pg_stats s WHERE s.schemaname = $1 AND s.tablename = $2 AND s.attname = $3
    ORDER BY s.inherited DESC LIMIT 1)
SELECT st.nf, x.v::text FROM st, unnest(st.b) WITH ORDINALITY AS x(v, n) ORDER BY x.n)"_s.arg(
        leading.type);
    query.parameters = {table.schema, table.name, leading.name};
    return query;
}

LeadingKeyPlace leadingKeyPlace(const QueryResult &statistics, LeadingKeyQuery::Kind kind,
                                const PageQuery::OrderColumn &leading, double fraction)
{
    LeadingKeyPlace place;
    const double p = std::clamp(fraction, 0.0, 1.0);
    if (kind == LeadingKeyQuery::Kind::Unsupported) {
        place.error = Error{u"a partitioned table without a primary key has no order to jump "
                            "in"_s,
                            {},
                            u"Sort by a column, or add a primary key."_s,
                            {},
                            {},
                            -1};
        return place;
    }
    if (kind == LeadingKeyQuery::Kind::Location) {
        const double pages = statistics.rowCount() > 0 ? statistics.text(0, 0).toDouble() : 0;
        place.start = LeadingKeyPlace::Start::Value;
        place.value = u"(%1,0)"_s.arg(qint64(std::floor(p * std::max(pages, 1.0))));
        return place;
    }
    const qsizetype bounds = statistics.rowCount();
    if (bounds == 0) {
        if (familyOf(leading.type) == Family::Other) {
            place.error = noStatistics(leading.name);
            return place;
        }
        place.start = LeadingKeyPlace::Start::Interpolate;
        place.position = leading.descending ? 1 - p : p;
        return place;
    }
    // In display order the NULLs take null_frac of the rows, at the start or at the end.
    const double nulls = std::clamp(statistics.text(0, 0).toDouble(), 0.0, 1.0);
    double inValues = p;
    if (leading.nullsFirst) {
        if (p < nulls) {
            place.start = LeadingKeyPlace::Start::First;
            return place;
        }
        inValues = nulls < 1 ? (p - nulls) / (1 - nulls) : 0;
    } else {
        if (p >= 1 - nulls && nulls > 0) {
            place.start = LeadingKeyPlace::Start::Nulls;
            return place;
        }
        inValues = nulls < 1 ? p / (1 - nulls) : 0;
    }
    const double ascending = leading.descending ? 1 - inValues : inValues;
    const qsizetype bound = std::clamp<qsizetype>(
        qsizetype(std::llround(ascending * double(bounds - 1))), 0, bounds - 1);
    place.start = LeadingKeyPlace::Start::Value;
    place.value = statistics.text(bound, 1);
    return place;
}

QString interpolationQuery(const PageQuery::OrderColumn &leading, const QString &relation)
{
    const QString c = leading.quoted;
    switch (familyOf(leading.type)) {
    case Family::Number:
        return u"SELECT (min(%1) + $1::float8 * (max(%1) - min(%1)))::%2::text FROM %3"_s.arg(
            c, leading.type, relation);
    case Family::Date:
        return u"SELECT (min(%1) + round($1::float8 * (max(%1) - min(%1)))::int)::text FROM %2"_s
            .arg(c, relation);
    case Family::Time:
        return u"SELECT (min(%1) + $1::float8 * (max(%1) - min(%1)))::text FROM %2"_s.arg(c,
                                                                                          relation);
    case Family::Other:
        return {};
    }
    return {};
}

} // namespace mizzle
