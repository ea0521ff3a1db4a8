#include "edit/change_statements.h"

#include "values/sql_literal.h"
#include "values/text_summary.h"

#include <QStringList>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Types without an equality operator: a view's row is checked against their text instead.
bool lacksEquality(const QString &type)
{
    static const QStringList types = {
        u"json"_s, u"xml"_s,  u"point"_s,   u"line"_s,  u"lseg"_s,
        u"box"_s,  u"path"_s, u"polygon"_s, u"circle"_s}; // box has =, but it compares areas
    QString element = type;
    while (element.endsWith(u"[]"_s))
        element.chop(2);
    return types.contains(element);
}

// A relation whose rows carry the system columns a page reads (page_query.cpp).
bool hasSystemColumns(RelationInfo::Kind kind)
{
    return kind == RelationInfo::Kind::Table || kind == RelationInfo::Kind::PartitionedTable ||
           kind == RelationInfo::Kind::MaterializedView;
}

int columnIndex(const TableDetails &table, const QString &name)
{
    for (int i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name)
            return i;
    }
    return -1;
}

// A key value or location as a message shows it: whole when short, else its first line, cut.
QString shown(const QString &value)
{
    return value.size() <= 40 && !value.contains(u'\n') ? value : firstLine(value, 40);
}

QString rowName(const TableDetails &table, const RowIdentity &identity)
{
    if (identity.key.isEmpty()) {
        QString name = u"ctid "_s + identity.location;
        if (!identity.partition.isEmpty())
            name += u", tableoid "_s + identity.partition;
        return name;
    }
    QStringList parts;
    for (qsizetype i = 0; i < identity.key.size(); ++i)
        parts.append(table.primaryKey.value(i) + u" = "_s + shown(identity.key[i]));
    return parts.join(u", "_s);
}

// Writes the statements of one buffer either with bound parameters, for a connection, or with
// the values inlined, for a script.
class StatementWriter
{
public:
    StatementWriter(const TableDetails &table, const PgConnection *connection)
        : m_table(table)
        , m_connection(connection)
        , m_relation(quote(table.schema) + u'.' + quote(table.name))
    {}

    QList<ChangeStatement> write(const EditBuffer &buffer)
    {
        QList<ChangeStatement> statements;
        for (const EditBuffer::RowEdit &edit : buffer.edits()) {
            if (edit.deleted)
                statements.append(deleteOf(edit));
        }
        for (const EditBuffer::RowEdit &edit : buffer.edits()) {
            if (!edit.deleted) {
                if (std::optional<ChangeStatement> update = updateOf(edit))
                    statements.append(std::move(*update));
            }
        }
        for (const EditBuffer::NewRow &row : buffer.newRows())
            statements.append(insertOf(row));
        return statements;
    }

private:
    QString quote(const QString &name) const
    {
        return m_connection ? m_connection->quoteIdentifier(name) : sqlIdentifier(name);
    }

    QString value(const std::optional<QString> &value, const QString &type)
    {
        if (!m_connection)
            return sqlLiteral(value, type);
        m_parameters.append(value);
        return u"$%1::%2"_s.arg(m_parameters.size()).arg(sqlCastType(type));
    }

    QString cellValue(const CellValue &cell, const QString &type)
    {
        switch (cell.kind) {
        case CellValue::Kind::Text:
            return value(cell.text, type);
        case CellValue::Kind::Null:
            return value(std::nullopt, type);
        case CellValue::Kind::Default:
            break;
        }
        return u"DEFAULT"_s;
    }

    QString returning(const QString &columns) const
    {
        return m_connection ? u" RETURNING "_s + columns : QString();
    }

    QString returningRow(ChangeStatement::Kind kind) const
    {
        QString columns = u"*"_s;
        if (hasSystemColumns(m_table.kind)) {
            const bool partitioned = m_table.kind == RelationInfo::Kind::PartitionedTable;
            if (m_table.primaryKey.isEmpty()) { // as a page reads them: tableoid, ctid, xmin
                if (partitioned)
                    columns += u", tableoid"_s;
                columns += u", ctid"_s;
            }
            // PostgreSQL cannot return the xmin of a row an INSERT routed to a partition
            // ("cannot retrieve a system column in this context"); the row comes back without
            // a version, as a view's does.
            if (!partitioned || kind != ChangeStatement::Kind::Insert)
                columns += u", xmin"_s;
        }
        return returning(columns);
    }

