#include "session/read_only_status.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Since 9.1 a transaction cannot be made read-write once it has taken a snapshot.
constexpr int snapshotRuleVersion = 90100;

} // namespace

ReadOnlyStatus readOnlyStatus(const ConnectionTarget &target, const WriteAccess &access)
{
    ReadOnlyStatus status;
    if (target.readOnlyRole || !access.roleCanWrite) {
        status.kind = ReadOnlyStatus::Kind::Role;
        status.label = u"read-only (role)"_s;
        return status;
    }
    if (!target.readOnly)
        return status;
    status.kind = ReadOnlyStatus::Kind::Mizzle;
    status.label = u"read-only (Mizzle)"_s;
    for (const QString &extension : access.escapeHatches) {
        status.warnings.append(
            u"The %1 extension is installed: a statement can write through it over a "
            "connection of its own, which Mizzle's read-only transaction does not cover. Use a "
            "role that may not write to be sure."_s.arg(extension));
    }
    if (access.serverVersion > 0 && access.serverVersion < snapshotRuleVersion)
        status.warnings.append(
            u"This server is older than PostgreSQL 9.1, which may let a transaction turn "
            "read-write after it began: Mizzle cannot guarantee read-only here. Use a role "
            "that may not write."_s);
    return status;
}

} // namespace mizzle
