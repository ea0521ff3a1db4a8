#pragma once

#include "base/error.h"

#include <QString>

namespace mizzle {

// What a read-only profile does with one statement the user wrote. Every statement runs inside
// a read-only transaction that Mizzle opens (see readOnlyTransactionBegin), so the user's own
// transaction control is found by PostgreSQL's parser and mapped onto that transaction, never
// sent as it is:
//  - BEGIN and START TRANSACTION (with an isolation level, READ ONLY or DEFERRABLE) open a
//    fresh read-only transaction with those options that the tab holds across runs; READ
//    WRITE is refused.
//  - COMMIT, END, ROLLBACK and ABORT roll Mizzle's transaction back (nothing in it can have
//    written, so committing and rolling back are the same) and open a new one for what
//    follows; AND CHAIN keeps the tab holding it.
//  - SAVEPOINT, RELEASE and ROLLBACK TO run as they are: they live inside the transaction and
//    cannot end it.
//  - Two-phase commit, SET TRANSACTION READ WRITE or with a level, SET SESSION CHARACTERISTICS
//    AS TRANSACTION READ WRITE, and turning default_transaction_read_only or
//    transaction_read_only off are refused: the server would refuse them or they would change
//    nothing, and a clear refusal says so.
struct ReadOnlyStep
{
    enum class Action { Send, Refuse, OpenTransaction, EndTransaction };
    Action action = Action::Send;
    QString sql;                   // OpenTransaction, EndTransaction: what Mizzle sends instead
    QString begin;                 // the part of sql that opens the next read-only transaction
    QString tag;                   // their command tag for the Messages tab: "BEGIN", "ROLLBACK"
    QString note;                  // what Mizzle did instead of the statement, in one sentence
    Error refusal;                 // Refuse
    bool holdsTransaction = false; // after this step the tab holds its transaction
};

// heldBegin is the statement that opened the transaction the tab holds (empty when it holds
// none): COMMIT AND CHAIN opens the next one alike.
ReadOnlyStep readOnlyStep(const QString &statement, const QString &heldBegin);

// A server error inside Mizzle's read-only transaction, with a hint that says why.
Error explainReadOnlyError(Error error);

} // namespace mizzle
