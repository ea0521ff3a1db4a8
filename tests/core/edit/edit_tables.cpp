#include "edit_tables.h"

#include "catalog/catalog.h"
#include "values/sql_literal.h"

#include <QFile>
#include <QProcess>

namespace mizzle::test {

using namespace Qt::StringLiterals;

int TablePage::column(const QString &name) const
{
    for (int i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name)
            return i;
    }
    qFatal("no column %s in %s", qPrintable(name), qPrintable(table.name));
}

qsizetype TablePage::find(const QString &name, const QString &text) const
{
    const int index = column(name);
    for (qsizetype row = 0; row < rows.rowCount(); ++row) {
        if (!rows.isNull(row, index) && rows.text(row, index) == text)
            return row;
    }
    return -1;
}

RowIdentity TablePage::identity(qsizetype row) const
{
    return identityOf(table, rows, row);
}

QList<std::optional<QString>> TablePage::values(qsizetype row) const
{
    return rowValues(table, rows, row);
}

Result<TableDetails> describeTable(ConnectionPool &pool, const QString &schema, const QString &name)
{
    Catalog catalog(&pool);
    return await<TableDetails>([&](auto done) { catalog.loadTable(schema, name, &catalog, done); });
}

Result<TablePage> readPage(ConnectionPool &pool, const TableDetails &table, const QString &orderBy)
{
    QString hidden;
    const bool located = table.kind == RelationInfo::Kind::Table ||
                         table.kind == RelationInfo::Kind::PartitionedTable;
    if (located && table.primaryKey.isEmpty()) {
        if (table.kind == RelationInfo::Kind::PartitionedTable)
            hidden += u", t.tableoid"_s;
        hidden += u", t.ctid"_s;
    }
    if (located)
        hidden += u", t.xmin"_s;
    Result<QueryResult> rows =
        run(pool, u"SELECT t.*%1 FROM %2.%3 t ORDER BY %4"_s.arg(
                      hidden, sqlIdentifier(table.schema), sqlIdentifier(table.name), orderBy));
    if (!rows.ok())
        return rows.error();
    return TablePage{table, std::move(rows).value()};
}

void setCell(EditBuffer &buffer, const TablePage &page, qsizetype row, const QString &column,
             const CellValue &value)
{
    buffer.setCell(page.identity(row), page.values(row), page.column(column), value);
}

void deleteRow(EditBuffer &buffer, const TablePage &page, qsizetype row)
{
    buffer.setDeleted(page.identity(row), page.values(row), true);
}

Result<void> applyStatements(ConnectionPool &pool, const QList<ChangeStatement> &statements)
{
    for (const ChangeStatement &statement : statements) {
        const Result<QueryResult> done = run(pool, statement.sql, statement.parameters);
        if (!done.ok())
            return done.error();
        if (done->rowCount() != 1) {
            return Error{u"%1 touched %2 rows"_s.arg(statement.description).arg(done->rowCount()),
                         statement.sql,
                         {},
                         {},
                         {},
                         -1};
        }
    }
    return {};
}

Result<QString> tableContents(ConnectionPool &pool, const QString &relation)
{
    Result<QueryResult> rows =
        run(pool, u"SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM %1 t"_s.arg(relation));
    if (!rows.ok())
        return rows.error();
    return rows->text(0, 0);
}

PsqlOutcome runPsql(const QString &script, const QString &directory)
{
    QFile file(directory + u"/changes.sql"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(script.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.close();
    QProcess psql;
    psql.setWorkingDirectory(directory);
    psql.setProcessChannelMode(QProcess::MergedChannels);
    psql.start(u"psql"_s,
               {u"-X"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"--single-transaction"_s, u"-h"_s,
                testHost(), u"-d"_s, u"mizzle_test"_s, u"-f"_s, file.fileName()});
    PsqlOutcome outcome;
    if (!psql.waitForFinished(60'000) || psql.exitStatus() != QProcess::NormalExit)
        return outcome;
    outcome.exitCode = psql.exitCode();
    outcome.output = QString::fromUtf8(psql.readAll());
    return outcome;
}

QString everyTypeTable()
{
    return uR"(
CREATE TYPE %1.mood AS ENUM ('sad', 'it''s ok');
CREATE TYPE %1.pair AS (a text, b int);
CREATE TABLE %1.every (
    id int PRIMARY KEY, f8 double precision, f4 real, num numeric, num2 numeric(12,2),
    ts timestamp, tstz timestamptz, day date, span interval, bin bytea, words text[],
    nums int[][], doc jsonb, raw json, txt text, code varchar(8), initials char(5), bits bit(3),
    vbits varbit(8), yes boolean, addr inet, uid uuid, mood %1.mood, pair %1.pair,
    ints int4range, place point, x xml, big bigint);
INSERT INTO %1.every VALUES
  (1, '-0', '-0', 1234567890123456789012345678901234567890.0123456789, 1.5, 'infinity',
   '-infinity', 'infinity', '-1 days +02:03:04.5', '\x00ff', ARRAY[NULL, 'NULL', 'a"b', 'c\d',
   'e''f', '', ' spaced '], '{{1,NULL},{3,4}}',
   '{"n": 123456789012345678901234567890.1234567890, "s": "a\"b\\c"}',
   '{ "n" : 1e400 ,"dup": 1, "dup": 2 }', E'back\\slash\nnew line\r\n\ttab ''quote'' ü😀',
   'it''s', 'ab', '101', '1', true, '192.168.0.1/24', '00000000-0000-0000-0000-000000000001',
   'it''s ok', ROW('x, "y"', NULL), '[1,5)', '(1.5,-2)', '<a x="1">t &amp; u</a>',
   9223372036854775807),
  (2, 'NaN', 'Infinity', 'NaN', -0.01, '2024-02-29 23:59:59.999999', '2024-05-06 07:08:09.5+02',
   '-infinity', '-177999999 years', '\x', '{}', '{}', '[]', '"just a string"', '',
   E'\\\n''"', '', '000', '', false, '::1', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'sad',
   ROW(NULL, NULL), 'empty', '(0,0)', '', -9223372036854775808);)"_s;
}

} // namespace mizzle::test
