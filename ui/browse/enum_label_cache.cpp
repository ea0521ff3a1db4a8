#include "browse/enum_label_cache.h"

#include "browse/cell_editor_kind.h"
#include "catalog/catalog.h"

#include <QPointer>
#include <QSet>

namespace mizzle {

EnumLabelCache::EnumLabelCache(Catalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{}

EnumLabelCache::~EnumLabelCache() = default;

void EnumLabelCache::load(const TableDetails &table)
{
    m_context = std::make_unique<QObject>(); // an earlier load's answers go nowhere now
    m_labels.clear();
    m_pending = 0;
    m_failed = false;
    QSet<QString> asked;
    for (const ColumnInfo &column : table.columns) {
        if (!mayBeEnum(column.type) || asked.contains(column.type))
            continue;
        asked.insert(column.type);
        ++m_pending;
        const QString type = column.type;
        m_catalog->loadEnumLabels(type, m_context.get(), [this, type](Result<QStringList> labels) {
            --m_pending;
            if (labels.ok()) {
                if (!labels->isEmpty())
                    m_labels.insert(type, labels.value());
            } else if (!m_failed) {
                m_failed = true;
                emit failed(labels.error());
            }
            if (m_pending == 0 && !m_failed)
                emit loaded();
        });
    }
    if (m_pending == 0)
        emit loaded();
}

std::function<QStringList(const QString &typeName)> EnumLabelCache::provider() const
{
    return [cache = QPointer<const EnumLabelCache>(this)](const QString &typeName) {
        return cache ? cache->labels(typeName) : QStringList();
    };
}

} // namespace mizzle
