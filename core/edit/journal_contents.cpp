#include "edit/journal_contents.h"

#include "base/versioned_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kFormat = u"mizzle-edit-journal"_s;
constexpr int kVersion = 1;

QJsonArray cellsJson(const QMap<int, CellValue> &cells)
{
    QJsonArray array;
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        QJsonObject cell{{u"column"_s, it.key()}};
        switch (it->kind) {
        case CellValue::Kind::Text:
            cell.insert(u"kind"_s, u"text"_s);
            cell.insert(u"text"_s, it->text);
            break;
        case CellValue::Kind::Null:
            cell.insert(u"kind"_s, u"null"_s);
            break;
        case CellValue::Kind::Default:
            cell.insert(u"kind"_s, u"default"_s);
            break;
        }
        array.append(cell);
    }
    return array;
}

QJsonObject editJson(const EditBuffer::RowEdit &edit)
{
    QJsonArray original;
    for (const std::optional<QString> &value : edit.original)
        original.append(value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null));
    return QJsonObject{{u"key"_s, QJsonArray::fromStringList(edit.identity.key)},
                       {u"location"_s, edit.identity.location},
                       {u"partition"_s, edit.identity.partition},
                       {u"version"_s, edit.identity.version},
                       {u"original"_s, original},
                       {u"cells"_s, cellsJson(edit.cells)},
                       {u"deleted"_s, edit.deleted}};
}

// Reading stops at the first thing out of place and says what it was; nothing half-read is
// ever restored.
class Reader
{
public:
    QString problem;

    bool fail(const QString &what)
    {
        if (problem.isEmpty())
            problem = what;
        return false;
    }

    bool string(const QJsonObject &object, const QString &name, QString &out, const QString &in)
    {
        const QJsonValue value = object.value(name);
        if (!value.isString())
            return fail(u"%1 has no text \"%2\""_s.arg(in, name));
        out = value.toString();
        return true;
    }

    bool strings(const QJsonValue &value, QStringList &out, const QString &what)
    {
        if (!value.isArray())
            return fail(u"%1 is not a list"_s.arg(what));
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return fail(u"%1 holds something other than text"_s.arg(what));
            out.append(item.toString());
        }
        return true;
    }

    bool integer(const QJsonValue &value, qint64 min, qint64 &out, const QString &what)
    {
        // A double that is not a whole number, or out of range, is damage, not a rounding.
        if (!value.isDouble() || value.toDouble() != double(value.toInteger()) ||
            value.toInteger() < min)
            return fail(u"%1 is not a whole number of at least %2"_s.arg(what).arg(min));
        out = value.toInteger();
        return true;
    }

    bool cells(const QJsonValue &value, int columnCount, QMap<int, CellValue> &out,
               const QString &in)
    {
        if (!value.isArray())
            return fail(u"%1 has no list of cells"_s.arg(in));
        for (const QJsonValue &item : value.toArray()) {
            const QJsonObject cell = item.toObject();
            qint64 column = 0;
            QString kind;
            if (!item.isObject() ||
                !integer(cell.value(u"column"_s), 0, column, in + u"'s cell"_s) ||
                !string(cell, u"kind"_s, kind, in + u"'s cell"_s))
                return fail(u"a cell of %1 is damaged"_s.arg(in));
            if (column >= columnCount)
                return fail(
                    u"a cell of %1 is of column %2, past the table's last"_s.arg(in).arg(column));
            if (out.contains(int(column)))
                return fail(u"%1 has column %2 twice"_s.arg(in).arg(column));
            CellValue parsed;
            if (kind == u"text"_s) {
                if (!string(cell, u"text"_s, parsed.text, in + u"'s cell"_s))
                    return false;
            } else if (kind == u"null"_s) {
                parsed = CellValue::null();
            } else if (kind == u"default"_s) {
                parsed = CellValue::byDefault();
            } else {
                return fail(u"a cell of %1 is of the unknown kind \"%2\""_s.arg(in, kind));
            }
            out.insert(int(column), parsed);
        }
        return true;
    }

    bool edit(const QJsonValue &value, int columnCount, EditBuffer::RowEdit &out)
    {
        const QString in = u"an edited row"_s;
        if (!value.isObject())
            return fail(u"an edited row is not an object"_s);
        const QJsonObject object = value.toObject();
        RowIdentity &identity = out.identity;
        if (!strings(object.value(u"key"_s), identity.key, u"an edited row's key"_s) ||
            !string(object, u"location"_s, identity.location, in) ||
            !string(object, u"partition"_s, identity.partition, in) ||
            !string(object, u"version"_s, identity.version, in))
            return false;
        if (!identity.isValid())
            return fail(u"an edited row has neither a key nor a location"_s);
        const QJsonValue original = object.value(u"original"_s);
        if (!original.isArray() || original.toArray().size() != columnCount)
            return fail(u"an edited row's original values are not one per column"_s);
        for (const QJsonValue &cell : original.toArray()) {
            if (!cell.isString() && !cell.isNull())
                return fail(u"an edited row's original value is neither text nor null"_s);
            out.original.append(cell.isNull() ? std::nullopt : std::optional(cell.toString()));
        }
        if (!cells(object.value(u"cells"_s), columnCount, out.cells, in))
            return false;
        if (!object.value(u"deleted"_s).isBool())
            return fail(u"an edited row has no \"deleted\" flag"_s);
        out.deleted = object.value(u"deleted"_s).toBool();
        if (out.cells.isEmpty() && !out.deleted)
            return fail(u"an edited row has no change"_s);
        return true;
    }
};

} // namespace

