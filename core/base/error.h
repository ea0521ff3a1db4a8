#pragma once

#include <QString>
#include <utility>

namespace mizzle {

// What went wrong, where, and what the user can do about it. Errors travel as values: core never
// throws across the core/ui line.
struct Error
{
    QString message;    // what happened, in one sentence
    QString where;      // the file and key, the connection, or the table it concerns
    QString hint;       // what the user can do next; may be empty
    QString sqlState;   // the server's SQLSTATE, when the server reported the error
    QString detail;     // the server's DETAIL, when given
    int position = -1;  // 1-based character position the server reported in the statement
    QString constraint; // the constraint the server named (a unique key, a check), when it did
    int statement = -1; // which of the statements sent together failed (0-based), or -1

    Error() = default;
    // Errors are written with their first fields in order, Error{message, where, hint, sqlState,
    // detail, position}; this constructor keeps that form working as fields are added after them.
    Error(QString whatHappened, QString concerning = {}, QString whatToDo = {},
          QString serverState = {}, QString serverDetail = {}, int characterPosition = -1)
        : message(std::move(whatHappened))
        , where(std::move(concerning))
        , hint(std::move(whatToDo))
        , sqlState(std::move(serverState))
        , detail(std::move(serverDetail))
        , position(characterPosition)
    {}

    // One readable paragraph: "where: message (SQLSTATE) detail hint".
    QString toString() const;
};

} // namespace mizzle
