#pragma once

#include "base/result.h"
#include "explain/plan.h"
#include "explain/plan_text_lines.h"

#include <QList>

// Internal to the TEXT plan parser: what EXPLAIN prints after the tree, at the root's
// indentation ("Planning Time: 0.521 ms", "Settings: ...", "Trigger ...: time=... calls=...",
// "JIT:", "Serialization: ...", "Execution Time: ..."), with the lines indented under them.
namespace mizzle::explain::detail {

// Reads lines[from...] into `plan`. `base` is the root line's indentation.
Result<void> readTextSummary(const QList<TextLine> &lines, qsizetype from, qsizetype base,
                             Plan &plan);

} // namespace mizzle::explain::detail
