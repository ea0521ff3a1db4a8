#include "catalog/type_catalog.h"

#include "connection/connection_pool.h"
#include "values/pg_type_names.h"

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Every type, the row types of tables and the arrays included: a result column can be of any.
// The reg* types are told apart by their input functions (regclassin, regtypein, ...), which
// their domains do not share, so a domain over integer named "region" still counts as a number.
const QString kTypesSql =
    u"SELECT t.oid, format_type(t.oid, NULL), "
    u"t.typcategory = 'N' AND t.typinput::oid NOT IN (SELECT p.oid FROM pg_proc p "
    u"WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname LIKE 'reg%in') "
    u"FROM pg_type t"_s;

} // namespace

TypeCatalog::TypeCatalog(ConnectionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{}

void TypeCatalog::load()
{
    if (!m_pool)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_pool->execute(this, u"type catalog"_s, kTypesSql, {},
                    [this, generation](Result<QueryResult> rows) {
                        if (generation != m_generation)
                            return; // a later load() answers instead
                        m_loading = false;
                        if (!rows.ok()) {
                            emit failed(rows.error());
                            return;
                        }
                        QHash<unsigned int, Entry> types;
                        types.reserve(rows->rowCount());
                        for (qsizetype row = 0; row < rows->rowCount(); ++row)
                            types.insert(rows->text(row, 0).toUInt(),
                                         {rows->text(row, 1), rows->bytes(row, 2) == "t"});
                        m_types = std::move(types);
                        m_loaded = true;
                        emit loaded();
                    });
}

QString TypeCatalog::typeName(unsigned int oid, int typeModifier) const
{
    if (!m_loaded)
        return formatTypeWithModifier(builtinTypeName(oid), oid, typeModifier);
    const auto found = m_types.constFind(oid);
    if (found == m_types.cend())
        return u"oid %1"_s.arg(oid);
    return formatTypeWithModifier(found->name, oid, typeModifier);
}

bool TypeCatalog::isNumeric(unsigned int oid) const
{
    if (!m_loaded)
        return isNumericType(oid);
    const auto found = m_types.constFind(oid);
    return found != m_types.cend() && found->numeric;
}

} // namespace mizzle
