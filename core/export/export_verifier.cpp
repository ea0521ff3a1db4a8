#include "export/export_verifier.h"

#include "connection/pg_connection.h"
#include "export/export_plan_reader.h"
#include "playground/postgres_binaries.h"
#include "values/sql_literal.h"

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// The new database as the source's own: the same encoding and locale, so that text sorts and
// converts alike. Built by the server, which quotes every part.
const QString createDatabase = uR"(
SELECT format('CREATE DATABASE %I TEMPLATE template0 ENCODING %L LOCALE_PROVIDER %s%s%s',
              $1::text, pg_encoding_to_char(d.encoding),
              CASE d.datlocprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END,
              format(' LC_COLLATE %L LC_CTYPE %L', d.datcollate, d.datctype),
              CASE WHEN d.datlocprovider <> 'c' THEN format(' LOCALE %L', d.datlocale) END),
       (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user)
  FROM pg_database d WHERE d.datname = current_database())"_s;

// Per table: a count and a hash over the hashes of its rows, each row's columns in order of
// their names, so that a column order the restore changed (an inheritance child's) compares
// equal. The generated columns are in it too: they must come out the same.
const QString rowHashes = uR"(
SELECT t.name, format('SELECT count(*), md5(coalesce(string_agg(h, '''' ORDER BY h), '''')) '
                      'FROM (SELECT md5(ROW(%s)::text) AS h FROM ONLY %s) r',
                      string_agg(quote_ident(a.attname), ', ' ORDER BY a.attname), t.name)
  FROM unnest($1::text[]) t(name)
  JOIN pg_attribute a ON a.attrelid = t.name::regclass AND a.attnum > 0 AND NOT a.attisdropped
 GROUP BY t.name ORDER BY t.name)"_s;

QString psqlProgram()
{
    const QString onPath = QStandardPaths::findExecutable(u"psql"_s);
    if (!onPath.isEmpty())
        return onPath;
    const Result<QString> bin = findPostgresBinDir();
    return bin ? bin.value() + u"/psql"_s : u"psql"_s;
}

QStringList rendered(const ExportPlan &plan)
{
    QStringList lines;
    for (const QList<ExportStatement> *section :
         {&plan.preData, &plan.sequenceValues, &plan.postData}) {
        for (const ExportStatement &statement : *section)
            lines.append(statement.sql);
    }
    return lines;
}

void addDifferences(QStringList &differences, const QStringList &source,
                    const QStringList &restored)
{
    QStringList missing, extra;
    QStringList a = source, b = restored;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::set_difference(a.cbegin(), a.cend(), b.cbegin(), b.cend(), std::back_inserter(missing));
    std::set_difference(b.cbegin(), b.cend(), a.cbegin(), a.cend(), std::back_inserter(extra));
    for (const QString &line : std::as_const(missing))
        differences.append(u"not in the restored copy: "_s + line.left(200));
    for (const QString &line : std::as_const(extra))
        differences.append(u"only in the restored copy: "_s + line.left(200));
}

} // namespace

ExportVerifier::ExportVerifier(ConnectionParameters source, QString scriptPath,
                               ExportOptions options, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_scriptPath(std::move(scriptPath))
    , m_options(std::move(options))
{
    m_report.scratchDatabase =
        u"mizzle_verify_%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
}

ExportVerifier::~ExportVerifier()
{
    if (m_psql)
        m_psql->kill();
    if (!m_scratchCreated)
        return;
    // Gone before it could drop its scratch database (its dialog closed, say): a connection of
    // its own drops it in the background, then goes too.
    auto *dropper = new PgConnection;
    const QString drop =
        u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(sqlIdentifier(m_report.scratchDatabase));
    dropper->open(dropper, m_source, [dropper, drop](Result<void> opened) {
        if (!opened)
            return dropper->deleteLater();
        dropper->execScript(dropper, drop,
                            [dropper](Result<QueryResult>) { dropper->deleteLater(); });
    });
}

void ExportVerifier::start()
{
    m_running = true;
    emit stage(u"Creating the scratch database %1"_s.arg(m_report.scratchDatabase));
    m_admin = std::make_unique<PgConnection>();
    m_admin->open(this, m_source, [this](Result<void> opened) {
        if (!stopped(opened ? std::nullopt : std::optional(opened.error())))
            createScratch();
    });
}

void ExportVerifier::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_psql && m_psql->state() != QProcess::NotRunning)
        m_psql->kill(); // its finished() then stops the rest
    else if (m_scratch && m_scratch->state() == PgConnection::State::Busy)
        m_scratch->cancel();
}

