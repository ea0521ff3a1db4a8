#include "browse/schema_browser.h"

#include <QHash>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace mizzle {

namespace {

using Object = SchemaBrowser::Object;

QString kindLabel(RelationInfo::Kind kind)
{
    switch (kind) {
    case RelationInfo::Kind::Table:
        return {};
    case RelationInfo::Kind::View:
        return QStringLiteral(" (view)");
    case RelationInfo::Kind::MaterializedView:
        return QStringLiteral(" (materialized view)");
    case RelationInfo::Kind::PartitionedTable:
        return QStringLiteral(" (partitioned)");
    case RelationInfo::Kind::ForeignTable:
        return QStringLiteral(" (foreign)");
    }
    return {};
}

QString kindLabel(TypeInfo::Kind kind)
{
    switch (kind) {
    case TypeInfo::Kind::Enum:
        return QStringLiteral(" (enum)");
    case TypeInfo::Kind::Domain:
        return QStringLiteral(" (domain)");
    case TypeInfo::Kind::Composite:
        return QStringLiteral(" (composite)");
    case TypeInfo::Kind::Range:
        return QStringLiteral(" (range)");
    case TypeInfo::Kind::Base:
        return QStringLiteral(" (base type)");
    }
    return {};
}

// What the type is made of, after its qualified name in the tooltip.
QString typeDescription(const TypeInfo &type)
{
    switch (type.kind) {
    case TypeInfo::Kind::Enum:
        return SchemaBrowser::tr("enum of %1").arg(type.detail);
    case TypeInfo::Kind::Domain:
        return SchemaBrowser::tr("domain over %1").arg(type.detail);
    case TypeInfo::Kind::Composite:
        return SchemaBrowser::tr("composite (%1)").arg(type.detail);
    case TypeInfo::Kind::Range:
        return SchemaBrowser::tr("range of %1").arg(type.detail);
    case TypeInfo::Kind::Base:
        return SchemaBrowser::tr("base type");
    }
    return {};
}

QString estimatedRows(const RelationInfo &relation)
{
    if (relation.kind == RelationInfo::Kind::View ||
        relation.kind == RelationInfo::Kind::ForeignTable)
        return {};
    if (relation.estimatedRows < 0)
        return QStringLiteral("?");
    return QStringLiteral("≈") + QLocale().toString(qint64(relation.estimatedRows));
}

// The name column's item; the filter matches `filterText`, and rows without it (schemas,
// groups) show only when something under them matches.
QStandardItem *nameItem(const QString &text, Object object, const QString &schema,
                        const QString &filterText = {})
{
    auto *item = new QStandardItem(text);
    item->setData(int(object), SchemaBrowser::ObjectRole);
    item->setData(schema, SchemaBrowser::SchemaRole);
    if (!filterText.isEmpty())
        item->setData(filterText, SchemaBrowser::FilterRole);
    return item;
}

QList<QStandardItem *> row(QStandardItem *name, const QString &rows = {}, const QString &size = {})
{
    auto *rowsItem = new QStandardItem(rows);
    rowsItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *sizeItem = new QStandardItem(size);
    sizeItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return {name, rowsItem, sizeItem};
}

} // namespace

SchemaBrowser::SchemaBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterRole(FilterRole);
    m_filterEdit->setPlaceholderText(tr("Filter tables, sequences, types…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_view);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &SchemaBrowser::applyFilter);
    connect(m_view, &QTreeView::activated, this, &SchemaBrowser::onActivated);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &at) {
        const std::unique_ptr<QMenu> menu(contextMenu(m_view->indexAt(at)));
        if (menu)
            menu->exec(m_view->viewport()->mapToGlobal(at));
    });
    clear();
}

void SchemaBrowser::clear()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Rows"), tr("Size")});
    m_expandable.clear();
    m_sizeItems.clear();
}

