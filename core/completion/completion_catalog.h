#pragma once

#include "base/error.h"
#include "catalog/catalog_types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <vector>

namespace mizzle {

class ConnectionPool;

struct CompletionTable
{
    QString schema;
    QString name;
    QStringList columns{};     // in attnum order
    QStringList columnTypes{}; // format_type of each column, parallel to columns; may be empty
    RelationInfo::Kind kind = RelationInfo::Kind::Table;
};

struct CompletionFunction
{
    QString schema;
    QString name; // one entry per name and schema, whatever the overloads
};

// The names SQL completion offers for one connection: schemas, relations with their columns,
// functions, and the session's search path. It is read once through the pool and kept, so that
// completing never waits on the server; load() again to refresh it. Lookups are by prefix,
// case-insensitively, over lists sorted by lowercase name.
class CompletionCatalog : public QObject
{
    Q_OBJECT
public:
    explicit CompletionCatalog(ConnectionPool *pool, QObject *parent = nullptr);

    // Reads everything anew (four queries, run side by side) and replaces the contents when all
    // have answered; then emits loaded(), or failed() and keeps the old contents. A load started
    // while another runs supersedes it.
    void load();
    bool isLoading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }

    // Replaces the contents, as a finished load does; for tests and benchmarks. An empty search
    // path means pg_catalog, then public.
    void setContents(QStringList schemas, QList<CompletionTable> tables,
                     QList<CompletionFunction> functions, QStringList searchPath = {});

    const QStringList &searchPath() const { return m_searchPath; }
    QStringList schemasWithPrefix(QStringView prefix) const;
    // Tables whose name starts with prefix; in one schema, or in all when schema is empty.
    QList<const CompletionTable *> tablesWithPrefix(QStringView prefix,
                                                    const QString &schema = {}) const;
    QList<const CompletionFunction *> functionsWithPrefix(QStringView prefix,
                                                          const QString &schema = {}) const;
    // The table by exact name. Without a schema, the first one on the search path, else any.
    const CompletionTable *findTable(const QString &schema, const QString &name) const;
    bool hasSchema(const QString &name) const { return m_schemaSet.contains(name); }

signals:
    void loaded();
    void failed(const mizzle::Error &error);

private:
    // One name in a prefix index: its lowercase form, its group (schema) and its position.
    struct IndexEntry
    {
        QString key;
        QString group;
        int item = 0;
    };
    struct Pending;

    void finishLoad(Pending &pending);
    static std::vector<IndexEntry> sortedIndex(std::vector<IndexEntry> entries);
    static std::vector<int> prefixRange(const std::vector<IndexEntry> &index, QStringView prefix,
                                        const QString &group);

    ConnectionPool *m_pool;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    QStringList m_schemas; // sorted by lowercase name
    QSet<QString> m_schemaSet;
    QStringList m_searchPath;
    QList<CompletionTable> m_tables;
    QList<CompletionFunction> m_functions;
    std::vector<IndexEntry> m_tableIndex;    // by lowercase name, then schema
    std::vector<IndexEntry> m_functionIndex; // by lowercase name, then schema
    QHash<QString, QList<int>> m_tablesByName;
};

} // namespace mizzle
