#include "command_line.h"

#include "browse/table_filter.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mizzle {

using namespace Qt::StringLiterals;

std::variant<LaunchOptions, EarlyExit> parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Mizzle, a native desktop studio for PostgreSQL.\n\n"
        u"Without a target, Mizzle starts (or reuses) a local playground cluster with a demo "
        u"schema and stops it again on exit.\n\n"
        u"mizzle plan FILE [--format json|text] reads an EXPLAIN plan (FILE, or - for standard "
        u"input) and prints the time, rows and buffers of each node, without a window or a "
        u"database; see mizzle plan --help.\n\n"
        u"mizzle monitor [PROFILE_FILE | URI] [--interval S] [--count N] [--format json|text] "
        u"samples the server's sessions, lock waits, saturation and rates and prints them, "
        u"without a window; see mizzle monitor --help.\n\n"
        u"mizzle export [PROFILE_FILE | URI] [--schema S]... [--table S.T]... [--verify] "
        u"[-o FILE | -] writes an SQL script that psql restores as it is, without a window; see "
        u"mizzle export --help."_s);
    parser.addPositionalArgument(u"target"_s,
                                 u"A connection profile file (*.json) or a libpq URI such as "
                                 u"postgresql://user@host/dbname."_s,
                                 u"[PROFILE_FILE | URI]"_s);
    const QCommandLineOption table(u"table"_s, u"Open this table once connected."_s,
                                   u"SCHEMA.NAME"_s);
    const QCommandLineOption where(
        u"where"_s, u"Open the --table filtered by this WHERE expression."_s, u"EXPR"_s);
    const QCommandLineOption orderBy(
        u"order-by"_s,
        u"Open the --table sorted by these columns, each optionally followed by ASC or DESC, "
        u"for example \"created_at DESC,id\"."_s,
        u"COL[,COL…]"_s);
    const QCommandLineOption screenshot(
        u"screenshot"_s,
        u"Render the window to this PNG once the table (or the schema tree) has loaded, "
        u"then exit: 0 on success, 1 if loading failed."_s,
        u"FILE.png"_s);
    const QCommandLineOption keepPlayground(
        u"keep-playground"_s, u"Leave the playground server running when Mizzle exits."_s);
    parser.addOptions({table, where, orderBy, screenshot, keepPlayground});
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    if (!parser.parse(arguments))
        return EarlyExit{parser.errorText() + u"\n\n"_s + parser.helpText(), 2};
    if (parser.isSet(help))
        return EarlyExit{parser.helpText(), 0};
    if (parser.isSet(version)) {
        return EarlyExit{QCoreApplication::applicationName() + u' ' +
                             QCoreApplication::applicationVersion() + u'\n',
                         0};
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        return EarlyExit{
            u"Give at most one profile file or URI; got %1.\n\n"_s.arg(positional.size()) +
                parser.helpText(),
            2};
    }
    LaunchOptions options;
    options.target = positional.value(0);
    options.table = parser.value(table);
    options.where = parser.value(where);
    if ((parser.isSet(where) || parser.isSet(orderBy)) && options.table.isEmpty())
        return EarlyExit{u"--where and --order-by need --table.\n"_s, 2};
    if (!options.where.trimmed().isEmpty()) {
        if (const std::optional<Error> problem = checkFilterExpression(options.where)) {
            return EarlyExit{
                u"--where: %1 at character %2 of \"%3\".\n"_s.arg(
                    problem->message, QString::number(problem->position), options.where),
                2};
        }
    }
    for (const QString &item : parser.value(orderBy).split(u',', Qt::SkipEmptyParts)) {
        const QStringList words = item.simplified().split(u' ');
        const QString direction = words.value(1).toLower();
        if (words.size() > 2 || (words.size() == 2 && direction != u"asc" && direction != u"desc"))
            return EarlyExit{u"--order-by: \"%1\" is not a column, optionally followed by ASC "
                             "or DESC.\n"_s.arg(item.trimmed()),
                             2};
        options.orderBy.append({words.first(), direction == u"desc", std::nullopt});
    }
    options.screenshotPath = parser.value(screenshot);
    options.keepPlayground = parser.isSet(keepPlayground);
    if (!options.screenshotPath.isEmpty() && !options.screenshotPath.endsWith(u".png"_s)) {
        return EarlyExit{u"--screenshot writes a PNG; give a file name ending in .png.\n"_s, 2};
    }
    return options;
}

} // namespace mizzle