void SchemaBrowser::setSnapshot(const CatalogSnapshot &snapshot)
{
    clear();
    // The tree is built apart from the model and handed over schema by schema: items added to
    // a model one by one would each notify the filter and the view.
    QHash<QString, QStandardItem *> schemas;
    QList<QStandardItem *> schemaItems;
    for (const QString &schema : snapshot.schemas) {
        QStandardItem *item = nameItem(schema, Object::Schema, schema);
        item->setToolTip(schema);
        schemas.insert(schema, item);
        schemaItems.append(item);
    }
    // Two passes, because a partition may sort before the table it belongs to.
    QHash<unsigned int, QList<QStandardItem *>> rowsByOid;
    rowsByOid.reserve(snapshot.relations.size());
    for (const RelationInfo &relation : snapshot.relations) {
        const QString text = relation.name + kindLabel(relation.kind);
        QStandardItem *name = nameItem(text, Object::Relation, relation.schema, text);
        name->setData(relation.name, NameRole);
        name->setToolTip(relation.schema + QLatin1Char('.') + relation.name);
        const QList<QStandardItem *> cells =
            row(name, estimatedRows(relation),
                snapshot.hasSizes ? QLocale().formattedDataSize(relation.totalBytes) : QString());
        rowsByOid.insert(relation.oid, cells);
        m_sizeItems.insert(relation.oid, cells.at(2));
    }
    for (const RelationInfo &relation : snapshot.relations) {
        const auto parentRow = rowsByOid.value(relation.parentOid);
        QStandardItem *parent =
            parentRow.isEmpty() ? schemas.value(relation.schema) : parentRow.first();
        if (!parent) {
            qDeleteAll(rowsByOid.value(relation.oid));
            m_sizeItems.remove(relation.oid);
            continue;
        }
        parent->appendRow(rowsByOid.value(relation.oid));
        if (!parentRow.isEmpty() && parent->rowCount() == 1)
            m_expandable.append({parent, false});
    }

    // A group under its schema, made when the schema's first member comes.
    const auto group = [&schemas, this](QHash<QString, QStandardItem *> &groups,
                                        const QString &schema, Object object,
                                        const QString &title) -> QStandardItem * {
        if (QStandardItem *found = groups.value(schema))
            return found;
        QStandardItem *parent = schemas.value(schema);
        if (!parent)
            return nullptr;
        QStandardItem *item = nameItem(title, object, schema);
        parent->appendRow(row(item));
        groups.insert(schema, item);
        m_expandable.append({item, true});
        return item;
    };
    QHash<QString, QStandardItem *> sequenceGroups;
    for (const SequenceInfo &sequence : snapshot.sequences) {
        QStandardItem *parent =
            group(sequenceGroups, sequence.schema, Object::SequenceGroup, tr("Sequences"));
        if (!parent)
            continue;
        QStandardItem *name =
            nameItem(sequence.name, Object::Sequence, sequence.schema, sequence.name);
        name->setData(sequence.name, NameRole);
        QString tip = sequence.schema + QLatin1Char('.') + sequence.name + QStringLiteral(": ") +
                      sequence.dataType;
        if (!sequence.ownedBy.isEmpty())
            tip += tr(", owned by %1").arg(sequence.ownedBy);
        name->setToolTip(tip);
        parent->appendRow(row(name));
    }
    QHash<QString, QStandardItem *> typeGroups;
    for (const TypeInfo &type : snapshot.types) {
        QStandardItem *parent = group(typeGroups, type.schema, Object::TypeGroup, tr("Types"));
        if (!parent)
            continue;
        const QString text = type.name + kindLabel(type.kind);
        QStandardItem *name = nameItem(text, Object::Type, type.schema, text);
        name->setData(type.name, NameRole);
        name->setToolTip(type.schema + QLatin1Char('.') + type.name + QStringLiteral(": ") +
                         typeDescription(type));
        parent->appendRow(row(name));
    }

    for (QStandardItem *schema : std::as_const(schemaItems)) {
        m_model->appendRow(row(schema));
        m_expandable.append({schema, true});
    }
    expandDefault();
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->resizeColumnToContents(1);
    m_view->resizeColumnToContents(2);
}

void SchemaBrowser::setSizes(const RelationSizes &sizes)
{
    const QLocale locale;
    for (auto size = sizes.cbegin(); size != sizes.cend(); ++size) {
        if (QStandardItem *item = m_sizeItems.value(size.key()))
            item->setText(locale.formattedDataSize(size.value()));
    }
    m_view->resizeColumnToContents(2);
}

void SchemaBrowser::applyFilter(const QString &text)
{
    m_filter->setFilterFixedString(text);
    expandDefault();
}

void SchemaBrowser::expandDefault()
{
    // Rows the filter hid and brought back return collapsed. Schemas and groups are kept open;
    // while filtering, partitioned tables too, so that a matching partition shows.
    const bool filtering = !m_filterEdit->text().isEmpty();
    for (const auto &[item, open] : std::as_const(m_expandable)) {
        if (!open && !filtering)
            continue;
        const QModelIndex shown = m_filter->mapFromSource(m_model->indexFromItem(item));
        if (shown.isValid())
            m_view->expand(shown);
    }
}

bool SchemaBrowser::select(const QString &schema, const QString &name)
{
    const QModelIndexList found = m_model->match(m_model->index(0, 0), NameRole, name, -1,
                                                 Qt::MatchExactly | Qt::MatchRecursive);
    for (const QModelIndex &index : found) {
        if (index.data(SchemaRole).toString() != schema ||
            index.data(ObjectRole).toInt() != int(Object::Relation))
            continue;
        const QModelIndex shown = m_filter->mapFromSource(index);
        m_view->setCurrentIndex(shown);
        m_view->scrollTo(shown);
        return true;
    }
    return false;
}

void SchemaBrowser::onActivated(const QModelIndex &index)
{
    // Sequences and types have no rows to show in a table tab.
    const QModelIndex name = index.siblingAtColumn(0);
    if (name.data(ObjectRole).toInt() != int(Object::Relation))
        return;
    emit relationActivated(name.data(SchemaRole).toString(), name.data(NameRole).toString());
}

QMenu *SchemaBrowser::contextMenu(const QModelIndex &index)
{
    const QModelIndex name = index.siblingAtColumn(0);
    const auto object = Object(name.data(ObjectRole).toInt());
    if (!name.isValid() || (object != Object::Schema && object != Object::Relation))
        return nullptr;
    const QString schema = name.data(SchemaRole).toString();
    const QString relation =
        object == Object::Relation ? name.data(NameRole).toString() : QString();
    auto *menu = new QMenu(this);
    menu->addAction(tr("Export…"), this,
                    [this, schema, relation] { emit exportRequested(schema, relation); });
    if (object == Object::Relation) {
        menu->addAction(tr("Show CREATE Script"), this,
                        [this, schema, relation] { emit createScriptRequested(schema, relation); });
    }
    return menu;
}

QStringList SchemaBrowser::schemaNames() const
{
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem *item = m_model->item(row, 0);
        if (item->data(ObjectRole).toInt() == int(Object::Schema))
            names.append(item->data(SchemaRole).toString());
    }
    return names;
}

} // namespace mizzle