    // The row, at the version read: by key or location, then xmin, or the values of `guarded`
    // when the row has no version.
    QString rowCondition(const EditBuffer::RowEdit &edit, const QList<int> &guarded)
    {
        const RowIdentity &identity = edit.identity;
        QStringList conditions;
        if (!identity.key.isEmpty()) {
            if (identity.key.size() != m_table.primaryKey.size())
                return u"false"_s;
            for (qsizetype i = 0; i < identity.key.size(); ++i) {
                const int column = columnIndex(m_table, m_table.primaryKey[i]);
                if (column < 0)
                    return u"false"_s;
                conditions.append(quote(m_table.primaryKey[i]) + u" = "_s +
                                  value(identity.key[i], m_table.columns[column].type));
            }
        } else if (!identity.location.isEmpty()) {
            conditions.append(u"ctid = "_s + value(identity.location, u"tid"_s));
            if (!identity.partition.isEmpty())
                conditions.append(u"tableoid = "_s + value(identity.partition, u"oid"_s));
        } else {
            return u"false"_s;
        }
        if (!identity.version.isEmpty()) {
            conditions.append(u"xmin = "_s + value(identity.version, u"xid"_s));
            return conditions.join(u" AND "_s);
        }
        for (const int column : guarded) {
            if (column >= edit.original.size())
                return u"false"_s;
            const ColumnInfo &info = m_table.columns[column];
            if (lacksEquality(info.type)) {
                conditions.append(quote(info.name) + u"::text IS NOT DISTINCT FROM "_s +
                                  value(edit.original[column], u"text"_s));
            } else {
                conditions.append(quote(info.name) + u" IS NOT DISTINCT FROM "_s +
                                  value(edit.original[column], info.type));
            }
        }
        return conditions.join(u" AND "_s);
    }

    ChangeStatement finish(ChangeStatement::Kind kind, const QString &rowKey,
                           const QString &description, const QString &sql)
    {
        ChangeStatement statement{kind, rowKey, description, sql, m_parameters};
        m_parameters.clear();
        return statement;
    }

    ChangeStatement deleteOf(const EditBuffer::RowEdit &edit)
    {
        QList<int> every;
        for (int column = 0; column < m_table.columns.size(); ++column)
            every.append(column);
        const QString sql = u"DELETE FROM "_s + m_relation + u" WHERE "_s +
                            rowCondition(edit, every) + returning(u"1"_s);
        return finish(ChangeStatement::Kind::Delete, edit.identity.mapKey(),
                      u"delete of "_s + rowName(m_table, edit.identity), sql);
    }

    std::optional<ChangeStatement> updateOf(const EditBuffer::RowEdit &edit)
    {
        QStringList assignments;
        QStringList names;
        QList<int> changed;
        for (auto it = edit.cells.cbegin(); it != edit.cells.cend(); ++it) {
            if (it.key() < 0 || it.key() >= m_table.columns.size())
                continue;
            const ColumnInfo &column = m_table.columns[it.key()];
            if (!column.generated.isEmpty())
                continue; // the server computes it, and refuses any value for it
            assignments.append(quote(column.name) + u" = "_s + cellValue(*it, column.type));
            names.append(column.name);
            changed.append(it.key());
        }
        if (assignments.isEmpty())
            return std::nullopt;
        const QString sql = u"UPDATE "_s + m_relation + u" SET "_s + assignments.join(u", "_s) +
                            u" WHERE "_s + rowCondition(edit, changed) +
                            returningRow(ChangeStatement::Kind::Update);
        return finish(
            ChangeStatement::Kind::Update, edit.identity.mapKey(),
            u"update of %1 (%2)"_s.arg(rowName(m_table, edit.identity), names.join(u", "_s)), sql);
    }

