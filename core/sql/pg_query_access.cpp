#include "sql/pg_query_access.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QStringView>
#include <pg_query.h>

namespace mizzle {

QMutex &pgQueryMutex()
{
    static QMutex mutex;
    return mutex;
}

QByteArray pgQueryInput(const QString &text)
{
    if (QStringView(text).isValidUtf16())
        return text.toUtf8();
    QString repaired = text;
    for (qsizetype i = 0; i < repaired.size(); ++i) {
        if (repaired.at(i).isHighSurrogate() && i + 1 < repaired.size() &&
            repaired.at(i + 1).isLowSurrogate())
            ++i;
        else if (repaired.at(i).isSurrogate())
            repaired[i] = QChar::ReplacementCharacter;
    }
    return repaired.toUtf8();
}

QJsonObject pgQueryParseTree(const QString &text)
{
    const QByteArray sql = pgQueryInput(text);
    QByteArray tree;
    {
        QMutexLocker lock(&pgQueryMutex());
        const PgQueryParseResult parsed = pg_query_parse(sql.constData());
        if (!parsed.error && parsed.parse_tree)
            tree = parsed.parse_tree;
        pg_query_free_parse_result(parsed);
    }
    return QJsonDocument::fromJson(tree).object();
}

QJsonObject pgQueryExpressionTree(const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return {};
    const QJsonArray statements =
        pgQueryParseTree(QStringLiteral("SELECT WHERE ") + expression)[u"stmts"].toArray();
    if (statements.size() != 1)
        return {};
    return statements.first()[u"stmt"][u"SelectStmt"][u"whereClause"].toObject();
}

std::vector<int> utf16OffsetsByByte(const QString &text)
{
    std::vector<int> offsets;
    offsets.reserve(size_t(text.size()) * 3 + 1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() &&
            text.at(i + 1).isLowSurrogate()) {
            offsets.insert(offsets.end(), 4, int(i));
            ++i;
        } else {
            // A lone surrogate is the three bytes of the U+FFFD that pgQueryInput writes.
            offsets.insert(offsets.end(), unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3, int(i));
        }
    }
    offsets.push_back(int(text.size()));
    return offsets;
}

} // namespace mizzle
