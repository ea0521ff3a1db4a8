#pragma once

#include "common/profile_password.h"

#include <optional>

class QWidget;

namespace mizzle {

// The password prompt: the profile's name, why it asks (libpq's message after a refused
// password), and "Remember in keychain" where the profile keeps its password there.
std::optional<PasswordAnswer> askForPassword(QWidget *parent, const QString &profile,
                                             const QString &problem, bool offerRemember);

} // namespace mizzle
