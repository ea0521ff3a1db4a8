#include "export/script_export.h"

#include "connection/pg_connection.h"
#include "export/export_plan_reader.h"
#include "export/insert_rows.h"
#include "export/script_writer.h"
#include "values/sql_literal.h"

#include <QSaveFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr int insertChunkRows = 1000;
constexpr qint64 progressEveryRows = 20000;

// Where the snapshot was taken, for the script's header; now() is the transaction's start.
const QString aboutServer = uR"(SELECT current_setting('server_version'), current_database(),
       current_user, coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'a local socket'),
       current_setting('TimeZone'),
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'))"_s;

QString holds(const ExportOptions &options)
{
    QString what = options.definitions && options.data ? u"definitions and data"_s
                   : options.definitions               ? u"definitions only"_s
                                                       : u"data only"_s;
    if (options.data)
        what +=
            options.dataFormat == ExportOptions::DataFormat::Copy ? u" (COPY)"_s : u" (INSERT)"_s;
    QStringList of;
    for (const QString &schema : options.schemas)
        of.append(u"schema "_s + sqlIdentifier(schema));
    for (const QString &table : options.tables)
        of.append(u"table "_s + table);
    return what + u" of "_s + (of.isEmpty() ? u"every schema"_s : of.join(u", "_s));
}

// Set first, for every statement that follows: the same as the snapshot's, so that every value
// reads back as it was written, and no function body is checked before its tables exist.
QStringList settings(const QString &timeZone)
{
    return {u"SET statement_timeout = 0;"_s,
            u"SET lock_timeout = 0;"_s,
            u"SET idle_in_transaction_session_timeout = 0;"_s,
            u"SET client_encoding = 'UTF8';"_s,
            u"SET standard_conforming_strings = on;"_s,
            u"SELECT pg_catalog.set_config('search_path', '', false);"_s,
            u"SET check_function_bodies = false;"_s,
            u"SET xmloption = content;"_s,
            u"SET client_min_messages = warning;"_s,
            u"SET row_security = off;"_s,
            u"SET TimeZone = %1;"_s.arg(sqlString(timeZone)),
            u"SET DateStyle = ISO;"_s,
            u"SET IntervalStyle = postgres;"_s,
            u"SET extra_float_digits = 3;"_s};
}

} // namespace

ScriptExport::ScriptExport(ConnectionPool::Lease lease, ExportOptions options, QObject *parent)
    : QObject(parent)
    , m_lease(std::move(lease))
    , m_options(std::move(options))
{}

ScriptExport::~ScriptExport() = default;

void ScriptExport::start(const QString &path)
{
    m_file = std::make_unique<QSaveFile>(path);
    m_summary.path = path;
    if (!m_file->open(QIODevice::WriteOnly)) {
        const Error error{u"cannot write the file: %1"_s.arg(m_file->errorString()), path,
                          u"Choose a folder you may write to."_s};
        m_running = true;
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    start(m_file.get());
}

void ScriptExport::start(QIODevice *device)
{
    m_device = device;
    m_writer = std::make_unique<ScriptWriter>(device);
    m_running = true;
    QTimer::singleShot(0, this, &ScriptExport::begin);
}

void ScriptExport::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_lease && m_lease->state() == PgConnection::State::Busy)
        m_lease->cancel(); // the running statement's callback then ends the export
    else
        fail(Error{u"the export was cancelled"_s, m_summary.path, u"You cancelled it."_s});
}

bool ScriptExport::stopped(const Result<void> &step)
{
    if (!m_running)
        return true;
    if (m_cancelled) {
        fail(Error{u"the export was cancelled"_s, m_summary.path, u"You cancelled it."_s});
        return true;
    }
    if (!step) {
        fail(step.error());
        return true;
    }
    return false;
}

void ScriptExport::begin()
{
    if (stopped({}))
        return;
    m_lease->execScript(this, exportSnapshotBegin(), [this](Result<QueryResult> began) {
        if (!stopped(began ? Result<void>() : Result<void>(began.error())))
            readPlan();
    });
}

void ScriptExport::readPlan()
{
    m_lease->exec(this, aboutServer, {}, [this](Result<QueryResult> about) {
        if (stopped(about ? Result<void>() : Result<void>(about.error())))
            return;
        const QueryResult server = std::move(about).value();
        const QString timeZone = server.text(0, 4);
        const QStringList header{
            QString(),
            u"Mizzle SQL script export"_s,
            QString(),
            u"Holds: "_s + holds(m_options),
            u"From: PostgreSQL %1 at %2, database %3, as %4"_s.arg(
                server.text(0, 0), server.text(0, 3), sqlIdentifier(server.text(0, 1)),
                sqlIdentifier(server.text(0, 2))),
            u"Taken: %1, in one REPEATABLE READ snapshot (values in time zone %2)"_s.arg(
                server.text(0, 5), timeZone),
            QString(),
            u"Run it with psql, as it is (it holds no BEGIN or COMMIT of its own):"_s,
            u"    psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE"_s,
            QString()};
        ExportPlanReader::read(
            *m_lease, this, m_options, [this, header, timeZone](Result<ExportPlan> plan) {
                if (stopped(plan ? Result<void>() : Result<void>(plan.error())))
                    return;
                m_plan = std::move(plan).value();
                m_writer->writeNotes(header);
                if (m_plan.dataOrderCycle && !m_options.definitions) {
                    m_writer->writeNotes({u"The tables' foreign keys form a cycle: no order of "
                                          "their rows satisfies them all, so restore this "
                                          "data-only script with them deferrable or dropped."_s,
                                          QString()});
                }
                m_writer->writeBuiltStatement({});
                for (const QString &setting : settings(timeZone))
                    m_writer->writeBuiltStatement(setting.toUtf8());
                if (stopped(writeDefinitions()))
                    return;
                m_progress.tableCount = int(m_plan.tables.size());
                for (const ExportTable &table : std::as_const(m_plan.tables))
                    m_progress.estimatedRows += table.estimatedRows;
                reportProgress();
                writeNextTable();
            });
    });
}

