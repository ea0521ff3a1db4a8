#pragma once

#include <QString>
#include <QStringList>

namespace mizzle {

// For each output column of a view's definition (as pg_get_viewdef prints it), in order: the
// column of its one base relation that it shows unchanged, or an empty string for anything else
// (an expression, a constant, a cast). The list is empty when the definition is not a plain
// SELECT … FROM one relation, which is also what PostgreSQL requires of an auto-updatable view.
// Matching by what the parser read, never by a column's name, so that "SELECT name AS id" is
// not taken for the key.
QStringList viewColumnSources(const QString &definition);

} // namespace mizzle