bool ExportVerifier::stopped(const std::optional<Error> &error)
{
    if (!m_running)
        return true;
    if (m_cancelled) {
        fail(Error{u"the verification was cancelled"_s, m_report.scratchDatabase,
                   u"You cancelled it."_s});
        return true;
    }
    if (error) {
        fail(*error);
        return true;
    }
    return false;
}

void ExportVerifier::createScratch()
{
    m_admin->exec(
        this, createDatabase, {m_report.scratchDatabase}, [this](Result<QueryResult> sql) {
            if (stopped(sql ? std::nullopt : std::optional(sql.error())))
                return;
            if (sql->text(0, 1) != u"t") {
                return fail(Error{u"you may not create databases on this server, and verifying "
                                  "restores the export into a new one"_s,
                                  m_source.displayName(),
                                  u"Export without verifying, or ask for CREATEDB."_s});
            }
            m_admin->execScript(this, sql->text(0, 0), [this](Result<QueryResult> created) {
                if (stopped(created ? std::nullopt : std::optional(created.error())))
                    return;
                m_scratchCreated = true;
                restore();
            });
        });
}

ConnectionParameters ExportVerifier::scratchParameters() const
{
    ConnectionParameters scratch = m_source;
    scratch.set(u"dbname"_s, m_report.scratchDatabase);
    return scratch;
}

void ExportVerifier::restore()
{
    emit stage(u"Restoring the script into %1 with psql"_s.arg(m_report.scratchDatabase));
    m_psql = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (m_source.contains(u"password"_s))
        environment.insert(u"PGPASSWORD"_s, m_source.value(u"password"_s));
    m_psql->setProcessEnvironment(environment);
    m_psql->setStandardOutputFile(QProcess::nullDevice());
    connect(m_psql.get(), &QProcess::finished, this, &ExportVerifier::restored);
    connect(m_psql.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            fail(Error{u"psql could not be started"_s, m_psql->program(),
                       u"Install PostgreSQL's client programs (sudo apt-get install "
                       "postgresql-client)."_s});
        }
    });
    m_psql->start(psqlProgram(),
                  {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"--single-transaction"_s,
                   u"-f"_s, m_scriptPath, u"-d"_s, scratchParameters().conninfoWithoutPassword()});
}

void ExportVerifier::restored()
{
    if (stopped(std::nullopt))
        return;
    if (m_psql->exitStatus() != QProcess::NormalExit || m_psql->exitCode() != 0) {
        const QString said = QString::fromLocal8Bit(m_psql->readAllStandardError()).trimmed();
        return fail(Error{u"psql could not restore the script: %1"_s.arg(said.left(2000)),
                          QFileInfo(m_scriptPath).fileName(),
                          u"The script does not restore as it is: please report it, with the "
                          "object psql names."_s});
    }
    readPlans();
}

void ExportVerifier::readPlans()
{
    emit stage(u"Comparing the restored copy with the source"_s);
    m_scratch = std::make_unique<PgConnection>();
    m_scratch->open(this, scratchParameters(), [this](Result<void> opened) {
        if (stopped(opened ? std::nullopt : std::optional(opened.error())))
            return;
        // Both are read the same way, each in a snapshot of its own.
        const auto readBoth = [this](PgConnection *connection, auto next) {
            connection->execScript(
                this, exportSnapshotBegin(), [this, connection, next](Result<QueryResult> began) {
                    if (stopped(began ? std::nullopt : std::optional(began.error())))
                        return;
                    ExportPlanReader::read(*connection, this, m_options, next);
                });
        };
        readBoth(m_admin.get(), [this, readBoth](Result<ExportPlan> source) {
            if (stopped(source ? std::nullopt : std::optional(source.error())))
                return;
            m_sourcePlan = std::move(source).value();
            readBoth(m_scratch.get(), [this](Result<ExportPlan> copy) {
                if (stopped(copy ? std::nullopt : std::optional(copy.error())))
                    return;
                const QStringList expected = rendered(m_sourcePlan);
                m_report.definitions = int(expected.size());
                m_report.sequences = int(m_sourcePlan.sequenceValues.size());
                addDifferences(m_report.differences, expected, rendered(copy.value()));
                compareRows();
            });
        });
    });
}

