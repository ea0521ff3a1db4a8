#include "values/sql_literal.h"

namespace mizzle {

using namespace Qt::StringLiterals;

QString sqlIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString sqlString(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"''"_s);
    return u'\'' + quoted + u'\'';
}

void appendSqlString(QByteArray &out, QByteArrayView utf8)
{
    out.append('\'');
    for (const char c : utf8) {
        if (c == '\'')
            out.append('\'');
        out.append(c);
    }
    out.append('\'');
}

QString sqlCastType(const QString &formatType)
{
    // format_type spells these built-in names exactly so; a user's type of the same name is
    // schema-qualified or quoted, and never matches.
    QString element = formatType;
    QString array;
    while (element.endsWith(u"[]"_s)) {
        element.chop(2);
        array += u"[]"_s;
    }
    const auto lengthOf = [&element](const QString &name) {
        return element.startsWith(name + u'(') && element.endsWith(u')');
    };
    if (lengthOf(u"character varying"_s))
        element = u"character varying"_s;
    else if (lengthOf(u"bit varying"_s) || lengthOf(u"bit"_s))
        element = u"bit varying"_s; // plain "bit" would mean bit(1); bit varying stores as bit(n)
    else if (lengthOf(u"character"_s) || element == u"character"_s)
        element = u"bpchar"_s; // plain "character" would mean character(1)
    return element + array;
}

QString sqlLiteral(const std::optional<QString> &value, const QString &type)
{
    if (!value)
        return u"NULL"_s;
    const QString cast = sqlCastType(type);
    // An untyped string already is text, and one stored in a character varying column is
    // checked against its length; the cast would add only noise.
    if (cast.isEmpty() || cast == u"text"_s || cast == u"character varying"_s)
        return sqlString(*value);
    return sqlString(*value) + u"::"_s + cast;
}

QString arrayLiteral(const QStringList &elements)
{
    QStringList quoted;
    quoted.reserve(elements.size());
    for (QString element : elements) {
        element.replace(u'\\', u"\\\\"_s);
        element.replace(u'"', u"\\\""_s);
        quoted.append(u'"' + element + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

} // namespace mizzle
