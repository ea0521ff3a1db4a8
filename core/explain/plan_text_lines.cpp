#include "explain/plan_text_lines.h"

#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain::detail {

namespace {

// psql's frame characters, ASCII and Unicode (single and double lines).
bool isFrameCharacter(QChar c)
{
    static const QString frames = u"|+-─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫"_s;
    return frames.contains(c);
}

bool isVerticalFrame(QChar c)
{
    return c == u'|' || c == u'│' || c == u'║';
}

bool isWrapMark(QChar c)
{
    return c == u'.' || c == u'…';
}

bool isRule(const QString &trimmed)
{
    if (trimmed.startsWith(u"-[ RECORD "_s) || trimmed.startsWith(u"─[ RECORD "_s))
        return true;
    return !trimmed.isEmpty() && std::all_of(trimmed.begin(), trimmed.end(), isFrameCharacter);
}

bool isHeaderOrFooter(const QString &trimmed)
{
    static const QRegularExpression rowCount(u"^\\(\\d+ rows?\\)$"_s);
    QString inner = trimmed;
    if (!inner.isEmpty() && isVerticalFrame(inner.front()) && isVerticalFrame(inner.back()))
        inner = inner.mid(1, inner.size() - 2).trimmed();
    return inner == u"QUERY PLAN" || rowCount.match(inner).hasMatch();
}

QString rightTrimmed(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    return text.left(end);
}

QList<TextLine> splitLines(const QByteArray &input)
{
    QString text = QString::fromUtf8(input);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList split = text.split(u'\n');
    QList<TextLine> lines;
    for (qsizetype i = 0; i < split.size(); ++i) {
        QString line = split.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        lines.append(TextLine{line, int(i + 1)});
    }
    return lines;
}

// auto_explain: "... LOG:  duration: 0.035 ms  plan:", then the plan, each line indented by a
// tab in the server log, until the next log entry. Nullopt without such a line.
std::optional<QList<TextLine>> autoExplainEntry(const QList<TextLine> &lines)
{
    static const QRegularExpression start(u"duration: [0-9.]+ ms\\s+plan:\\s*$"_s);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!start.match(lines.at(i).text).hasMatch())
            continue;
        // A notice shown by a client (auto_explain.log_level = notice) has no tabs, and nothing
        // after it.
        const bool tabbed = i + 1 < lines.size() && lines.at(i + 1).text.startsWith(u'\t');
        QList<TextLine> entry;
        for (qsizetype j = i + 1; j < lines.size(); ++j) {
            const QString &line = lines.at(j).text;
            if (tabbed && !line.startsWith(u'\t') && !line.trimmed().isEmpty())
                break;
            entry.append(TextLine{tabbed ? line.mid(1) : line, lines.at(j).number});
        }
        return entry;
    }
    return std::nullopt;
}

} // namespace

QList<TextLine> planTextLines(const QByteArray &input)
{
    QList<TextLine> lines;
    const QList<TextLine> all = splitLines(input);
    for (const TextLine &line : autoExplainEntry(all).value_or(all)) {
        const QString trimmed = line.text.trimmed();
        if (trimmed.isEmpty() || isRule(trimmed) || isHeaderOrFooter(trimmed))
            continue;
        QString text = rightTrimmed(line.text);
        // Expanded mode puts "QUERY PLAN | " before each record's value.
        static const QRegularExpression expanded(u"^\\s*QUERY PLAN\\s*[|│] ?"_s);
        if (const QRegularExpressionMatch match = expanded.match(text); match.hasMatch())
            text = u' ' + text.mid(match.capturedLength());
        // A border-2 frame: drop the frame characters only, so that a wrap mark in the padding
        // next to them survives.
        const QString stripped = text.trimmed();
        if (stripped.size() >= 2 && isVerticalFrame(stripped.front()) &&
            isVerticalFrame(stripped.back())) {
            text = rightTrimmed(stripped.mid(1, stripped.size() - 2));
        }
        // A grid copied with quoting: "Seq Scan on ""t""  (cost=...)".
        if (text.size() >= 2 && text.startsWith(u'"') && text.endsWith(u'"') &&
            !text.startsWith(u"\"\"")) {
            text = text.mid(1, text.size() - 2).replace(u"\"\""_s, u"\""_s);
        }
        // A newline mark: the cell (one plan in one value) goes on in the next line.
        if (text.endsWith(u'+') || text.endsWith(u'↵'))
            text = rightTrimmed(text.chopped(1));
        // A wrap mark ends a line that psql cut at the terminal's width, and starts its rest.
        if (!lines.isEmpty() && !text.isEmpty() && isWrapMark(text.front()) &&
            !lines.last().text.isEmpty() && isWrapMark(lines.last().text.back())) {
            lines.last().text.chop(1);
            lines.last().text += rightTrimmed(text.mid(1));
            continue;
        }
        lines.append(TextLine{text, line.number});
    }
    return lines;
}

QByteArray autoExplainBody(const QByteArray &input)
{
    const std::optional<QList<TextLine>> entry = autoExplainEntry(splitLines(input));
    if (!entry)
        return input;
    QStringList lines;
    for (const TextLine &line : *entry)
        lines.append(line.text);
    return lines.join(u'\n').toUtf8();
}

} // namespace mizzle::explain::detail
