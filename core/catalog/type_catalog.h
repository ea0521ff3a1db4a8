#pragma once

#include "base/error.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace mizzle {

class ConnectionPool;

// The name of every type of one database, as the server's format_type spells it, so that a
// result header names an enum, a domain, a composite or an extension's type instead of showing
// its OID. libpq reports only a column's type OID and modifier; this holds what pg_type says
// about each OID, read once through the pool and kept, so that naming a column never waits on
// the server.
//
// Until the first load has answered (or without a pool) it names the built-in types of
// values/pg_type_names.h, and says "oid N" for any other. After it, "oid N" is left for a type
// it does not know: one created since, until load() runs again.
class TypeCatalog : public QObject
{
    Q_OBJECT
public:
    explicit TypeCatalog(ConnectionPool *pool, QObject *parent = nullptr);

    // Reads pg_type anew, with the catalog itself as the statement's context (destroying it
    // cancels the read), and replaces the names when the server answers; then emits loaded(),
    // or failed() and keeps the names it had. A load started while another runs supersedes it.
    void load();
    bool isLoading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }
    // How many types it knows; 0 before the first load.
    qsizetype size() const { return m_types.size(); }

    // What format_type(oid, typeModifier) gives: "character varying(20)[]", "mood",
    // "public.\"Money Amount\"" (a type off the search path is qualified). typeModifier is
    // PQfmod's or atttypmod's, -1 for none; see formatTypeWithModifier for which types it
    // spells.
    QString typeName(unsigned int oid, int typeModifier = -1) const;
    // Values of the type are numbers, which read best right-aligned: its typcategory is 'N'
    // (numeric), so domains over numbers and numeric types of extensions count too. The reg*
    // types are of that category but their values are names (regclass reads "pg_class"), so
    // they do not count. Before the first load, isNumericType's built-in answer.
    bool isNumeric(unsigned int oid) const;

signals:
    void loaded();
    void failed(const mizzle::Error &error);

private:
    struct Entry
    {
        QString name; // format_type(oid, NULL)
        bool numeric = false;
    };

    ConnectionPool *m_pool;
    QHash<unsigned int, Entry> m_types;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
};

} // namespace mizzle
