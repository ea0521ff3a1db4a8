#pragma once

#include <QString>

namespace mizzle {

// What went wrong, where, and what the user can do about it. Errors travel as values: core never
// throws across the core/ui line.
struct Error
{
    QString message;   // what happened, in one sentence
    QString where;     // the file and key, the connection, or the table it concerns
    QString hint;      // what the user can do next; may be empty
    QString sqlState;  // the server's SQLSTATE, when the server reported the error
    QString detail;    // the server's DETAIL, when given
    int position = -1; // 1-based character position the server reported in the statement

    // One readable paragraph: "where: message (SQLSTATE) detail hint".
    QString toString() const;
};

} // namespace mizzle
