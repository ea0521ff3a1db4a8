#include "export/result_formatter.h"

#include "connection/query_result.h"
#include "values/sql_literal.h"

#include <QIODevice>
#include <algorithm>

namespace mizzle {

namespace {

// Built-in type OIDs (src/include/catalog/pg_type.dat).
constexpr unsigned int boolOid = 16;
constexpr unsigned int int8Oid = 20;
constexpr unsigned int int2Oid = 21;
constexpr unsigned int int4Oid = 23;
constexpr unsigned int oidOid = 26;
constexpr unsigned int jsonOid = 114;
constexpr unsigned int float4Oid = 700;
constexpr unsigned int float8Oid = 701;
constexpr unsigned int numericOid = 1700;
constexpr unsigned int jsonbOid = 3802;

// Rows are gathered into a buffer of about this size before it goes to the device.
constexpr qsizetype flushBytes = 256 * 1024;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// JSON's number grammar, which SQL's numeric constants accept too (after an optional minus).
// The server's text of an integer, numeric or float is one, except NaN and the infinities.
bool isPlainNumber(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype size = text.size();
    auto digits = [&] {
        const qsizetype start = i;
        while (i < size && isDigit(text[i]))
            ++i;
        return i > start;
    };
    if (i < size && text[i] == '-')
        ++i;
    if (i < size && text[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < size && text[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < size && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == size;
}

void appendJsonString(QByteArray &out, QByteArrayView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (byte < 0x20) {
                out.append("\\u00");
                out.append(hex[byte >> 4]);
                out.append(hex[byte & 0xf]);
            } else {
                out.append(c); // UTF-8 passes through: JSON text is UTF-8
            }
        }
    }
    out.append('"');
}

// A field of a delimited format: quoted, with " doubled, when it holds anything special, and
// when it is empty, so that the empty string differs from NULL.
void appendDelimitedField(QByteArray &out, QByteArrayView text, char separator)
{
    const bool quote = text.isEmpty() || std::any_of(text.begin(), text.end(), [=](char c) {
                           return c == separator || c == '"' || c == '\n' || c == '\r';
                       });
    if (!quote) {
        out.append(text);
        return;
    }
    out.append('"');
    for (const char c : text) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

bool writeAll(QIODevice &out, QByteArray &buffer)
{
    const bool ok = buffer.isEmpty() || out.write(buffer) == buffer.size();
    buffer.clear();
    return ok;
}

} // namespace

ResultFormatter::ResultFormatter(const QueryResult &result, ResultFormat format, QList<int> columns)
    : m_result(result)
    , m_format(format)
    , m_columns(std::move(columns))
{
    if (m_columns.isEmpty()) {
        for (int column = 0; column < result.columnCount(); ++column)
            m_columns.append(column);
    }
    for (const int column : std::as_const(m_columns)) {
        const ResultColumn &info = result.columns().at(column);
        switch (info.typeOid) {
        case int2Oid:
        case int4Oid:
        case int8Oid:
        case oidOid:
        case numericOid:
            m_kinds.append(Kind::Number);
            break;
        case float4Oid:
        case float8Oid:
            m_kinds.append(Kind::Float);
            break;
        case jsonOid:
        case jsonbOid:
            m_kinds.append(Kind::Json);
            break;
        case boolOid:
            m_kinds.append(Kind::Boolean);
            break;
        default:
            m_kinds.append(Kind::Other);
        }
        QByteArray key;
        appendJsonString(key, info.name.toUtf8());
        m_jsonKeys.append(key);
    }
    buildInsertPrefix();
}

void ResultFormatter::setTable(const QString &schema, const QString &name)
{
    m_schema = schema;
    m_table = name;
    buildInsertPrefix();
}

void ResultFormatter::buildInsertPrefix()
{
    QString prefix = QStringLiteral("INSERT INTO ");
    if (!m_schema.isEmpty())
        prefix += sqlIdentifier(m_schema) + QLatin1Char('.');
    prefix += sqlIdentifier(m_table) + QStringLiteral(" (");
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            prefix += QStringLiteral(", ");
        prefix += sqlIdentifier(m_result.columns().at(m_columns[i]).name);
    }
    prefix += QStringLiteral(") VALUES (");
    m_insertPrefix = prefix.toUtf8();
}

bool ResultFormatter::writeHeader(QIODevice &out)
{
    m_rowsWritten = 0;
    QByteArray buffer;
    appendHeader(buffer);
    return writeAll(out, buffer);
}

bool ResultFormatter::writeRows(QIODevice &out, qsizetype first, qsizetype last)
{
    QByteArray buffer;
    for (qsizetype row = first; row < last; ++row) {
        appendRow(buffer, row);
        if (buffer.size() >= flushBytes && !writeAll(out, buffer))
            return false;
    }
    return writeAll(out, buffer);
}

bool ResultFormatter::writeFooter(QIODevice &out)
{
    QByteArray buffer;
    appendFooter(buffer);
    return writeAll(out, buffer);
}

QByteArray ResultFormatter::format(const QList<qsizetype> &rows)
{
    m_rowsWritten = 0;
    QByteArray out;
    appendHeader(out);
    for (const qsizetype row : rows)
        appendRow(out, row);
    appendFooter(out);
    return out;
}

void ResultFormatter::appendHeader(QByteArray &out) const
{
    switch (m_format) {
    case ResultFormat::Csv:
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            if (i > 0)
                out.append(',');
            appendDelimitedField(out, m_result.columns().at(m_columns[i]).name.toUtf8(), ',');
        }
        out.append("\r\n");
        break;
    case ResultFormat::Json:
        out.append('[');
        break;
    case ResultFormat::Tsv:
    case ResultFormat::SqlInsert:
        break;
    }
}

void ResultFormatter::appendRow(QByteArray &out, qsizetype row)
{
    switch (m_format) {
    case ResultFormat::Tsv:
        if (m_rowsWritten > 0)
            out.append('\n');
        appendSeparatedRow(out, row, '\t');
        break;
    case ResultFormat::Csv:
        appendSeparatedRow(out, row, ',');
        out.append("\r\n");
        break;
    case ResultFormat::Json:
        out.append(m_rowsWritten > 0 ? ",\n  " : "\n  ");
        appendJsonRow(out, row);
        break;
    case ResultFormat::SqlInsert:
        appendInsertRow(out, row);
        break;
    }
    ++m_rowsWritten;
}

void ResultFormatter::appendFooter(QByteArray &out) const
{
    if (m_format == ResultFormat::Json)
        out.append(m_rowsWritten > 0 ? "\n]\n" : "]\n");
}

void ResultFormatter::appendSeparatedRow(QByteArray &out, qsizetype row, char separator) const
{
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            out.append(separator);
        const int column = m_columns[i];
        if (!m_result.isNull(row, column))
            appendDelimitedField(out, m_result.bytes(row, column), separator);
    }
}

