#pragma once

#include "base/error.h"
#include "catalog/catalog_types.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

namespace mizzle {

class Catalog;

// The labels of a table's enum columns, read when its tab opens, so that a cell editor has them
// at hand: CellEditorDelegate asks through provider(). Only the columns whose type may be an
// enum (no built-in type) are asked about, one read per distinct type.
class EnumLabelCache : public QObject
{
    Q_OBJECT
public:
    explicit EnumLabelCache(Catalog *catalog, QObject *parent = nullptr);
    ~EnumLabelCache() override;

    // Forgets what it had and reads the labels of the table's column types anew; a load still
    // running is dropped. Emits loaded() once every type has answered, or failed() on the first
    // that fails (the others' labels are still kept).
    void load(const TableDetails &table);
    bool isLoading() const { return m_pending > 0; }
    // The labels of the type, in enumsortorder; empty for no enum or one not read.
    QStringList labels(const QString &typeName) const { return m_labels.value(typeName); }
    // labels() as a function for CellEditorDelegate, which answers nothing once the cache is
    // gone.
    std::function<QStringList(const QString &typeName)> provider() const;

signals:
    void loaded();
    void failed(const mizzle::Error &error);

private:
    Catalog *m_catalog;
    QHash<QString, QStringList> m_labels;
    int m_pending = 0;
    bool m_failed = false;
    std::unique_ptr<QObject> m_context; // the running load's
};

} // namespace mizzle
