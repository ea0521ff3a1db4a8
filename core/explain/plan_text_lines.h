#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Internal to the TEXT plan parser: the lines of EXPLAIN's text as PostgreSQL wrote them, out of
// whatever a client or a log wrapped them in.
namespace mizzle::explain::detail {

struct TextLine
{
    QString text;   // as EXPLAIN printed it, indentation kept, no trailing blanks
    int number = 0; // the input line it starts on, from 1, for error messages
};

// Undoes psql's output (aligned, unaligned, wrapped, expanded; ASCII or Unicode frames; the
// "QUERY PLAN" header and its rule, the "(N rows)" footer, newline marks "+" and "↵", wrap
// marks "." and "…"), a plan copied from a grid with each line in double quotes, and the prefix
// of an auto_explain log entry ("LOG:  duration: 1.234 ms  plan:", lines indented by a tab).
// Blank lines are dropped. What remains keeps PostgreSQL's indentation, shifted by a common
// amount when the client padded every line.
QList<TextLine> planTextLines(const QByteArray &input);

// The plan of an auto_explain log entry ("LOG:  duration: 1.234 ms  plan:" and the lines after
// it, their tab removed), in whichever format auto_explain.log_format chose; the input itself
// when it holds no such entry.
QByteArray autoExplainBody(const QByteArray &input);

} // namespace mizzle::explain::detail
