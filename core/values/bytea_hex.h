#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <optional>

namespace mizzle {

// bytea's hex text form, as the server writes it with bytea_output = hex: "\x" and two
// lowercase digits a byte ("\x00ff10"). Bound as a parameter, the server reads it back whole.
QString byteaHex(QByteArrayView bytes);

// The bytes of a hex text form: "\x" (or "\X"), then pairs of hex digits in either case, with
// whitespace allowed between pairs as the server allows it. Nothing for any other text
// (bytea_output = escape's form included).
std::optional<QByteArray> fromByteaHex(QStringView text);

} // namespace mizzle
