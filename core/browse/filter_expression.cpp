// checkFilterExpression (browse/table_filter.h): the parser's verdict on a raw WHERE expression.
#include "browse/table_filter.h"
#include "sql/pg_query_access.h"
#include "sql/sql_statement_splitter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kWherePrefix = u"SELECT WHERE "_s;
// Inside CASE WHEN ... THEN the grammar allows one expression and nothing after it, so the
// parser stops exactly where the expression ends: at the ";" of "1; DROP TABLE x", at the
// ORDER of "true ORDER BY 1". The line break ends a trailing "--" comment.
const QString kCasePrefix = u"SELECT CASE WHEN "_s;
const QString kCaseSuffix = u"\nTHEN NULL END"_s;

Error expressionError(const QString &message, int position, const QString &expression)
{
    Error error;
    error.message = message;
    error.where = u"expression"_s;
    error.hint = u"A filter expression is what could follow WHERE: one condition, such as "
                 u"price > 10 AND name ILIKE 'a%'."_s;
    error.position = std::clamp(position, 1, int(expression.size()) + 1);
    return error;
}

// A syntax error in the wrapped text, moved to the expression's own positions.
std::optional<Error> syntaxError(const QString &prefix, const QString &expression,
                                 const QString &suffix = {})
{
    std::optional<Error> error = checkSyntax(prefix + expression + suffix);
    if (!error)
        return std::nullopt;
    const int position = error->position > 0 ? error->position - int(prefix.size()) : 1;
    return expressionError(error->message, position, expression);
}

// "SELECT WHERE expression" and nothing else: one statement, no semicolon (which sets stmt_len),
// no ORDER BY, UNION, LIMIT, WINDOW or FOR UPDATE after the expression.
bool isWhereAlone(const QJsonObject &tree)
{
    const QJsonArray statements = tree[u"stmts"].toArray();
    if (statements.size() != 1)
        return false;
    const QJsonObject statement = statements.first().toObject();
    if (statement.contains(u"stmt_len"))
        return false;
    const QJsonObject select = statement[u"stmt"][u"SelectStmt"].toObject();
    if (!select.contains(u"whereClause") || select[u"op"].toString() != u"SETOP_NONE" ||
        select[u"limitOption"].toString() != u"LIMIT_OPTION_DEFAULT")
        return false;
    for (auto field = select.begin(); field != select.end(); ++field) {
        if (field.key() != u"whereClause" && field.key() != u"op" && field.key() != u"limitOption")
            return false;
    }
    return true;
}

// The byte location of the first $n in the tree, or -1.
int firstParameterLocation(const QJsonValue &node)
{
    if (node.isArray()) {
        for (const QJsonValue &item : node.toArray()) {
            if (const int location = firstParameterLocation(item); location >= 0)
                return location;
        }
    } else if (node.isObject()) {
        const QJsonObject object = node.toObject();
        if (object.contains(u"ParamRef"))
            return object[u"ParamRef"][u"location"].toInt(0);
        for (const QJsonValue &child : object) {
            if (const int location = firstParameterLocation(child); location >= 0)
                return location;
        }
    }
    return -1;
}

} // namespace

std::optional<Error> checkFilterExpression(const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return expressionError(u"The filter expression is empty."_s, 1, expression);
    if (std::optional<Error> error = syntaxError(kWherePrefix, expression))
        return error;
    const QString statement = kWherePrefix + expression;
    const QJsonObject tree = pgQueryParseTree(statement);
    if (!isWhereAlone(tree)) {
        if (std::optional<Error> error = syntaxError(kCasePrefix, expression, kCaseSuffix))
            return error;
        return expressionError(u"This is more than one expression."_s, 1, expression);
    }
    if (const int location = firstParameterLocation(tree); location >= 0) {
        const std::vector<int> utf16 = utf16OffsetsByByte(statement);
        const int at = utf16.at(std::clamp<size_t>(size_t(location), 0, utf16.size() - 1));
        return expressionError(u"A filter expression cannot use parameters such as $1."_s,
                               at - int(kWherePrefix.size()) + 1, expression);
    }
    return std::nullopt;
}

} // namespace mizzle
