#include "monitor/series_csv.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace mizzle::monitor {

namespace {

Series seriesAt(int index)
{
    return Series(index);
}

} // namespace

QByteArray seriesCsv(const MonitorRing &ring)
{
    QByteArray csv = "time";
    for (int column = 0; column < seriesCount; ++column)
        csv += ',' + seriesKey(seriesAt(column)).toLatin1();
    csv += '\n';
    for (int row = 0; row < ring.size(); ++row) {
        const MonitorRing::Entry &entry = ring.at(row);
        csv += QDateTime::fromMSecsSinceEpoch(entry.atMs, QTimeZone::UTC)
                   .toString(Qt::ISODateWithMs)
                   .toLatin1();
        for (int column = 0; column < seriesCount; ++column) {
            csv += ',';
            if (const std::optional<double> value = seriesValue(entry.value, seriesAt(column)))
                csv += QByteArray::number(*value, 'g', 17);
        }
        csv += '\n';
    }
    return csv;
}

Result<QList<MonitorRing::Entry>> readSeriesCsv(const QByteArray &csv, const QString &where)
{
    QList<QByteArray> lines = csv.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return Error{u"the series file is empty"_s, where,
                     u"Export the series again from the Monitor tab."_s};
    const QList<QByteArray> header = lines.first().trimmed().split(',');
    if (header.value(0) != "time")
        return Error{u"the series file does not start with a \"time\" column"_s, where + u":1"_s,
                     u"Use a file exported from the Monitor tab."_s};
    QHash<int, Series> seriesOfColumn;
    for (int column = 1; column < header.size(); ++column) {
        for (int index = 0; index < seriesCount; ++index) {
            if (seriesKey(seriesAt(index)).toLatin1() == header[column])
                seriesOfColumn.insert(column, seriesAt(index));
        }
    }
    QList<MonitorRing::Entry> entries;
    for (int line = 1; line < lines.size(); ++line) {
        const QString at = where + u':' + QString::number(line + 1);
        const QList<QByteArray> cells = lines[line].trimmed().split(',');
        const QDateTime time = QDateTime::fromString(QString::fromLatin1(cells[0]), Qt::ISODate);
        if (!time.isValid())
            return Error{u"\"%1\" is not a time"_s.arg(QString::fromLatin1(cells[0])), at,
                         u"Times are ISO 8601, as 2026-12-02T07:00:00.000Z."_s};
        MonitorRing::Entry entry{time.toMSecsSinceEpoch(), {}};
        for (int column = 1; column < cells.size(); ++column) {
            const auto series = seriesOfColumn.constFind(column);
            if (series == seriesOfColumn.cend() || cells[column].isEmpty())
                continue;
            bool ok = false;
            const double value = cells[column].toDouble(&ok);
            if (!ok)
                return Error{u"\"%1\" in column %2 is not a number"_s.arg(
                                 QString::fromLatin1(cells[column]),
                                 QString::fromLatin1(header.value(column))),
                             at, u"Fix or remove that cell."_s};
            setSeriesValue(entry.value, *series, value);
        }
        entries.append(std::move(entry));
    }
    return entries;
}

} // namespace mizzle::monitor
