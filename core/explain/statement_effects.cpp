#include "explain/statement_effects.h"

#include "sql/pg_query_access.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle::explain {

namespace {

// Parse tree node names and fields that make a SELECT write or lock.
bool writesAnywhere(const QJsonValue &value)
{
    static const QStringList writers{u"InsertStmt"_s,       u"UpdateStmt"_s, u"DeleteStmt"_s,
                                     u"MergeStmt"_s,        u"intoClause"_s, u"lockingClause"_s,
                                     u"CreateTableAsStmt"_s};
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &item) { return writesAnywhere(item); });
    }
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (writers.contains(it.key()) || writesAnywhere(it.value()))
            return true;
    }
    return false;
}

} // namespace

bool statementMayChangeData(const QString &statement)
{
    // {"version": ..., "stmts": [{"stmt": {"SelectStmt": {...}}, "stmt_len": ...}]}; a text that
    // does not parse has no statements and is taken to change data.
    const QJsonArray statements = pgQueryParseTree(statement).value(u"stmts").toArray();
    if (statements.size() != 1)
        return true;
    const QJsonObject node = statements.first().toObject().value(u"stmt").toObject();
    if (parseNodeType(node) != u"SelectStmt")
        return true;
    return writesAnywhere(node.begin().value());
}

QString explainableStatement(const QString &statement)
{
    QString text = statement.trimmed();
    while (text.endsWith(u';'))
        text = text.chopped(1).trimmed();
    return text;
}

} // namespace mizzle::explain