Result<void> ScriptExport::writeDefinitions()
{
    QString key;
    for (const ExportStatement &statement : std::as_const(m_plan.preData)) {
        if (statement.key != key) {
            key = statement.key;
            ++m_summary.objects;
            m_writer->writeHeading(statement.kind, statement.schema, statement.name);
        }
        if (Result<void> written = m_writer->writeStatement(statement.sql); !written)
            return written;
    }
    return {};
}

void ScriptExport::writeNextTable()
{
    if (m_nextTable >= m_plan.tables.size())
        return writeRest();
    const ExportTable &table = m_plan.tables.at(m_nextTable);
    m_progress.table = table.qualifiedName;
    m_tableRows = 0;
    m_writer->writeHeading(u"TABLE DATA"_s, table.schema, table.name);
    if (m_options.dataFormat == ExportOptions::DataFormat::Copy)
        copyTable(table);
    else
        insertTable(table);
}

void ScriptExport::copyTable(const ExportTable &table)
{
    if (stopped(m_writer->beginCopy(table.qualifiedName, table.columns)))
        return;
    m_lease->execCopyOut(
        this, u"COPY %1 (%2) TO STDOUT"_s.arg(table.qualifiedName, table.columns),
        [this](QByteArrayView row) {
            if (m_rowError)
                return;
            if (Result<void> written = m_writer->writeCopyRow(row); !written) {
                m_rowError = written.error();
                m_lease->cancel();
                return;
            }
            if (++m_progress.rows % progressEveryRows == 0)
                reportProgress();
        },
        [this](Result<QueryResult> copied) {
            m_writer->endCopy();
            tableWritten(std::move(copied));
        });
}

void ScriptExport::insertTable(const ExportTable &table)
{
    m_inserts = std::make_unique<InsertRows>(table, m_options);
    m_lease->execStreaming(
        this, u"SELECT %1 FROM ONLY %2"_s.arg(table.columns, table.qualifiedName), insertChunkRows,
        [this](const PGresult *chunk) {
            const QueryResult rows(chunk);
            for (qsizetype row = 0; row < rows.rowCount(); ++row) {
                m_inserts->add(rows, row);
                if (m_inserts->isFull())
                    m_writer->writeBuiltStatement(m_inserts->take());
            }
            const qint64 before = m_progress.rows;
            m_progress.rows += rows.rowCount();
            if (before / progressEveryRows != m_progress.rows / progressEveryRows)
                reportProgress();
            if (!m_rowError) {
                if (Result<void> flushed = m_writer->flush(); !flushed) {
                    m_rowError = flushed.error();
                    m_lease->cancel();
                }
            }
        },
        [this](Result<QueryResult> selected) {
            if (!m_inserts->isEmpty())
                m_writer->writeBuiltStatement(m_inserts->take());
            tableWritten(std::move(selected));
        });
}

void ScriptExport::tableWritten(Result<QueryResult> result)
{
    if (m_rowError)
        return fail(*m_rowError);
    if (stopped(result ? Result<void>() : Result<void>(result.error())))
        return;
    ++m_nextTable;
    ++m_progress.tablesDone;
    ++m_summary.tables;
    reportProgress();
    writeNextTable();
}

void ScriptExport::writeRest()
{
    QString key;
    for (const QList<ExportStatement> *section : {&m_plan.sequenceValues, &m_plan.postData}) {
        for (const ExportStatement &statement : *section) {
            if (statement.key != key || statement.kind == u"ACL") {
                key = statement.key;
                m_writer->writeHeading(statement.kind, statement.schema, statement.name);
            }
            if (stopped(m_writer->writeStatement(statement.sql)))
                return;
        }
    }
    m_writer->writeNotes({QString(), u"End of the Mizzle SQL script export"_s, QString()});
    if (stopped(m_writer->flush()))
        return;
    if (m_file && !m_file->commit()) {
        return fail(Error{u"cannot write the file: %1"_s.arg(m_file->errorString()), m_summary.path,
                          u"Check the disk's free space."_s});
    }
    m_summary.rows = m_progress.rows;
    m_summary.bytes = m_writer->bytesWritten();
    end(m_summary);
}

void ScriptExport::fail(const Error &error)
{
    if (m_file)
        m_file->cancelWriting();
    end(error);
}

void ScriptExport::end(Result<ExportSummary> result)
{
    if (!m_running)
        return;
    m_running = false;
    // The snapshot's transaction wrote nothing: a pool rolls back a connection given back
    // inside one, and a connection of its own ends it by closing.
    m_lease.reset();
    emit finished(result);
}

void ScriptExport::reportProgress()
{
    m_progress.bytes = m_writer->bytesWritten();
    emit progress(m_progress);
}

} // namespace mizzle
