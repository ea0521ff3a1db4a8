#include "completion/completion_catalog.h"

#include "catalog/catalog.h"
#include "connection/connection_pool.h"

#include <QSet>
#include <algorithm>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// TOAST and other sessions' temporary schemas hold nothing anyone writes queries against.
const QString kSchemaFilter = u"n.nspname !~ '^pg_(toast|temp_)'"_s;

// The position on the session's search path, pg_catalog included, or NULL.
const QString kSchemasSql = u"SELECT n.nspname, array_position(current_schemas(true), n.nspname) "
                            u"FROM pg_namespace n WHERE "_s +
                            kSchemaFilter;

const QString kRelationsSql = u"SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c "
                              u"JOIN pg_namespace n ON n.oid = c.relnamespace "
                              u"WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND "_s +
                              kSchemaFilter;

const QString kColumnsSql =
    u"SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
    u"JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    u"WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND "_s +
    kSchemaFilter + u" ORDER BY a.attrelid, a.attnum"_s;

// Functions nobody calls by name in a query: trigger and handler functions, and those taking or
// returning the pseudo-type internal (planner support, aggregate transition functions).
const QString kFunctionsSql =
    u"SELECT DISTINCT n.nspname, p.proname FROM pg_proc p "
    u"JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "_s +
    kSchemaFilter +
    u" AND p.prorettype NOT IN ('internal'::regtype, 'trigger'::regtype, "
    u"'event_trigger'::regtype, 'language_handler'::regtype, 'fdw_handler'::regtype, "
    u"'index_am_handler'::regtype, 'table_am_handler'::regtype, 'tsm_handler'::regtype) "
    u"AND NOT 'internal'::regtype::oid = ANY (p.proargtypes::oid[])"_s;

} // namespace

struct CompletionCatalog::Pending
{
    QueryResult schemas;
    QueryResult relations;
    QueryResult columns;
    QueryResult functions;
    int remaining = 4;
    bool failed = false;
};