void ExportVerifier::compareRows()
{
    QStringList tables;
    for (const ExportTable &table : std::as_const(m_sourcePlan.tables))
        tables.append(table.qualifiedName);
    m_report.tables = int(tables.size());
    if (tables.isEmpty())
        return drop(m_report);
    // The hash statements are built on each side, from its own columns, then run there.
    const auto hashes = [this, tables](PgConnection *connection, auto next) {
        connection->exec(this, rowHashes, {arrayLiteral(tables)},
                         [this, connection, next](Result<QueryResult> built) {
                             if (stopped(built ? std::nullopt : std::optional(built.error())))
                                 return;
                             QList<PgConnection::PipelineStatement> statements;
                             for (qsizetype row = 0; row < built->rowCount(); ++row)
                                 statements.append({built->text(row, 1), {}});
                             connection->execPipeline(this, statements, next);
                         });
    };
    hashes(m_admin.get(), [this, hashes, tables](Result<QList<QueryResult>> source) {
        if (stopped(source ? std::nullopt : std::optional(source.error())))
            return;
        hashes(m_scratch.get(),
               [this, source = source.value(), tables](Result<QList<QueryResult>> copy) {
                   if (stopped(copy ? std::nullopt : std::optional(copy.error())))
                       return;
                   QStringList sorted = tables;
                   std::sort(sorted.begin(), sorted.end());
                   for (qsizetype i = 0; i < sorted.size() && i < copy->size(); ++i) {
                       const QueryResult &a = source.at(i), &b = copy->at(i);
                       if (a.text(0, 0) != b.text(0, 0)) {
                           m_report.differences.append(
                               u"table %1: %2 rows in the source, %3 in the restored copy"_s.arg(
                                   sorted.at(i), a.text(0, 0), b.text(0, 0)));
                       } else if (a.text(0, 1) != b.text(0, 1)) {
                           m_report.differences.append(
                               u"table %1: the rows differ (the same count, %2)"_s.arg(
                                   sorted.at(i), a.text(0, 0)));
                       }
                   }
                   drop(m_report);
               });
    });
}

void ExportVerifier::fail(const Error &error)
{
    drop(error);
}

void ExportVerifier::drop(Result<VerifyReport> outcome)
{
    if (!m_running)
        return;
    // Its connections must be gone before the database can go. The drop gets a connection of
    // its own: the others may be busy, in a transaction, or broken.
    m_scratch.reset();
    m_admin.reset();
    if (!m_scratchCreated)
        return end(std::move(outcome));
    emit stage(u"Dropping %1"_s.arg(m_report.scratchDatabase));
    m_scratchCreated = false;
    m_admin = std::make_unique<PgConnection>();
    m_admin->open(this, m_source, [this, outcome = std::move(outcome)](Result<void> opened) {
        const auto dropped = [this, outcome](const std::optional<Error> &error) {
            if (error && outcome) {
                Error failed = *error;
                failed.hint = u"Drop the database %1 by hand."_s.arg(m_report.scratchDatabase);
                return end(failed);
            }
            end(outcome);
        };
        if (!opened)
            return dropped(opened.error());
        m_admin->execScript(this,
                            u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(
                                sqlIdentifier(m_report.scratchDatabase)),
                            [dropped](Result<QueryResult> result) {
                                dropped(result ? std::nullopt : std::optional(result.error()));
                            });
    });
}

void ExportVerifier::end(Result<VerifyReport> outcome)
{
    if (!m_running)
        return;
    m_running = false;
    emit finished(outcome);
}

} // namespace mizzle
