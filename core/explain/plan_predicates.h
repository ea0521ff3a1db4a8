#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace mizzle::explain {

// One condition of a node's Filter, as an index could serve it.
struct PlanPredicate
{
    enum class Kind {
        Equality,     // column = value, column IN (...), column = ANY (...)
        Range,        // <, <=, >, >=, BETWEEN
        JsonContains, // @> and <@ on jsonb: GIN (jsonb_path_ops serves @>)
        JsonKey,      // ?, ?| and ?& on jsonb: GIN with the default jsonb_ops
        NullTest,     // column IS [NOT] NULL
        BooleanTest,  // a boolean column on its own, NOT column, column IS [NOT] TRUE/FALSE
        Other,        // anything an index on the column would not obviously serve
    };

    Kind kind = Kind::Other;
    QString column;    // unqualified, as the server reads it (folded)
    QString condition; // for a partial index's WHERE: "deleted_at IS NULL", "NOT archived"

    bool operator==(const PlanPredicate &) const = default;
};

// The conditions ANDed together in an expression as EXPLAIN prints it ("((a = 1) AND (b IS
// NULL))"), read with PostgreSQL's own parser. Conditions that compare a column with another
// column, or that are not about a single column, are Other. Empty when the text does not parse
// as an expression (EXPLAIN prints some, such as "(InitPlan 1).col1", that are not SQL).
std::optional<QList<PlanPredicate>> predicatesOf(const QString &expression);

} // namespace mizzle::explain
