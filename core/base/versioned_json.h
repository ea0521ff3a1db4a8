#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace mizzle {

// The top object of one of Mizzle's own JSON files ({"format": …, "version": …, …}), or why
// it is not one: not JSON, another format, or another version. `whatItIs` names the format in
// that message ("a Mizzle edit journal"); the Error's message is the problem alone, for the
// caller to say where and what it does about it.
Result<QJsonObject> readVersionedJson(const QByteArray &bytes, const QString &format, int version,
                                      const QString &whatItIs);

} // namespace mizzle
