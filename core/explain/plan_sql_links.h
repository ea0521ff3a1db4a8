#pragma once

#include "explain/plan_tree.h"

#include <QList>
#include <QString>
#include <vector>

namespace mizzle::explain {

// A stretch of the statement's text, in UTF-16 offsets: [start, end).
struct SqlRange
{
    int start = 0;
    int end = 0;

    bool contains(int position) const { return position >= start && position <= end; }
    bool operator==(const SqlRange &) const = default;
};

// Where each node of a plan shows in the SQL it plans: the table (or CTE, or function) it reads,
// with its alias, and the conditions of WHERE, HAVING and JOIN … ON that it evaluates.
//
// The SQL is read with PostgreSQL's own parser (libpg_query), whose parse tree gives each
// relation and expression its location, and its scanner gives the tokens' extents. A node is tied
// to a relation by its alias (PostgreSQL prints the alias the query gave, else the table's name),
// and to a condition when the columns the condition uses are the columns of one of the node's
// Filter, Index Cond, Recheck Cond, Hash Cond, Merge Cond, Join Filter or TID Cond terms, each
// qualified by the alias it belongs to. Conditions the planner made up (from equivalence classes,
// or pushed into a view) have no place in the text and are left unlinked.
class PlanSqlLinks
{
public:
    PlanSqlLinks() = default;

    // nodes as flattenPlan() gives them; empty links when the SQL does not parse.
    static PlanSqlLinks link(const std::vector<FlatPlanNode> &nodes, const QString &sql);

    bool isEmpty() const;
    // The ranges of the node, in text order; empty for an unknown id.
    QList<SqlRange> rangesOf(int nodeId) const;
    // The node whose narrowest range holds the position (the lowest id on a tie), or -1.
    int nodeAt(int position) const;

private:
    std::vector<QList<SqlRange>> m_ranges; // by node id
};

} // namespace mizzle::explain
