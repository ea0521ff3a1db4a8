#include "export_command.h"

#include "command_output.h"
#include "command_target.h"
#include "connection/pg_connection.h"
#include "export/export_verifier.h"
#include "export/script_export.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryFile>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

const QString usage =
    u"\nUsage: mizzle export [PROFILE_FILE | URI] [--schema S]... [--table S.T]... "
    "[--schema-only | --data-only] [--data-format copy|insert] [--verify] "
    "[-o FILE | -]; see mizzle export --help."_s;

struct Job
{
    ExportOptions options;
    QString output; // "-" for standard output
    bool verify = false;
};

// Copies a verified temporary script to standard output, for `--verify -o -`.
bool copyToStdout(const QString &path)
{
    QFile in(path);
    QFile out;
    if (!in.open(QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly))
        return false;
    while (!in.atEnd()) {
        const QByteArray block = in.read(1 << 20);
        if (out.write(block) != block.size())
            return false;
    }
    return out.flush();
}

int run(const CommandTarget &target, const Job &job)
{
    int exitCode = 2;
    auto connection = std::make_shared<PgConnection>();
    std::unique_ptr<ScriptExport> exporter;
    std::unique_ptr<ExportVerifier> verifier;
    QFile standardOutput;
    QTemporaryFile verified; // the script --verify restores, when it goes to standard output
    const bool toStdout = job.output == u"-";
    QString path = job.output;
    if (toStdout && job.verify) {
        if (!verified.open())
            return commandFailed(u"export"_s, u"cannot create a temporary file"_s);
        path = verified.fileName();
    }

    const auto finishVerify = [&](const Result<VerifyReport> &report) {
        if (!report) {
            commandFailed(u"export"_s, u"--verify: "_s + report.error().toString());
            return QCoreApplication::exit(2);
        }
        if (!report->identical()) {
            QString text = u"mizzle export: --verify: the restored copy differs from the "
                           "source:\n"_s;
            for (const QString &difference : report->differences)
                text += u"  "_s + difference + u'\n';
            writeOut(text.toLocal8Bit(), stderr);
            return QCoreApplication::exit(1);
        }
        if (toStdout && !copyToStdout(path)) {
            commandFailed(u"export"_s, u"cannot write to standard output"_s);
            return QCoreApplication::exit(2);
        }
        writeOut(u"mizzle export: verified: %1 definitions, %2 tables' rows and %3 sequences "
                 "restore exactly\n"_s.arg(report->definitions)
                     .arg(report->tables)
                     .arg(report->sequences)
                     .toLocal8Bit(),
                 stderr);
        QCoreApplication::exit(0);
    };
    const auto finishExport = [&](const Result<ExportSummary> &summary) {
        connection.reset();
        if (!summary) {
            commandFailed(u"export"_s, summary.error().toString());
            return QCoreApplication::exit(2);
        }
        if (!job.verify)
            return QCoreApplication::exit(0);
        verifier = std::make_unique<ExportVerifier>(target.parameters, path, job.options);
        QObject::connect(verifier.get(), &ExportVerifier::finished, verifier.get(), finishVerify);
        verifier->start();
    };

    connection->open(connection.get(), target.parameters, [&](Result<void> opened) {
        if (!opened) {
            commandFailed(u"export"_s, opened.error().toString());
            return QCoreApplication::exit(2);
        }
        exporter = std::make_unique<ScriptExport>(connection, job.options);
        QObject::connect(exporter.get(), &ScriptExport::finished, exporter.get(), finishExport);
        if (toStdout && !job.verify) {
            if (!standardOutput.open(stdout, QIODevice::WriteOnly))
                return QCoreApplication::exit(2);
            exporter->start(&standardOutput);
        } else {
            exporter->start(path);
        }
    });
    exitCode = QCoreApplication::exec();
    return exitCode;
}

} // namespace

