#include "sql/view_columns.h"

#include "sql/pg_query_access.h"

#include <QJsonArray>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString stringField(const QJsonValue &node)
{
    return node.toObject().value(u"String").toObject().value(u"sval").toString();
}

// The base column a target shows unchanged: a bare "col", or "rel.col" naming the one relation.
QString plainColumn(const QJsonObject &target, const QStringList &relationNames)
{
    const QJsonObject value = target.value(u"val").toObject();
    if (parseNodeType(value) != u"ColumnRef")
        return {};
    const QJsonArray fields = parseNodeFields(value).value(u"fields").toArray();
    if (fields.size() == 1)
        return stringField(fields.at(0));
    if (fields.size() == 2 && relationNames.contains(stringField(fields.at(0))))
        return stringField(fields.at(1));
    return {};
}

} // namespace

QStringList viewColumnSources(const QString &definition)
{
    const QJsonArray statements = pgQueryParseTree(definition).value(u"stmts").toArray();
    if (statements.size() != 1)
        return {};
    const QJsonObject select =
        statements.at(0).toObject().value(u"stmt").toObject().value(u"SelectStmt").toObject();
    const QJsonArray from = select.value(u"fromClause").toArray();
    // A set operation, a WITH or a second relation: nothing maps one to one.
    const QString operation = select.value(u"op").toString(u"SETOP_NONE"_s);
    if (operation != u"SETOP_NONE" || select.contains(u"withClause") || from.size() != 1)
        return {};
    const QJsonObject relation = from.at(0).toObject().value(u"RangeVar").toObject();
    if (relation.isEmpty())
        return {};
    QStringList relationNames{relation.value(u"relname").toString()};
    if (const QString alias = relation.value(u"alias").toObject().value(u"aliasname").toString();
        !alias.isEmpty())
        relationNames = {alias}; // once aliased, the relation's own name no longer qualifies
    QStringList sources;
    for (const QJsonValue &target : select.value(u"targetList").toArray())
        sources.append(
            plainColumn(target.toObject().value(u"ResTarget").toObject(), relationNames));
    return sources;
}

} // namespace mizzle
