#include "export/script_writer.h"

#include "sql/sql_token_scanner.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr qsizetype bufferBytes = 1 << 20;

// The scanner's tokens that quote what they hold (pg_query.proto's Token): identifiers, strings
// of every kind (dollar-quoted ones are SCONST too), bit strings, and comments.
bool quotes(const SqlToken &token)
{
    switch (token.type) {
    case SqlToken::Ident:
    case SqlToken::UIdent:
    case SqlToken::SConst:
    case 262: // USCONST
    case 263: // BCONST
    case 264: // XCONST
    case SqlToken::SqlComment:
    case SqlToken::CComment:
        return true;
    default:
        return false;
    }
}

} // namespace

ScriptWriter::ScriptWriter(QIODevice *device)
    : m_device(device)
{
    m_buffer.reserve(bufferBytes + (bufferBytes >> 2));
}

QString ScriptWriter::oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            c = u' ';
    }
    return line;
}

Result<void> ScriptWriter::checkPsqlSafe(const QString &sql)
{
    if (!sql.contains(u'\\'))
        return {};
    const SqlScan scan = scanSql(sql);
    if (scan.errorAt >= 0)
        return Error{u"a statement has a quote, comment or dollar quote that does not end"_s,
                     sql.left(80)};
    int covered = 0; // every backslash before this offset has been seen inside a quoting token
    for (const SqlToken &token : scan.tokens) {
        const int backslash = int(sql.indexOf(u'\\', covered));
        if (backslash < 0)
            return {};
        if (backslash < token.start)
            break;
        if (backslash < token.end && !quotes(token))
            break;
        covered = token.end;
    }
    if (sql.indexOf(u'\\', covered) < 0)
        return {};
    return Error{u"a statement holds a backslash outside quotes, which psql would run as a "
                 "meta-command"_s,
                 sql.left(80),
                 u"Nothing was written. Report the object to the Mizzle developers."_s};
}

void ScriptWriter::writeNotes(const QStringList &lines)
{
    for (const QString &line : lines) {
        m_buffer += line.isEmpty() ? "--" : "-- ";
        m_buffer += oneLine(line).toUtf8();
        m_buffer += '\n';
    }
}

void ScriptWriter::writeHeading(const QString &kind, const QString &schema, const QString &name)
{
    m_buffer += '\n';
    writeNotes({QString(), u"Name: %1; Type: %2; Schema: %3"_s.arg(name, kind, schema), QString()});
    m_buffer += '\n';
}

Result<void> ScriptWriter::writeStatement(const QString &sql)
{
    if (Result<void> safe = checkPsqlSafe(sql); !safe)
        return safe;
    m_buffer += sql.toUtf8();
    m_buffer += '\n';
    return flushIfFull();
}

void ScriptWriter::writeBuiltStatement(const QByteArray &sql)
{
    m_buffer += sql;
    m_buffer += '\n';
}

Result<void> ScriptWriter::beginCopy(const QString &table, const QString &columns)
{
    return writeStatement(u"COPY %1 (%2) FROM stdin;"_s.arg(table, columns));
}

Result<void> ScriptWriter::writeCopyRow(QByteArrayView row)
{
    // COPY's text format ends each row with its only line break: any other would start a line
    // that psql reads on its own, "\." or a meta-command.
    if (row.isEmpty() || row.back() != '\n' || row.first(row.size() - 1).contains('\n') ||
        row.contains('\r') || row == QByteArrayView("\\.\n")) {
        return Error{u"the server sent a COPY row that is not one line of COPY's text format"_s,
                     QString::fromUtf8(row.first(qMin<qsizetype>(row.size(), 80))),
                     u"Nothing more was written."_s};
    }
    m_buffer += row;
    if (m_buffer.size() >= bufferBytes)
        return flush();
    return {};
}

void ScriptWriter::endCopy()
{
    m_buffer += "\\.\n";
}

Result<void> ScriptWriter::flushIfFull()
{
    if (m_buffer.size() >= bufferBytes)
        return flush();
    return {};
}

Result<void> ScriptWriter::flush()
{
    if (m_failed)
        return Error{u"the file could not be written"_s, QString()};
    if (m_buffer.isEmpty())
        return {};
    const qint64 wrote = m_device->write(m_buffer);
    if (wrote != m_buffer.size()) {
        m_failed = true;
        return Error{u"the file could not be written: %1"_s.arg(m_device->errorString()), QString(),
                     u"Check the disk's free space and the folder's permissions."_s};
    }
    m_written += wrote;
    m_buffer.clear();
    return {};
}

} // namespace mizzle
