#include "monitor_command.h"

#include "command_output.h"
#include "command_target.h"
#include "monitor/pgbouncer_output.h"
#include "monitor/pgbouncer_sampler.h"
#include "monitor/sample_json.h"
#include "monitor/sample_text.h"
#include "monitor/server_sampler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace mizzle {

bool isMonitorCommand(int argc, char *argv[])
{
    return argc >= 2 && std::strcmp(argv[1], "monitor") == 0;
}

int runMonitorCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Samples a PostgreSQL server's sessions, lock waits, connection saturation, rates and "
        u"xmin horizon on a connection of its own (application_name mizzle-monitor), prints "
        u"each sample, then exits: 0, or 2 on a bad command line or a failed connection."_s);
    parser.addPositionalArgument(u"monitor"_s, u"The command."_s, u"monitor"_s);
    parser.addPositionalArgument(u"target"_s,
                                 u"A connection profile file (*.json) or a libpq URI; without "
                                 u"one, libpq's defaults and PG* variables apply."_s,
                                 u"[PROFILE_FILE | URI]"_s);
    const QCommandLineOption pgbouncer(
        u"pgbouncer"_s,
        u"PgBouncer's admin console (dbname pgbouncer), to sample its pools, stats, clients and "
        u"servers too; without it, the profile's \"pgbouncer\" object, if any."_s,
        u"URI"_s);
    const QCommandLineOption interval(u"interval"_s, u"Seconds between samples (default 2)."_s,
                                      u"S"_s, u"2"_s);
    const QCommandLineOption count(u"count"_s, u"How many samples to print (default 1)."_s, u"N"_s,
                                   u"1"_s);
    const QCommandLineOption format(
        u"format"_s, u"text (a table for reading, the default) or json (one line a sample)."_s,
        u"json|text"_s, u"text"_s);
    parser.addOptions({pgbouncer, interval, count, format});
    const QCommandLineOption help = parser.addHelpOption();

    const QString usage = u"\nUsage: mizzle monitor [PROFILE_FILE | URI] [--pgbouncer URI] "
                          "[--interval S] [--count N] [--format json|text]; see mizzle monitor "
                          "--help."_s;
    if (!parser.parse(arguments))
        return commandFailed(u"monitor"_s, parser.errorText() + usage);
    if (parser.isSet(help)) {
        writeOut(parser.helpText().toLocal8Bit(), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments().mid(1); // after "monitor"
    if (positional.size() > 1)
        return commandFailed(
            u"monitor"_s,
            u"give at most one profile file or URI; got %1."_s.arg(positional.size()) + usage);
    bool numeric = false;
    const double seconds = parser.value(interval).toDouble(&numeric);
    if (!numeric || !std::isfinite(seconds) || seconds < 0.01 || seconds > 86400)
        return commandFailed(
            u"monitor"_s,
            u"--interval is a number of seconds from 0.01 to 86400, not \"%1\"."_s.arg(
                parser.value(interval)) +
                usage);
    const int samples = parser.value(count).toInt(&numeric);
    if (!numeric || samples < 1)
        return commandFailed(
            u"monitor"_s,
            u"--count is a whole number of at least 1, not \"%1\"."_s.arg(parser.value(count)) +
                usage);
    const QString formatName = parser.value(format);
    if (formatName != u"json" && formatName != u"text")
        return commandFailed(u"monitor"_s,
                             u"--format is json or text, not \"%1\"."_s.arg(formatName) + usage);
    Result<CommandTarget> target = resolveCommandTarget(u"monitor"_s, positional.value(0));
    if (!target)
        return commandFailed(u"monitor"_s, target.error().toString());
    // --pgbouncer wins over the profile's own "pgbouncer" object.
    if (parser.isSet(pgbouncer)) {
        Result<ConnectionParameters> console =
            ConnectionParameters::fromConninfo(parser.value(pgbouncer));
        if (!console)
            return commandFailed(u"monitor"_s, u"--pgbouncer: "_s + console.error().toString());
        target->pgbouncer = std::move(console).value();
    }

    monitor::ServerSampler sampler(target->parameters);
    sampler.setIntervalMs(int(std::lround(seconds * 1000.0)));
    sampler.setOwnApplicationNames(target->ownApplicationNames);
    // PgBouncer is sampled right after each server sample and printed with it, so that one line
    // shows both at about the same moment; it keeps no timer of its own.
    std::unique_ptr<monitor::PgBouncerSampler> bouncer;
    if (target->pgbouncer)
        bouncer = std::make_unique<monitor::PgBouncerSampler>(*target->pgbouncer);
    std::optional<monitor::ServerSample> server;
    int printed = 0;
    const auto print = [&](const std::optional<monitor::PgBouncerSample> &pools) {
        if (formatName == u"json") {
            std::optional<QJsonObject> section;
            if (pools)
                section = monitor::pgbouncerSampleToJson(*pools);
            writeOut(monitor::sampleToJsonLine(*server, section) + '\n', stdout);
        } else {
            QString text = monitor::sampleToText(*server);
            if (pools)
                text += monitor::pgbouncerSampleToText(*pools);
            writeOut((text + u'\n').toLocal8Bit(), stdout);
        }
        if (++printed == samples) {
            sampler.stop();
            QCoreApplication::exit(0);
        }
    };
    const auto fail = [&](const QString &what, const Error &error) {
        sampler.stop();
        commandFailed(u"monitor"_s, what + error.toString());
        QCoreApplication::exit(2);
    };
    QObject::connect(&sampler, &monitor::ServerSampler::sampled, &sampler,
                     [&](const monitor::ServerSample &sample) {
                         server = sample;
                         if (bouncer)
                             bouncer->sampleOnce();
                         else
                             print(std::nullopt);
                     });
    QObject::connect(&sampler, &monitor::ServerSampler::failed, &sampler,
                     [&](const Error &error) { fail(QString(), error); });
    if (bouncer) {
        QObject::connect(bouncer.get(), &monitor::PgBouncerSampler::sampled, &sampler,
                         [&](const monitor::PgBouncerSample &sample) { print(sample); });
        QObject::connect(bouncer.get(), &monitor::PgBouncerSampler::failed, &sampler,
                         [&](const Error &error) { fail(u"PgBouncer: "_s, error); });
    }
    sampler.start();
    return QCoreApplication::exec();
}

} // namespace mizzle
