#include "query/read_only_statement.h"

#include "connection/read_only_transaction.h"
#include "sql/transaction_control.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

using Kind = TransactionControl::Kind;

ReadOnlyStep refuse(const QString &message, const QString &hint)
{
    ReadOnlyStep step;
    step.action = ReadOnlyStep::Action::Refuse;
    step.refusal = Error{message, u"read-only profile"_s, hint, u"25006"_s, {}, -1};
    return step;
}

const QString kUseReadWriteProfile =
    u"To change data, connect with a profile that is not read-only."_s;

} // namespace

ReadOnlyStep readOnlyStep(const QString &statement, const QString &heldBegin)
{
    const TransactionControl control = transactionControl(statement);
    const bool held = !heldBegin.isEmpty();
    ReadOnlyStep step;
    step.holdsTransaction = held;
    switch (control.kind) {
    case Kind::None:
    case Kind::Savepoint:
        return step;
    case Kind::Begin:
        if (control.readOnly == false)
            return refuse(u"BEGIN READ WRITE cannot run on a read-only profile"_s,
                          u"Mizzle runs every statement of this profile in a read-only "
                          "transaction. BEGIN alone holds one across runs. "_s +
                              kUseReadWriteProfile);
        if (held)
            return step; // the server warns that a transaction is already in progress
        step.action = ReadOnlyStep::Action::OpenTransaction;
        step.begin =
            readOnlyTransactionBegin(control.isolation, control.deferrable.value_or(false));
        step.sql = u"ROLLBACK; "_s + step.begin;
        step.tag = u"BEGIN"_s;
        step.note = u"Read-only profile: this tab now holds a read-only transaction."_s;
        step.holdsTransaction = true;
        return step;
    case Kind::Commit:
    case Kind::Rollback: {
        const bool chain = control.chain && held;
        step.action = ReadOnlyStep::Action::EndTransaction;
        step.begin = chain ? heldBegin : readOnlyTransactionBegin();
        step.sql = u"ROLLBACK; "_s + step.begin;
        step.tag = u"ROLLBACK"_s;
        step.note = control.kind == Kind::Commit
                        ? u"Read-only profile: the read-only transaction was ended; nothing in it "
                          "could have written, so there was nothing to commit."_s
                        : u"Read-only profile: the read-only transaction was rolled back."_s;
        step.holdsTransaction = chain;
        return step;
    }
    case Kind::TwoPhase:
        return refuse(u"two-phase commit cannot run on a read-only profile"_s,
                      kUseReadWriteProfile);
    case Kind::SetTransaction:
        if (control.readOnly == true && control.isolation.isEmpty() && !control.deferrable)
            return step; // READ ONLY: it already is
        return refuse(
            control.readOnly == false
                ? u"SET TRANSACTION READ WRITE cannot run on a read-only profile"_s
                : u"SET TRANSACTION cannot change a transaction that Mizzle has begun"_s,
            u"Give the isolation level or DEFERRABLE with BEGIN instead, for example BEGIN "
            "ISOLATION LEVEL REPEATABLE READ. "_s +
                kUseReadWriteProfile);
    case Kind::SetSessionDefaults:
        if (control.readOnly != false)
            return step; // an isolation level default applies to Mizzle's transactions too
        return refuse(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE cannot run on a "
                      "read-only profile"_s,
                      u"Mizzle begins every transaction of this profile READ ONLY, so it would "
                      "change nothing. "_s +
                          kUseReadWriteProfile);
    case Kind::SetReadOnlySetting:
        if (control.readOnly != false)
            return step;
        return refuse(u"turning read-only off cannot run on a read-only profile"_s,
                      u"Mizzle begins every transaction of this profile READ ONLY, whatever "
                      "default_transaction_read_only says. "_s +
                          kUseReadWriteProfile);
    }
    return step;
}

Error explainReadOnlyError(Error error)
{
    if (error.sqlState == u"2D000"_s) // invalid_transaction_termination
        error.hint = u"On a read-only profile every statement runs inside a read-only transaction "
                     "that Mizzle holds, so a procedure or DO block that commits or rolls back "
                     "cannot run here. "_s +
                     kUseReadWriteProfile;
    else if (error.sqlState == u"25001"_s && error.hint.isEmpty()) // active_sql_transaction
        error.hint = u"On a read-only profile Mizzle has begun the transaction already, so its "
                     "mode can no longer change. "_s +
                     kUseReadWriteProfile;
    return error;
}

} // namespace mizzle
