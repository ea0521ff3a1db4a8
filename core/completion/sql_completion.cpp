#include "completion/sql_completion.h"

#include "completion/completion_catalog.h"
#include "completion/sql_completion_context.h"

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// Ranked ahead of the other keywords that match equally well: what most statements are made of.
const QStringList kCommonKeywords = {
    u"select"_s, u"from"_s,   u"where"_s,    u"join"_s,     u"left"_s,   u"inner"_s,   u"on"_s,
    u"and"_s,    u"or"_s,     u"not"_s,      u"null"_s,     u"is"_s,     u"in"_s,      u"as"_s,
    u"order"_s,  u"by"_s,     u"group"_s,    u"having"_s,   u"limit"_s,  u"offset"_s,  u"insert"_s,
    u"into"_s,   u"values"_s, u"update"_s,   u"set"_s,      u"delete"_s, u"create"_s,  u"table"_s,
    u"alter"_s,  u"drop"_s,   u"with"_s,     u"distinct"_s, u"union"_s,  u"case"_s,    u"when"_s,
    u"then"_s,   u"else"_s,   u"end"_s,      u"like"_s,     u"ilike"_s,  u"between"_s, u"exists"_s,
    u"asc"_s,    u"desc"_s,   u"returning"_s};

// Gathers the items tier by tier, up to the cap. Within a tier the name equal to the prefix
// comes first, then the names it starts with as typed, then the others; each in source order.
class Collector
{
public:
    explicit Collector(const QString &prefix)
        : m_prefix(prefix)
    {}

    bool full() const { return m_items.size() >= maxCompletionItems; }
    QList<CompletionItem> items() && { return std::move(m_items); }

    template <typename Candidates, typename NameOf, typename Make>
    void addTier(const Candidates &candidates, NameOf nameOf, Make make)
    {
        if (full())
            return;
        std::vector<std::pair<int, qsizetype>> ranked;
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            const QString &name = nameOf(candidates.at(i));
            if (name.startsWith(m_prefix, Qt::CaseInsensitive))
                ranked.push_back({quality(name), i});
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[rank, i] : ranked) {
            if (full())
                return;
            m_items.append(make(candidates.at(i)));
        }
    }

private:
    int quality(const QString &name) const
    {
        if (name.size() == m_prefix.size() && !m_prefix.isEmpty())
            return 0;
        return name.startsWith(m_prefix) ? 1 : 2;
    }

    QString m_prefix;
    QList<CompletionItem> m_items;
};

QString tableLabel(const CompletionTable &table)
{
    return quoteIdentifierIfNeeded(table.schema) + u'.' + quoteIdentifierIfNeeded(table.name);
}

CompletionItem tableItem(const CompletionTable &table, bool qualified)
{
    return {qualified ? tableLabel(table) : quoteIdentifierIfNeeded(table.name),
            CompletionItem::Table, table.schema};
}

const QString &self(const QString &name)
{
    return name;
}

void addColumns(Collector &out, const QList<const CompletionTable *> &tables)
{
    struct Column
    {
        QString name;
        QString detail;
    };
    QList<Column> columns;
    QHash<QString, qsizetype> seen;
    for (const CompletionTable *table : tables) {
        for (qsizetype i = 0; i < table->columns.size(); ++i) {
            const QString &name = table->columns.at(i);
            const QString type = table->columnTypes.value(i);
            const auto known = seen.constFind(name);
            if (known != seen.cend()) { // the same name in several tables: list them all
                columns[*known].detail += u", "_s + table->name;
                continue;
            }
            seen.insert(name, columns.size());
            columns.append({name, type.isEmpty() ? table->name : type + u" · "_s + table->name});
        }
    }
    out.addTier(
        columns, [](const Column &column) -> const QString & { return column.name; },
        [](const Column &column) {
            return CompletionItem{quoteIdentifierIfNeeded(column.name), CompletionItem::Column,
                                  column.detail};
        });
}

// Functions callable without a schema: those on the search path, one item per name.
void addFunctions(Collector &out, const CompletionCatalog &catalog, const QString &prefix,
                  const QString &schema)
{
    QList<const CompletionFunction *> functions;
    for (const CompletionFunction *function : catalog.functionsWithPrefix(prefix, schema)) {
        if (!schema.isEmpty() || catalog.searchPath().contains(function->schema)) {
            if (functions.isEmpty() || functions.last()->name != function->name)
                functions.append(function);
        }
    }
    out.addTier(
        functions, [](const CompletionFunction *f) -> const QString & { return f->name; },
        [](const CompletionFunction *f) {
            return CompletionItem{quoteIdentifierIfNeeded(f->name), CompletionItem::Function,
                                  f->schema};
        });
}