CompletionCatalog::CompletionCatalog(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_searchPath{u"pg_catalog"_s, u"public"_s}
{}

void CompletionCatalog::load()
{
    if (!m_pool)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    auto pending = std::make_shared<Pending>();
    const auto query = [this, generation, pending](const QString &sql, QueryResult Pending::*into) {
        m_pool->execute(this, u"completion catalog"_s, sql, {},
                        [this, generation, pending, into](Result<QueryResult> rows) {
                            if (generation != m_generation || pending->failed)
                                return;
                            if (!rows.ok()) {
                                pending->failed = true;
                                m_loading = false;
                                emit failed(rows.error());
                                return;
                            }
                            (*pending).*into = std::move(rows).value();
                            if (--pending->remaining == 0)
                                finishLoad(*pending);
                        });
    };
    query(kSchemasSql, &Pending::schemas);
    query(kRelationsSql, &Pending::relations);
    query(kColumnsSql, &Pending::columns);
    query(kFunctionsSql, &Pending::functions);
}

void CompletionCatalog::finishLoad(Pending &pending)
{
    QStringList schemas;
    QList<std::pair<int, QString>> path;
    for (qsizetype row = 0; row < pending.schemas.rowCount(); ++row) {
        schemas.append(pending.schemas.text(row, 0));
        if (!pending.schemas.isNull(row, 1))
            path.append({pending.schemas.text(row, 1).toInt(), schemas.last()});
    }
    std::sort(path.begin(), path.end());
    QStringList searchPath;
    for (const auto &[position, schema] : std::as_const(path))
        searchPath.append(schema);

    QList<CompletionTable> tables;
    QHash<uint, qsizetype> byOid;
    const QueryResult &relations = pending.relations;
    for (qsizetype row = 0; row < relations.rowCount(); ++row) {
        byOid.insert(relations.text(row, 0).toUInt(), tables.size());
        tables.append({relations.text(row, 1),
                       relations.text(row, 2),
                       {},
                       {},
                       relationKind(relations.bytes(row, 3))});
    }
    const QueryResult &columns = pending.columns;
    for (qsizetype row = 0; row < columns.rowCount(); ++row) {
        const auto table = byOid.constFind(columns.text(row, 0).toUInt());
        if (table == byOid.cend())
            continue; // created between the two queries
        tables[*table].columns.append(columns.text(row, 1));
        tables[*table].columnTypes.append(columns.text(row, 2));
    }

    QList<CompletionFunction> functions;
    for (qsizetype row = 0; row < pending.functions.rowCount(); ++row)
        functions.append({pending.functions.text(row, 0), pending.functions.text(row, 1)});

    setContents(std::move(schemas), std::move(tables), std::move(functions), std::move(searchPath));
    m_loading = false;
    emit loaded();
}

void CompletionCatalog::setContents(QStringList schemas, QList<CompletionTable> tables,
                                    QList<CompletionFunction> functions, QStringList searchPath)
{
    std::sort(schemas.begin(), schemas.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    m_schemas = std::move(schemas);
    m_schemaSet = QSet<QString>(m_schemas.cbegin(), m_schemas.cend());
    m_searchPath = searchPath.isEmpty() ? QStringList{u"pg_catalog"_s, u"public"_s} : searchPath;
    m_tables = std::move(tables);
    m_functions = std::move(functions);

    std::vector<IndexEntry> tableIndex;
    tableIndex.reserve(m_tables.size());
    m_tablesByName.clear();
    for (qsizetype i = 0; i < m_tables.size(); ++i) {
        const CompletionTable &table = m_tables.at(i);
        tableIndex.push_back({table.name.toLower(), table.schema, static_cast<int>(i)});
        m_tablesByName[table.name].append(static_cast<int>(i));
    }
    m_tableIndex = sortedIndex(std::move(tableIndex));

    std::vector<IndexEntry> functionIndex;
    functionIndex.reserve(m_functions.size());
    for (qsizetype i = 0; i < m_functions.size(); ++i) {
        const CompletionFunction &function = m_functions.at(i);
        functionIndex.push_back({function.name.toLower(), function.schema, static_cast<int>(i)});
    }
    m_functionIndex = sortedIndex(std::move(functionIndex));
    m_loaded = true;
}

QStringList CompletionCatalog::schemasWithPrefix(QStringView prefix) const
{
    QStringList found;
    for (const QString &schema : m_schemas) {
        if (schema.startsWith(prefix, Qt::CaseInsensitive))
            found.append(schema);
    }
    return found;
}

QList<const CompletionTable *> CompletionCatalog::tablesWithPrefix(QStringView prefix,
                                                                   const QString &schema) const
{
    QList<const CompletionTable *> found;
    for (const int item : prefixRange(m_tableIndex, prefix, schema))
        found.append(&m_tables.at(item));
    return found;
}

QList<const CompletionFunction *>
CompletionCatalog::functionsWithPrefix(QStringView prefix, const QString &schema) const
{
    QList<const CompletionFunction *> found;
    for (const int item : prefixRange(m_functionIndex, prefix, schema))
        found.append(&m_functions.at(item));
    return found;
}

const CompletionTable *CompletionCatalog::findTable(const QString &schema,
                                                    const QString &name) const
{
    const auto candidates = m_tablesByName.constFind(name);
    if (candidates == m_tablesByName.cend())
        return nullptr;
    const CompletionTable *best = nullptr;
    qsizetype bestRank = std::numeric_limits<qsizetype>::max();
    for (const int item : *candidates) {
        const CompletionTable &table = m_tables.at(item);
        if (!schema.isEmpty()) {
            if (table.schema == schema)
                return &table;
            continue;
        }
        qsizetype rank = m_searchPath.indexOf(table.schema);
        rank = rank < 0 ? m_searchPath.size() : rank;
        if (rank < bestRank) {
            best = &table;
            bestRank = rank;
        }
    }
    return best;
}

std::vector<CompletionCatalog::IndexEntry>
CompletionCatalog::sortedIndex(std::vector<IndexEntry> entries)
{
    std::sort(entries.begin(), entries.end(), [](const IndexEntry &a, const IndexEntry &b) {
        const int byKey = a.key.compare(b.key);
        return byKey != 0 ? byKey < 0 : a.group < b.group;
    });
    return entries;
}

std::vector<int> CompletionCatalog::prefixRange(const std::vector<IndexEntry> &index,
                                                QStringView prefix, const QString &group)
{
    const QString key = prefix.toString().toLower();
    auto it = std::lower_bound(index.begin(), index.end(), key,
                               [](const IndexEntry &entry, const QString &wanted) {
                                   return entry.key.compare(wanted) < 0;
                               });
    std::vector<int> items;
    for (; it != index.end() && it->key.startsWith(key); ++it) {
        if (group.isEmpty() || it->group == group)
            items.push_back(it->item);
    }
    return items;
}

} // namespace mizzle
