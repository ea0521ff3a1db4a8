#pragma once

#include "base/result.h"
#include "explain/plan.h"

#include <QByteArray>
#include <QList>

namespace mizzle::explain {

// Reads the output of EXPLAIN (FORMAT JSON): the array psql prints ([ { "Plan": ... } ]), a bare
// { "Plan": ... } object such as auto_explain logs, or a bare plan node. Surrounding whitespace
// and the decorations of psql's aligned output (the "QUERY PLAN" header and its dashes, the " +"
// continuation marks, the "(1 row)" footer, expanded-mode record lines) are ignored. Errors say
// what is wrong and where: line and column for JSON syntax, the node's path for a bad field.
Result<Plan> parseJsonPlan(const QByteArray &json);

// Every plan of the text: EXPLAIN of a statement that a rule expands prints several. The single
// plan variant above returns the first of them.
Result<QList<Plan>> parseJsonPlans(const QByteArray &json);

// psql's aligned-output decorations replaced by blanks, line for line, so that positions in the
// result are positions in the input.
QByteArray stripPsqlDecorations(const QByteArray &text);

} // namespace mizzle::explain