void addKeywords(Collector &out, const QString &prefix)
{
    static const QStringList keywords = [] {
        QStringList common = kCommonKeywords;
        QStringList rest;
        for (const SqlKeyword &keyword : sqlKeywords()) {
            const QString name = QString::fromLatin1(keyword.name);
            if (!common.contains(name))
                rest.append(name);
        }
        return common + rest;
    }();
    // Keywords follow the case the user types them in; unasked, they are upper case.
    const bool lower = !prefix.isEmpty() && prefix == prefix.toLower();
    out.addTier(keywords, self, [lower](const QString &keyword) {
        return CompletionItem{lower ? keyword : keyword.toUpper(), CompletionItem::Keyword, {}};
    });
}

void addRelations(Collector &out, const CompletionCatalog &catalog, const QString &prefix)
{
    out.addTier(catalog.schemasWithPrefix(prefix), self, [](const QString &schema) {
        return CompletionItem{quoteIdentifierIfNeeded(schema), CompletionItem::Schema, {}};
    });
    // Tables on the search path by name, the user's before the system's; the others, and those
    // a table of the same name earlier on the path hides, qualified.
    const auto tierOf = [&catalog](const CompletionTable *table) {
        if (!catalog.searchPath().contains(table->schema) ||
            catalog.findTable({}, table->name) != table)
            return 2;
        return table->schema == u"pg_catalog" || table->schema == u"information_schema" ? 1 : 0;
    };
    QList<const CompletionTable *> tiers[3];
    for (const CompletionTable *table : catalog.tablesWithPrefix(prefix))
        tiers[tierOf(table)].append(table);
    const auto nameOf = [](const CompletionTable *table) -> const QString & { return table->name; };
    for (const int tier : {0, 1, 2}) {
        out.addTier(tiers[tier], nameOf,
                    [tier](const CompletionTable *table) { return tableItem(*table, tier == 2); });
    }
}

} // namespace

Completions complete(const CompletionCatalog &catalog, const QString &text, int cursor)
{
    cursor = std::clamp(cursor, 0, static_cast<int>(text.size()));
    const std::optional<SqlCompletionContext> context = SqlCompletionContext::at(text, cursor);
    if (!context)
        return {cursor, cursor, {}};
    const SqlCompletionContext &statement = *context;
    Completions result{statement.replaceStart(), statement.replaceEnd(), {}};
    const QString &prefix = statement.prefix();
    Collector out(prefix);

    const int previous = statement.wordIndex() - 1;
    // schema., table. or alias., and schema.table.
    if (statement.isChar(previous, u'.') &&
        statement.token(previous).end == statement.replaceStart() &&
        statement.isName(previous - 1) &&
        statement.token(previous - 1).end == statement.token(previous).start) {
        const QString qualifier = statement.name(previous - 1);
        const bool twoParts =
            statement.isChar(previous - 2, u'.') && statement.isName(previous - 3);
        const bool relation = statement.expectsRelation(twoParts ? previous - 4 : previous - 2);
        const CompletionTable *table = nullptr;
        if (twoParts) {
            table = catalog.findTable(statement.name(previous - 3), qualifier);
        } else if (!relation) {
            const QList<SqlTableRef> refs = statement.tableRefs();
            const auto named = std::find_if(refs.cbegin(), refs.cend(), [&](const SqlTableRef &r) {
                return r.alias == qualifier || (r.alias.isEmpty() && r.name == qualifier);
            });
            table = named != refs.cend() ? catalog.findTable(named->schema, named->name)
                                         : catalog.findTable({}, qualifier);
        }
        if (table && !relation)
            addColumns(out, {table});
        if (!twoParts && catalog.hasSchema(qualifier)) {
            const auto tables = catalog.tablesWithPrefix(prefix, qualifier);
            out.addTier(
                tables, [](const CompletionTable *t) -> const QString & { return t->name; },
                [](const CompletionTable *t) { return tableItem(*t, false); });
            if (!relation)
                addFunctions(out, catalog, prefix, qualifier);
        }
        result.items = std::move(out).items();
        return result;
    }

    if (statement.expectsRelation(previous)) {
        addRelations(out, catalog, prefix);
        result.items = std::move(out).items();
        return result;
    }
    if (statement.expectsExpression(previous)) {
        QList<const CompletionTable *> tables;
        QStringList names; // aliases, or table names without one
        for (const SqlTableRef &ref : statement.tableRefs()) {
            if (const CompletionTable *table = catalog.findTable(ref.schema, ref.name)) {
                if (!tables.contains(table))
                    tables.append(table);
            }
            const QString &name = ref.alias.isEmpty() ? ref.name : ref.alias;
            if (!names.contains(name))
                names.append(name);
        }
        addColumns(out, tables);
        out.addTier(names, self, [](const QString &name) {
            return CompletionItem{quoteIdentifierIfNeeded(name), CompletionItem::Table, {}};
        });
        addFunctions(out, catalog, prefix, {});
    }
    addKeywords(out, prefix);
    result.items = std::move(out).items();
    return result;
}

} // namespace mizzle
