#pragma once

#include <QString>

namespace mizzle {

// Which editor a cell gets, by its column's type.
enum class CellEditorKind {
    Text,       // a line edit, or a multi-line one for a long value
    Number,     // a line edit that keeps the text exactly, with a soft check
    Boolean,    // true, false (and NULL)
    Enum,       // the type's labels
    ForeignKey, // a picker that searches the referenced table
    DateTime,   // text, which the server checks on save
    Json,       // a line edit, and a side editor that checks the syntax
    Array,      // the array's text form
    Bytea       // the hex text form, loaded from or saved to a file
};

// The kind a format_type text alone decides: everything but Enum and ForeignKey, which need the
// catalog. An enum, a domain or an extension's type comes back as Text.
CellEditorKind cellEditorKindOf(const QString &formatType);

// Whether the type may be an enum (or a domain over one): no built-in type the kinds above
// know. Only such types are worth asking the catalog for labels.
bool mayBeEnum(const QString &formatType);

} // namespace mizzle
