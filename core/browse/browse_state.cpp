#include "browse/browse_state.h"

#include "base/file_names.h"
#include "base/versioned_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <cmath>
#include <limits>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kFormat = u"mizzle-browse-state"_s;
constexpr int kVersion = 1;

// One part of a table key: as it is, unless a dot or a double quote would make the key
// ambiguous; then quoted as SQL quotes an identifier.
QString keyPart(const QString &name)
{
    if (!name.isEmpty() && !name.contains(u'.') && !name.contains(u'"'))
        return name;
    return u'"' + QString(name).replace(u'"', u"\"\""_s) + u'"';
}

QString tableKey(const QString &schema, const QString &table)
{
    return keyPart(schema) + u'.' + keyPart(table);
}

bool readString(const QJsonObject &object, const QString &key, QString &into)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    into = value.toString();
    return value.isString();
}

bool readBool(const QJsonObject &object, const QString &key, bool &into)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    into = value.toBool();
    return value.isBool();
}

bool readStrings(const QJsonValue &value, QStringList &into)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue item : value.toArray()) {
        if (!item.isString())
            return false;
        into.append(item.toString());
    }
    return true;
}

bool readWidth(const QJsonValue &value, int &into)
{
    const double width = value.toDouble(-1);
    if (!value.isDouble() || width < 0 || width != std::trunc(width) ||
        width > std::numeric_limits<int>::max())
        return false;
    into = int(width);
    return true;
}

// Why a table's entry cannot be read (the key at fault), or an empty string when it can.
QString readState(const QJsonObject &object, BrowseState &state)
{
    const QJsonValue sort = object.value(u"sort"_s);
    if (!sort.isUndefined() && !sort.isArray())
        return u"sort"_s;
    for (const QJsonValue item : sort.toArray()) {
        const QJsonObject key = item.toObject();
        SortKey sortKey;
        if (!item.isObject() || !readString(key, u"column"_s, sortKey.column) ||
            !readBool(key, u"descending"_s, sortKey.descending))
            return u"sort"_s;
        if (const QJsonValue nullsFirst = key.value(u"nullsFirst"_s); !nullsFirst.isUndefined()) {
            if (!nullsFirst.isBool())
                return u"sort"_s;
            sortKey.nullsFirst = nullsFirst.toBool();
        }
        state.sort.append(sortKey);
    }

    const QJsonValue conditions = object.value(u"conditions"_s);
    if (!conditions.isUndefined() && !conditions.isArray())
        return u"conditions"_s;
    for (const QJsonValue item : conditions.toArray()) {
        const QJsonObject condition = item.toObject();
        FilterCondition filter;
        QString token;
        if (!item.isObject() || !readString(condition, u"column"_s, filter.column) ||
            !readString(condition, u"op"_s, token) ||
            !readStrings(condition.value(u"values"_s), filter.values))
            return u"conditions"_s;
        const std::optional<FilterOperator> op = filterOperatorFromToken(token);
        if (!op)
            return u"conditions"_s;
        filter.op = *op;
        state.filter.conditions.append(filter);
    }

    if (!readBool(object, u"matchAny"_s, state.filter.matchAny))
        return u"matchAny"_s;
    if (!readString(object, u"expression"_s, state.filter.expression))
        return u"expression"_s;

    const QJsonValue widths = object.value(u"columnWidths"_s);
    if (!widths.isUndefined() && !widths.isObject())
        return u"columnWidths"_s;
    const QJsonObject widthObject = widths.toObject();
    for (auto it = widthObject.begin(); it != widthObject.end(); ++it) {
        int width = 0;
        if (!readWidth(it.value(), width))
            return u"columnWidths"_s;
        state.columnWidths.insert(it.key(), width);
    }
    return {};
}

QJsonObject toJson(const BrowseState &state)
{
    QJsonArray sort;
    for (const SortKey &key : state.sort) {
        QJsonObject object{{u"column"_s, key.column}, {u"descending"_s, key.descending}};
        if (key.nullsFirst)
            object.insert(u"nullsFirst"_s, *key.nullsFirst);
        sort.append(object);
    }
    QJsonArray conditions;
    for (const FilterCondition &condition : state.filter.conditions) {
        conditions.append(QJsonObject{{u"column"_s, condition.column},
                                      {u"op"_s, filterOperatorToken(condition.op)},
                                      {u"values"_s, QJsonArray::fromStringList(condition.values)}});
    }
    QJsonObject widths;
    for (auto it = state.columnWidths.begin(); it != state.columnWidths.end(); ++it)
        widths.insert(it.key(), it.value());
    return QJsonObject{{u"sort"_s, sort},
                       {u"conditions"_s, conditions},
                       {u"matchAny"_s, state.filter.matchAny},
                       {u"expression"_s, state.filter.expression},
                       {u"columnWidths"_s, widths}};
}

} // namespace

