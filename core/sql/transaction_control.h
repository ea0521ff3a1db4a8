#pragma once

#include <QString>
#include <optional>

namespace mizzle {

// What one statement does to the session's transaction, as PostgreSQL's own parser reads it.
// Statements that hide transaction control in a function or a DO block are not found here; the
// server itself refuses those inside a transaction block (SQLSTATE 2D000).
struct TransactionControl
{
    enum class Kind {
        None,
        Begin,              // BEGIN, START TRANSACTION
        Commit,             // COMMIT, END
        Rollback,           // ROLLBACK, ABORT
        Savepoint,          // SAVEPOINT, RELEASE, ROLLBACK TO: inside a transaction only
        TwoPhase,           // PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED
        SetTransaction,     // SET TRANSACTION …
        SetSessionDefaults, // SET SESSION CHARACTERISTICS AS TRANSACTION …
        SetReadOnlySetting, // SET [LOCAL] default_transaction_read_only / transaction_read_only
    };
    Kind kind = Kind::None;
    QString isolation;            // BEGIN's or SET TRANSACTION's level, lower case; may be empty
    std::optional<bool> readOnly; // READ ONLY (true) or READ WRITE (false), or the setting's value
    std::optional<bool> deferrable;
    bool chain = false; // COMMIT AND CHAIN, ROLLBACK AND CHAIN
};

// A statement that does not parse is Kind::None: the server will say what is wrong with it.
TransactionControl transactionControl(const QString &statement);

} // namespace mizzle
