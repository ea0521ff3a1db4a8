#include "journal_support.h"

#include "edit/edit_journal.h"
#include "test_database.h"
#include "values/sql_literal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace mizzle::test {

using namespace Qt::StringLiterals;

QString hostileTable()
{
    return u"Ta\"ble/..\\x ü.y"_s;
}

Result<QueryResult> createJournalTables(ConnectionPool &pool, const QString &schema)
{
    return runScript(pool, uR"(
        DROP SCHEMA IF EXISTS %1 CASCADE;
        CREATE SCHEMA %1;
        CREATE TABLE %1.%2 (id int PRIMARY KEY, label text, note text DEFAULT 'n/a', n int);
        INSERT INTO %1.%2 VALUES (1, 'one', NULL, 1), (2, '', 'two', 2), (3, 'three', '', 3),
                                 (4, 'four', 'x', 4);
        CREATE TABLE %1.other (id int PRIMARY KEY, label text, note text, n int);
        CREATE TABLE %1.loose (v text, n int);
        INSERT INTO %1.loose VALUES ('a', 1), ('a', 1), ('b', 2);
        CREATE TABLE %1.versions (id int PRIMARY KEY, label text);
        INSERT INTO %1.versions VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four');
        CREATE TABLE %1.loose_versions (v text);
        INSERT INTO %1.loose_versions VALUES ('kept'), ('updated');
        CREATE TABLE %1.crash (id int PRIMARY KEY, label text, note text DEFAULT 'n/a');
        INSERT INTO %1.crash VALUES (1, 'a', 'x'), (2, 'b', NULL), (3, 'c', ''), (4, 'd', 'y');
        )"_s.arg(sqlIdentifier(schema), sqlIdentifier(hostileTable())));
}

test::TablePage readTable(ConnectionPool &pool, const QString &schema, const QString &name,
                          const QString &orderBy)
{
    const Result<TableDetails> table = describeTable(pool, schema, name);
    if (!table.ok())
        qFatal("%s", qPrintable(table.error().toString()));
    Result<TablePage> page = readPage(pool, table.value(), orderBy);
    if (!page.ok())
        qFatal("%s", qPrintable(page.error().toString()));
    return std::move(page).value();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QStringList asideFiles(const QString &path, const QString &infix)
{
    const QFileInfo info(path);
    QStringList found;
    for (const QString &name : info.dir().entryList({info.fileName() + infix + u'*'}, QDir::Files))
        found.append(info.dir().absoluteFilePath(name));
    return found;
}

std::unique_ptr<EditBuffer> restoredBuffer(const QString &file, const TableDetails &table)
{
    auto buffer = std::make_unique<EditBuffer>(table);
    const Result<std::optional<JournalContents>> read = EditJournal::read(file, table);
    if (!read.ok() || !read.value())
        qFatal("no journal at %s: %s", qPrintable(file),
               read.ok() ? "" : qPrintable(read.error().toString()));
    read.value()->restoreInto(*buffer);
    return buffer;
}

} // namespace mizzle::test