bool isExportCommand(int argc, char *argv[])
{
    return argc >= 2 && std::strcmp(argv[1], "export") == 0;
}

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Writes an SQL script of schemas and tables (definitions, data or both) that psql "
        u"restores as it is: psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE. Without "
        u"--schema or --table it holds every schema but the system's. Exits 0, 1 when --verify "
        u"finds a difference, or 2 on a bad command line or a failed connection or export."_s);
    parser.addPositionalArgument(u"export"_s, u"The command."_s, u"export"_s);
    parser.addPositionalArgument(u"target"_s,
                                 u"A connection profile file (*.json) or a libpq URI; without "
                                 u"one, libpq's defaults and PG* variables apply."_s,
                                 u"[PROFILE_FILE | URI]"_s);
    const QCommandLineOption schema(u"schema"_s, u"A schema to export, its name as stored."_s,
                                    u"S"_s);
    const QCommandLineOption table(
        u"table"_s, u"A table to export (with its partitions), as SQL writes it: S.T."_s, u"S.T"_s);
    const QCommandLineOption schemaOnly(u"schema-only"_s, u"Definitions only, no rows."_s);
    const QCommandLineOption dataOnly(u"data-only"_s, u"Rows and sequence values only."_s);
    const QCommandLineOption dataFormat(
        u"data-format"_s, u"copy (COPY … FROM stdin blocks, the default) or insert."_s,
        u"copy|insert"_s, u"copy"_s);
    const QCommandLineOption onConflict(u"on-conflict-do-nothing"_s,
                                        u"With --data-format insert: skip rows that exist."_s);
    const QCommandLineOption owners(u"owners"_s, u"Write each object's owner."_s);
    const QCommandLineOption grants(u"grants"_s, u"Write the privileges granted on objects."_s);
    const QCommandLineOption verify(
        u"verify"_s, u"Restore the script into a scratch database on the same server, compare "
                     u"it with the source, and drop it."_s);
    const QCommandLineOption output(QStringList{u"o"_s, u"output"_s},
                                    u"The file to write, or - for standard output (the "
                                    u"default)."_s,
                                    u"FILE"_s, u"-"_s);
    parser.addOptions({schema, table, schemaOnly, dataOnly, dataFormat, onConflict, owners, grants,
                       verify, output});
    const QCommandLineOption help = parser.addHelpOption();

    if (!parser.parse(arguments))
        return commandFailed(u"export"_s, parser.errorText() + usage);
    if (parser.isSet(help)) {
        writeOut(parser.helpText().toLocal8Bit(), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments().mid(1); // after "export"
    if (positional.size() > 1)
        return commandFailed(
            u"export"_s,
            u"give at most one profile file or URI; got %1."_s.arg(positional.size()) + usage);
    if (parser.isSet(schemaOnly) && parser.isSet(dataOnly))
        return commandFailed(u"export"_s,
                             u"--schema-only and --data-only exclude each other."_s + usage);
    const QString format = parser.value(dataFormat);
    if (format != u"copy" && format != u"insert")
        return commandFailed(u"export"_s,
                             u"--data-format is copy or insert, not \"%1\"."_s.arg(format) + usage);
    if (parser.isSet(onConflict) && format != u"insert")
        return commandFailed(u"export"_s,
                             u"--on-conflict-do-nothing needs --data-format insert."_s + usage);

    Job job;
    job.options.schemas = parser.values(schema);
    job.options.tables = parser.values(table);
    job.options.definitions = !parser.isSet(dataOnly);
    job.options.data = !parser.isSet(schemaOnly);
    job.options.dataFormat =
        format == u"insert" ? ExportOptions::DataFormat::Insert : ExportOptions::DataFormat::Copy;
    job.options.onConflictDoNothing = parser.isSet(onConflict);
    job.options.owners = parser.isSet(owners);
    job.options.grants = parser.isSet(grants);
    job.output = parser.value(output);
    job.verify = parser.isSet(verify);

    Result<CommandTarget> target = resolveCommandTarget(u"export"_s, positional.value(0));
    if (!target)
        return commandFailed(u"export"_s, target.error().toString());
    if (job.verify && target->readOnly)
        return commandFailed(u"export"_s,
                             u"the profile is read-only, and --verify would create a scratch "
                             "database on its server; export without --verify."_s);
    return run(target.value(), job);
}

} // namespace mizzle