    ChangeStatement insertOf(const EditBuffer::NewRow &row)
    {
        QStringList names;
        QStringList values;
        bool overriding = false;
        for (auto it = row.cells.cbegin(); it != row.cells.cend(); ++it) {
            if (it.key() < 0 || it.key() >= m_table.columns.size() || it->isDefault())
                continue;
            const ColumnInfo &column = m_table.columns[it.key()];
            if (!column.generated.isEmpty())
                continue;
            overriding = overriding || column.identity == u"always"_s;
            names.append(quote(column.name));
            values.append(cellValue(*it, column.type));
        }
        QString sql = u"INSERT INTO "_s + m_relation;
        if (names.isEmpty()) {
            sql += u" DEFAULT VALUES"_s;
        } else {
            sql += u" ("_s + names.join(u", "_s) + u')';
            if (overriding)
                sql += u" OVERRIDING SYSTEM VALUE"_s;
            sql += u" VALUES ("_s + values.join(u", "_s) + u')';
        }
        return finish(ChangeStatement::Kind::Insert, EditBuffer::newRowKey(row.id),
                      u"insert of new row %1"_s.arg(row.id),
                      sql + returningRow(ChangeStatement::Kind::Insert));
    }

    const TableDetails &m_table;
    const PgConnection *m_connection; // null: values inlined, for a script
    QString m_relation;
    PgConnection::Parameters m_parameters; // of the statement being written
};

// Text for a comment line: a line break, any other control character and the backslash that
// would mark them are escaped, so the comment ends where it should and nothing after it can
// be read as a psql meta-command.
QString commentText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\')
            out += u"\\\\"_s;
        else if (u == u'\n')
            out += u"\\n"_s;
        else if (u == u'\r')
            out += u"\\r"_s;
        else if (u == u'\t')
            out += u"\\t"_s;
        else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029)
            out += u"\\u%1"_s.arg(int(u), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out;
}

QString counted(qsizetype count, const QString &one, const QString &many)
{
    return u"%1 %2"_s.arg(count).arg(count == 1 ? one : many);
}

// A DO block's dollar quote that nothing inside it contains.
QString dollarTag(const QString &body)
{
    QString tag = u"$mizzle$"_s;
    for (int n = 2; body.contains(tag); ++n)
        tag = u"$mizzle%1$"_s.arg(n);
    return tag;
}

QString guardedBlock(const ChangeStatement &statement)
{
    const QString message =
        statement.description + u": the row was changed or deleted since it was read"_s;
    // use_column: a column named like PL/pgSQL's own FOUND is the column, not the variable.
    const QString body = u"\n#variable_conflict use_column\nBEGIN\n    "_s + statement.sql +
                         u";\n    IF NOT FOUND THEN\n        RAISE EXCEPTION USING MESSAGE = "_s +
                         sqlString(message) + u";\n    END IF;\nEND\n"_s;
    const QString tag = dollarTag(body);
    return u"DO "_s + tag + body + tag + u";\n"_s;
}

} // namespace

QList<ChangeStatement> changeStatements(const EditBuffer &buffer, const PgConnection &connection)
{
    return StatementWriter(buffer.table(), &connection).write(buffer);
}

QString changeScript(const EditBuffer &buffer)
{
    const TableDetails &table = buffer.table();
    const QList<ChangeStatement> statements = StatementWriter(table, nullptr).write(buffer);
    qsizetype counts[3] = {0, 0, 0};
    for (const ChangeStatement &statement : statements)
        ++counts[int(statement.kind)];

    // Nothing but ASCII comes before client_encoding is set: in another client encoding psql
    // could read a byte of a UTF-8 name as half of a character and swallow the line break.
    QString script =
        u"-- Mizzle: the pending changes to one table, as a psql script.\n"
        u"-- Run it with: psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE\n"
        u"-- It has no BEGIN or COMMIT of its own: --single-transaction makes it all or nothing.\n"
        u"-- Each UPDATE and DELETE stops the script when the row was changed or deleted since\n"
        u"-- it was read, rather than touch nothing in silence.\n"
        u"SET client_encoding = 'UTF8';\n"
        u"SET standard_conforming_strings = on;\n\n"_s;
    script += u"-- Table: "_s +
              commentText(sqlIdentifier(table.schema) + u'.' + sqlIdentifier(table.name)) + u'\n';
    script += u"-- %1, %2, %3.\n"_s.arg(counted(counts[0], u"delete"_s, u"deletes"_s),
                                        counted(counts[1], u"update"_s, u"updates"_s),
                                        counted(counts[2], u"insert"_s, u"inserts"_s));
    for (const ChangeStatement &statement : statements) {
        script += u"\n-- "_s + commentText(statement.description) + u'\n';
        if (statement.kind == ChangeStatement::Kind::Insert)
            script += statement.sql + u";\n"_s;
        else
            script += guardedBlock(statement);
    }
    return script;
}

} // namespace mizzle
