#include "plan_command.h"

#include "command_output.h"
#include "explain/plan_metrics.h"
#include "explain/plan_metrics_json.h"
#include "explain/plan_metrics_text.h"
#include "explain/plan_parser.h"

#include <QCommandLineParser>
#include <QFile>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

struct Input
{
    QByteArray bytes;
    QString error; // empty when the bytes were read
};

Input readInput(const QString &path)
{
    QFile file;
    bool opened = false;
    if (path == u"-") {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return {{}, file.errorString()};
    Input input{file.readAll(), {}};
    if (file.error() != QFileDevice::NoError)
        input.error = file.errorString();
    return input;
}

} // namespace

bool isPlanCommand(int argc, char *argv[])
{
    return argc >= 2 && std::strcmp(argv[1], "plan") == 0;
}

int runPlanCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Reads an EXPLAIN plan (FORMAT JSON or TEXT, as psql or auto_explain prints it) and "
        u"prints what Mizzle "
        u"derives from it: per-node exclusive and inclusive time, rows, estimates and buffers, "
        u"and whether the times add up. Exits 0 when the plan parsed, 2 when it did not."_s);
    parser.addPositionalArgument(u"plan"_s, u"The command."_s, u"plan"_s);
    parser.addPositionalArgument(u"file"_s, u"The plan file, or - for standard input."_s,
                                 u"FILE"_s);
    const QCommandLineOption format(
        u"format"_s, u"text (a table for reading, the default) or json (for scripts)."_s,
        u"json|text"_s, u"text"_s);
    parser.addOption(format);
    const QCommandLineOption help = parser.addHelpOption();

    const QString usage = u"\nUsage: mizzle plan FILE [--format json|text]; "
                          "see mizzle plan --help."_s;
    if (!parser.parse(arguments))
        return commandFailed(u"plan"_s, parser.errorText() + usage);
    if (parser.isSet(help)) {
        writeOut(parser.helpText().toLocal8Bit(), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments().mid(1); // after "plan"
    if (positional.size() != 1) {
        return commandFailed(u"plan"_s,
                             (positional.isEmpty()
                                  ? u"give the plan file, or - for standard input."_s
                                  : u"give one plan file; got %1."_s.arg(positional.size())) +
                                 usage);
    }
    const QString formatName = parser.value(format);
    if (formatName != u"json" && formatName != u"text")
        return commandFailed(u"plan"_s,
                             u"--format is json or text, not \"%1\"."_s.arg(formatName) + usage);

    const QString path = positional.first();
    const QString name = path == u"-" ? u"standard input"_s : path;
    const Input input = readInput(path);
    if (!input.error.isEmpty())
        return commandFailed(u"plan"_s, u"cannot read %1: %2."_s.arg(name, input.error));

    Result<QList<explain::Plan>> plans = explain::parsePlans(input.bytes);
    if (!plans) {
        // What is wrong, where, and what to do, on the lines a terminal shows first.
        const Error &error = plans.error();
        QString where = name;
        if (!error.where.isEmpty())
            where += u", "_s + error.where;
        const QString hint =
            error.hint.isEmpty()
                ? u"Give the output of EXPLAIN, in FORMAT JSON or TEXT, as PostgreSQL printed it."_s
                : error.hint;
        return commandFailed(u"plan"_s, where + u": "_s + error.message + u'\n' + hint);
    }
    if (plans->size() > 1) {
        writeOut(u"mizzle plan: %1 holds %2 plans; this is the first.\n"_s.arg(name)
                     .arg(plans->size())
                     .toLocal8Bit(),
                 stderr);
    }
    const explain::Plan &plan = plans->first();
    const explain::PlanMetrics metrics = explain::derivePlanMetrics(plan);
    if (formatName == u"json")
        writeOut(explain::planToMetricsJson(plan, metrics), stdout);
    else
        writeOut(explain::planToMetricsText(plan, metrics).toLocal8Bit(), stdout);
    return 0;
}

} // namespace mizzle