BrowseStateStore::BrowseStateStore(const QString &directory, const QString &profileKey)
    : m_filePath(QDir(directory.isEmpty() ? defaultDirectory() : directory)
                     .absoluteFilePath(profileFileName(profileKey, u"profile"_s, u".json"_s)))
{}

QString BrowseStateStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           u"/browse-state"_s;
}

Result<std::optional<BrowseState>> BrowseStateStore::load(const QString &schema,
                                                          const QString &table) const
{
    FileContent content = read();
    if (content.error)
        return *content.error;
    const auto found = content.tables.constFind(tableKey(schema, table));
    if (found == content.tables.cend())
        return std::optional<BrowseState>();
    return std::optional<BrowseState>(*found);
}

Result<void> BrowseStateStore::save(const QString &schema, const QString &table,
                                    const BrowseState &state)
{
    FileContent content = read();
    if (!content.writable)
        return *content.error;
    const QString key = tableKey(schema, table);
    if (state == BrowseState{})
        content.tables.remove(key);
    else
        content.tables.insert(key, state);

    QJsonObject tables;
    for (auto it = content.tables.cbegin(); it != content.tables.cend(); ++it)
        tables.insert(it.key(), toJson(it.value()));
    const QJsonObject top{{u"format"_s, kFormat}, {u"version"_s, kVersion}, {u"tables"_s, tables}};
    const QByteArray bytes = QJsonDocument(top).toJson(QJsonDocument::Indented);

    const auto failure = [this](const QString &reason) {
        return Error{u"Cannot save the browse state: %1"_s.arg(reason),
                     m_filePath,
                     u"The table shows the same rows; only its filter, sort and column widths "
                     u"are not kept for next time."_s,
                     {},
                     {},
                     -1};
    };
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath()))
        return failure(u"its folder cannot be created"_s);
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failure(file.errorString());
    if (content.error)
        return *content.error; // saved, but the damage found on the way is still news
    return {};
}

BrowseStateStore::FileContent BrowseStateStore::read() const
{
    FileContent content;
    QFile file(m_filePath);
    if (!file.exists())
        return content;
    if (!file.open(QIODevice::ReadOnly)) {
        content.writable = false;
        content.error = Error{u"Cannot read the browse state: %1"_s.arg(file.errorString()),
                              m_filePath,
                              u"It is left as it is: tables open without their saved filters, "
                              u"sorts and column widths, and none are kept until it can be "
                              u"read."_s,
                              {},
                              {},
                              -1};
        return content;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    const auto damaged = [this, &content](const QString &problem) {
        content.tables.clear();
        const QString aside = brokenFilePath(m_filePath);
        Error error{
            u"The browse state file is damaged: %1"_s.arg(problem), m_filePath, {}, {}, {}, -1};
        if (QFile::rename(m_filePath, aside)) {
            error.hint = u"It was kept as %1; this profile's tables open without their saved "
                         u"filters, sorts and column widths."_s.arg(aside);
        } else {
            content.writable = false;
            error.hint = u"It could not be moved aside, so it is left in place and no browse "
                         u"state is kept until it is moved or repaired."_s;
        }
        content.error = error;
        return content;
    };
    const Result<QJsonObject> read =
        readVersionedJson(bytes, kFormat, kVersion, u"Mizzle browse state"_s);
    if (!read)
        return damaged(read.error().message);
    const QJsonObject &top = read.value();
    const QJsonValue tables = top.value(u"tables"_s);
    if (!tables.isObject())
        return damaged(u"\"tables\" is not an object"_s);
    const QJsonObject tableObject = tables.toObject();
    for (auto it = tableObject.begin(); it != tableObject.end(); ++it) {
        BrowseState state;
        const QString badKey =
            it.value().isObject() ? readState(it.value().toObject(), state) : QString();
        if (!it.value().isObject() || !badKey.isEmpty())
            return damaged(u"the entry of %1%2 has the wrong type"_s.arg(
                it.key(), badKey.isEmpty() ? QString() : u" ("_s + badKey + u')'));
        content.tables.insert(it.key(), state);
    }
    return content;
}

} // namespace mizzle