JournalContents JournalContents::of(const EditBuffer &buffer)
{
    JournalContents contents;
    const TableDetails &table = buffer.table();
    contents.schema = table.schema;
    contents.name = table.name;
    contents.oid = table.oid;
    for (const ColumnInfo &column : table.columns)
        contents.columns.append(column.name);
    contents.edits = buffer.edits().values();
    contents.newRows = buffer.newRows();
    return contents;
}

QByteArray JournalContents::toJson() const
{
    QJsonArray editArray;
    for (const EditBuffer::RowEdit &edit : edits)
        editArray.append(editJson(edit));
    QJsonArray newArray;
    for (const EditBuffer::NewRow &row : newRows)
        newArray.append(QJsonObject{{u"id"_s, qint64(row.id)}, {u"cells"_s, cellsJson(row.cells)}});
    const QJsonObject tableObject{{u"schema"_s, schema},
                                  {u"name"_s, name},
                                  {u"oid"_s, qint64(oid)},
                                  {u"columns"_s, QJsonArray::fromStringList(columns)}};
    const QJsonObject top{{u"format"_s, kFormat},
                          {u"version"_s, kVersion},
                          {u"table"_s, tableObject},
                          {u"edits"_s, editArray},
                          {u"newRows"_s, newArray}};
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

Result<JournalContents> JournalContents::fromJson(const QByteArray &bytes)
{
    const auto damaged = [](const QString &problem) { return Error{problem, {}, {}, {}, {}, -1}; };
    const Result<QJsonObject> read =
        readVersionedJson(bytes, kFormat, kVersion, u"a Mizzle edit journal"_s);
    if (!read)
        return damaged(read.error().message);
    const QJsonObject &top = read.value();

    Reader reader;
    JournalContents contents;
    const QJsonObject table = top.value(u"table"_s).toObject();
    qint64 oid = 0;
    if (!top.value(u"table"_s).isObject() ||
        !reader.string(table, u"schema"_s, contents.schema, u"the table"_s) ||
        !reader.string(table, u"name"_s, contents.name, u"the table"_s) ||
        !reader.integer(table.value(u"oid"_s), 0, oid, u"the table's oid"_s) ||
        !reader.strings(table.value(u"columns"_s), contents.columns, u"the table's columns"_s))
        return damaged(reader.problem.isEmpty() ? u"it names no table"_s : reader.problem);
    contents.oid = static_cast<unsigned int>(oid);
    const int columnCount = int(contents.columns.size());

    const QJsonValue edits = top.value(u"edits"_s);
    const QJsonValue newRows = top.value(u"newRows"_s);
    if (!edits.isArray() || !newRows.isArray())
        return damaged(u"it has no lists of edited and new rows"_s);
    QSet<QString> rowKeys;
    for (const QJsonValue &value : edits.toArray()) {
        EditBuffer::RowEdit edit;
        if (!reader.edit(value, columnCount, edit))
            return damaged(reader.problem);
        if (rowKeys.contains(edit.identity.mapKey()))
            return damaged(u"it holds one row twice"_s);
        rowKeys.insert(edit.identity.mapKey());
        contents.edits.append(edit);
    }
    for (const QJsonValue &value : newRows.toArray()) {
        EditBuffer::NewRow row;
        qint64 id = 0;
        if (!value.isObject() ||
            !reader.integer(value.toObject().value(u"id"_s), 1, id, u"a new row's id"_s) ||
            !reader.cells(value.toObject().value(u"cells"_s), columnCount, row.cells,
                          u"a new row"_s))
            return damaged(reader.problem.isEmpty() ? u"a new row is not an object"_s
                                                    : reader.problem);
        row.id = quint64(id);
        if (rowKeys.contains(EditBuffer::newRowKey(row.id)))
            return damaged(u"it holds new row %1 twice"_s.arg(row.id));
        rowKeys.insert(EditBuffer::newRowKey(row.id));
        contents.newRows.append(row);
    }
    return contents;
}

QString JournalContents::mismatch(const TableDetails &table) const
{
    if (schema != table.schema || name != table.name)
        return u"it holds changes of %1.%2, not of %3.%4"_s.arg(schema, name, table.schema,
                                                                table.name);
    if (oid != table.oid)
        return u"the table was dropped and created again since its changes were made"_s;
    QStringList now;
    for (const ColumnInfo &column : table.columns)
        now.append(column.name);
    if (now != columns)
        return u"the table's columns changed since (they were %1)"_s.arg(columns.join(u", "_s));
    return {};
}

void JournalContents::restoreInto(EditBuffer &buffer) const
{
    for (const EditBuffer::RowEdit &edit : edits) {
        for (auto it = edit.cells.cbegin(); it != edit.cells.cend(); ++it)
            buffer.setCell(edit.identity, edit.original, it.key(), *it);
        if (edit.deleted)
            buffer.setDeleted(edit.identity, edit.original, true);
    }
    for (const EditBuffer::NewRow &row : newRows)
        buffer.addRow(row.cells, row.id);
}

} // namespace mizzle
