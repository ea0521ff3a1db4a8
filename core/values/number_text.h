#pragma once

#include <QStringView>

namespace mizzle {

// Whether the text reads as a number to the server's numeric, integer and float input: an
// optional sign, digits with a decimal point and an exponent, underscores between digits, 0x,
// 0o and 0b integers, NaN and Infinity, with whitespace around. A loose check for an editor's
// warning, never a verdict: the column's type (an integer refusing "1.5", a range) is the
// server's to judge.
bool looksLikeNumber(QStringView text);

} // namespace mizzle