void ResultFormatter::appendJsonRow(QByteArray &out, qsizetype row) const
{
    out.append('{');
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            out.append(", ");
        out.append(m_jsonKeys[i]);
        out.append(": ");
        const int column = m_columns[i];
        if (m_result.isNull(row, column)) {
            out.append("null");
            continue;
        }
        const QByteArrayView text = m_result.bytes(row, column);
        switch (m_kinds[i]) {
        case Kind::Number:
        case Kind::Float:
            if (isPlainNumber(text))
                out.append(text);
            else
                appendJsonString(out, text);
            break;
        case Kind::Json:
            out.append(text);
            break;
        case Kind::Boolean:
            out.append(text == "t" ? "true" : "false");
            break;
        case Kind::Other:
            appendJsonString(out, text);
            break;
        }
    }
    out.append('}');
}

void ResultFormatter::appendInsertRow(QByteArray &out, qsizetype row) const
{
    out.append(m_insertPrefix);
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            out.append(", ");
        const int column = m_columns[i];
        if (m_result.isNull(row, column)) {
            out.append("NULL");
            continue;
        }
        const QByteArrayView text = m_result.bytes(row, column);
        // SQL reads an unquoted number as numeric, which is exact but has no negative zero.
        const bool number =
            (m_kinds[i] == Kind::Number || (m_kinds[i] == Kind::Float && text != "-0")) &&
            isPlainNumber(text);
        if (number)
            out.append(text);
        else
            appendSqlString(out, text);
    }
    out.append(");\n");
}

} // namespace mizzle
