#pragma once

#include <QMetaType>
#include <QString>

namespace mizzle {

// What a pending edit puts in a cell: a value in the server's text form (the empty string
// included), SQL NULL, or DEFAULT (new rows only: the server fills it in). Three different
// things, kept apart everywhere.
struct CellValue
{
    enum class Kind { Text, Null, Default };
    Kind kind = Kind::Text;
    QString text;

    static CellValue of(const QString &text) { return {Kind::Text, text}; }
    static CellValue null() { return {Kind::Null, {}}; }
    static CellValue byDefault() { return {Kind::Default, {}}; }
    bool isNull() const { return kind == Kind::Null; }
    bool isDefault() const { return kind == Kind::Default; }
    bool operator==(const CellValue &) const = default;
};

} // namespace mizzle

// Carried in a QVariant between a cell editor and the grid's model.
Q_DECLARE_METATYPE(mizzle::CellValue)
