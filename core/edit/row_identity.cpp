#include "edit/row_identity.h"

#include "connection/query_result.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

int resultColumn(const QueryResult &rows, const QString &name, int from)
{
    for (int column = from; column < rows.columnCount(); ++column) {
        if (rows.columns().at(column).name == name)
            return column;
    }
    return -1;
}

} // namespace

QString RowIdentity::mapKey() const
{
    if (key.isEmpty())
        return u"@"_s + partition + u'/' + location;
    QString joined;
    for (const QString &value : key) // lengths first, so no value can pass for two
        joined += QString::number(value.size()) + u':' + value;
    return joined;
}

RowIdentity identityOf(const TableDetails &table, const QueryResult &rows, qsizetype row)
{
    RowIdentity identity;
    const int hidden = int(table.columns.size()); // the reader's own columns follow these
    for (const QString &name : table.primaryKey) {
        for (int column = 0; column < hidden; ++column) {
            if (table.columns.at(column).name == name)
                identity.key.append(rows.text(row, column));
        }
    }
    const auto text = [&](const QString &name) {
        const int column = resultColumn(rows, name, hidden);
        return column < 0 || rows.isNull(row, column) ? QString() : rows.text(row, column);
    };
    identity.version = text(u"xmin"_s);
    if (identity.key.isEmpty()) {
        identity.location = text(u"ctid"_s);
        identity.partition = text(u"tableoid"_s);
    }
    return identity;
}

QList<std::optional<QString>> rowValues(const TableDetails &table, const QueryResult &rows,
                                        qsizetype row)
{
    QList<std::optional<QString>> values;
    for (int column = 0; column < table.columns.size(); ++column)
        values.append(rows.isNull(row, column) ? std::nullopt
                                               : std::optional(rows.text(row, column)));
    return values;
}

} // namespace mizzle
