#include "sql/transaction_control.h"

#include "sql/pg_query_access.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

using Kind = TransactionControl::Kind;

// An A_Const as PostgreSQL would read a boolean setting: on/off, true/false, yes/no, 1/0. Zero
// fields are left out of libpg_query's JSON, so {"ival": {}} is 0.
std::optional<bool> booleanConstant(const QJsonObject &node)
{
    const QJsonObject constant = node.value(u"A_Const").toObject();
    if (constant.contains(u"ival"))
        return constant.value(u"ival").toObject().value(u"ival").toInt() != 0;
    if (constant.contains(u"boolval"))
        return constant.value(u"boolval").toObject().value(u"boolval").toBool();
    const QString text = constant.value(u"sval").toObject().value(u"sval").toString().toLower();
    static const QStringList yes{u"on"_s, u"true"_s, u"yes"_s, u"1"_s, u"t"_s, u"y"_s};
    static const QStringList no{u"off"_s, u"false"_s, u"no"_s, u"0"_s, u"f"_s, u"n"_s};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

// BEGIN's and SET TRANSACTION's options: DefElems named transaction_isolation, _read_only and
// _deferrable.
void readOptions(const QJsonArray &options, TransactionControl &control)
{
    for (const QJsonValue &option : options) {
        const QJsonObject element = option.toObject().value(u"DefElem").toObject();
        const QString name = element.value(u"defname").toString();
        const QJsonObject argument = element.value(u"arg").toObject();
        if (name == u"transaction_isolation")
            control.isolation = argument.value(u"A_Const")
                                    .toObject()
                                    .value(u"sval")
                                    .toObject()
                                    .value(u"sval")
                                    .toString()
                                    .toLower();
        else if (name == u"transaction_read_only")
            control.readOnly = booleanConstant(argument);
        else if (name == u"transaction_deferrable")
            control.deferrable = booleanConstant(argument);
    }
}

TransactionControl fromTransactionStmt(const QJsonObject &fields)
{
    static const QHash<QString, Kind> kinds{
        {u"TRANS_STMT_BEGIN"_s, Kind::Begin},
        {u"TRANS_STMT_START"_s, Kind::Begin},
        {u"TRANS_STMT_COMMIT"_s, Kind::Commit},
        {u"TRANS_STMT_ROLLBACK"_s, Kind::Rollback},
        {u"TRANS_STMT_SAVEPOINT"_s, Kind::Savepoint},
        {u"TRANS_STMT_RELEASE"_s, Kind::Savepoint},
        {u"TRANS_STMT_ROLLBACK_TO"_s, Kind::Savepoint},
        {u"TRANS_STMT_PREPARE"_s, Kind::TwoPhase},
        {u"TRANS_STMT_COMMIT_PREPARED"_s, Kind::TwoPhase},
        {u"TRANS_STMT_ROLLBACK_PREPARED"_s, Kind::TwoPhase},
    };
    TransactionControl control;
    control.kind = kinds.value(fields.value(u"kind").toString(), Kind::None);
    control.chain = fields.value(u"chain").toBool();
    readOptions(fields.value(u"options").toArray(), control);
    return control;
}

TransactionControl fromVariableSetStmt(const QJsonObject &fields)
{
    TransactionControl control;
    const QString name = fields.value(u"name").toString();
    const QString kind = fields.value(u"kind").toString();
    if (kind == u"VAR_SET_MULTI" &&
        (name == u"TRANSACTION" || name == u"SESSION CHARACTERISTICS")) {
        control.kind = name == u"TRANSACTION" ? Kind::SetTransaction : Kind::SetSessionDefaults;
        readOptions(fields.value(u"args").toArray(), control);
    } else if (name == u"default_transaction_read_only" || name == u"transaction_read_only") {
        control.kind = Kind::SetReadOnlySetting;
        const QJsonArray arguments = fields.value(u"args").toArray();
        if (kind == u"VAR_SET_VALUE" && arguments.size() == 1)
            control.readOnly = booleanConstant(arguments.first().toObject());
    }
    return control;
}

} // namespace

TransactionControl transactionControl(const QString &statement)
{
    const QJsonArray statements = pgQueryParseTree(statement).value(u"stmts").toArray();
    if (statements.size() != 1)
        return {};
    const QJsonObject node = statements.first().toObject().value(u"stmt").toObject();
    const QString type = parseNodeType(node);
    if (type == u"TransactionStmt")
        return fromTransactionStmt(parseNodeFields(node));
    if (type == u"VariableSetStmt")
        return fromVariableSetStmt(parseNodeFields(node));
    return {};
}

} // namespace mizzle
