#include "monitor/sample_text.h"

#include <QStringList>

namespace mizzle::monitor {

using namespace Qt::StringLiterals;

namespace {

QString age(const std::optional<double> &seconds)
{
    return seconds ? QString::number(*seconds, 'f', 1) + u's' : u"-"_s;
}

QString oneLine(const QString &query, int width)
{
    QString line = query.simplified();
    if (line.size() > width)
        line = line.left(width - 1) + u'…';
    return line;
}

QString summary(const ServerSample &sample)
{
    const Saturation &s = sample.saturation;
    QStringList lines;
    lines.append(u"%1  sample %2 ms  client backends %3 of %4 usable (max_connections %5, "
                 "Mizzle's own %6)"_s.arg(sample.sampledAt.toUTC().toString(Qt::ISODateWithMs))
                     .arg(sample.costMs, 0, 'f', 1)
                     .arg(s.clientBackends)
                     .arg(s.usableConnections)
                     .arg(s.maxConnections)
                     .arg(s.mizzleBackends));
    if (sample.throughPooler)
        lines.append(u"the target is a connection pooler (PgBouncer?): libpq's backend pid "
                     u"differs from pg_backend_pid(); sessions are seen through one of its server "
                     u"connections"_s);
    if (const auto &rates = sample.rates) {
        const QString hit = rates->cacheHitRatio
                                ? QString::number(*rates->cacheHitRatio * 100.0, 'f', 2) + u'%'
                                : u"-"_s;
        lines.append(u"rates over %1 s: %2 tps, tuples in %3/s, out %4/s, cache hit %5"_s
                         .arg(rates->intervalS, 0, 'f', 2)
                         .arg(rates->transactionsPerS, 0, 'f', 1)
                         .arg(rates->tuplesInPerS, 0, 'f', 1)
                         .arg(rates->tuplesOutPerS, 0, 'f', 1)
                         .arg(hit));
    } else {
        lines.append(u"rates: from the next sample on"_s);
    }
    if (const auto &xmin = sample.xminHorizon) {
        lines.append(u"xmin horizon: %1 (age %2) held by pid %3 %4 (%5), transaction %6"_s
                         .arg(xmin->backendXmin)
                         .arg(xmin->xminAge)
                         .arg(xmin->pid)
                         .arg(xmin->applicationName, xmin->state, age(xmin->xactAgeS)));
    }
    for (const BlockingRoot &root : sample.blockingRoots) {
        lines.append(u"blocking: pid %1 (%2) holds up %3 session(s), %4 directly%5"_s.arg(root.pid)
                         .arg(root.state.isEmpty() ? u"?"_s : root.state)
                         .arg(root.transitive)
                         .arg(root.direct)
                         .arg(root.cycle ? u", in a wait cycle"_s : QString()));
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace

QString sampleToText(const ServerSample &sample)
{
    QString text = summary(sample);
    const QString row = u"%1 %2 %3 %4 %5 %6 %7 %8 %9\n"_s;
    text += row.arg(u" "_s, u"PID"_s.rightJustified(7), u"STATE"_s.leftJustified(19),
                    u"WAIT"_s.leftJustified(20), u"BLOCKED BY"_s.leftJustified(11),
                    u"XACT"_s.rightJustified(8), u"QUERY"_s.rightJustified(8),
                    u"APPLICATION"_s.leftJustified(16), u"QUERY TEXT"_s);
    for (const Session &session : sample.sessions) {
        if (!session.isClientBackend())
            continue;
        QStringList blockers;
        for (int pid : session.blockedBy)
            blockers.append(QString::number(pid));
        const QString wait = session.waitEventType.isEmpty()
                                 ? QString()
                                 : session.waitEventType + u':' + session.waitEvent;
        text += row.arg(
            session.idleInTransaction() ? u"!"_s : u" "_s,
            QString::number(session.pid).rightJustified(7), session.state.leftJustified(19),
            wait.leftJustified(20), blockers.join(u',').leftJustified(11),
            age(session.xactAgeS).rightJustified(8), age(session.queryAgeS).rightJustified(8),
            oneLine(session.applicationName, 16).leftJustified(16), oneLine(session.query, 60));
    }
    return text;
}

} // namespace mizzle::monitor
