#pragma once

#include "profile/connection_profile.h"

#include <QByteArray>

namespace mizzle {

// The canonical file for a profile: keys in the order profile_parser.h documents, indented,
// defaults left out. Parsing the result gives back an equal profile.
QByteArray profileToJson(const ConnectionProfile &profile);

} // namespace mizzle
