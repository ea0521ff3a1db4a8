#include "browse/schema_browser.h"

#include <QHash>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace mizzle {

namespace {

constexpr int SchemaRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;

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

QString estimatedRows(const RelationInfo &relation)
{
    if (relation.kind == RelationInfo::Kind::View ||
        relation.kind == RelationInfo::Kind::ForeignTable)
        return {};
    if (relation.estimatedRows < 0)
        return QStringLiteral("?");
    return QStringLiteral("≈") + QLocale().toString(qint64(relation.estimatedRows));
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
    m_filterEdit->setPlaceholderText(tr("Filter tables…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_view);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTreeView::activated, this, &SchemaBrowser::onActivated);
    clear();
}

void SchemaBrowser::clear()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Rows"), tr("Size")});
}

void SchemaBrowser::setSnapshot(const CatalogSnapshot &snapshot)
{
    clear();
    QHash<QString, QStandardItem *> schemas;
    for (const QString &schema : snapshot.schemas) {
        auto *item = new QStandardItem(schema);
        schemas.insert(schema, item);
        m_model->appendRow({item, new QStandardItem, new QStandardItem});
    }
    // Two passes, because a partition may sort before the table it belongs to.
    QHash<unsigned int, QList<QStandardItem *>> rowsByOid;
    for (const RelationInfo &relation : snapshot.relations) {
        auto *name = new QStandardItem(relation.name + kindLabel(relation.kind));
        name->setData(relation.schema, SchemaRole);
        name->setData(relation.name, NameRole);
        name->setToolTip(relation.schema + QLatin1Char('.') + relation.name);
        auto *rows = new QStandardItem(estimatedRows(relation));
        rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *size = new QStandardItem(QLocale().formattedDataSize(relation.totalBytes));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        rowsByOid.insert(relation.oid, {name, rows, size});
    }
    for (const RelationInfo &relation : snapshot.relations) {
        const auto parentRow = rowsByOid.value(relation.parentOid);
        QStandardItem *parent =
            parentRow.isEmpty() ? schemas.value(relation.schema) : parentRow.first();
        if (parent)
            parent->appendRow(rowsByOid.value(relation.oid));
        else
            qDeleteAll(rowsByOid.value(relation.oid));
    }
    m_view->expandToDepth(0);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->resizeColumnToContents(1);
    m_view->resizeColumnToContents(2);
}

bool SchemaBrowser::select(const QString &schema, const QString &name)
{
    const QModelIndexList found = m_model->match(m_model->index(0, 0), NameRole, name, -1,
                                                 Qt::MatchExactly | Qt::MatchRecursive);
    for (const QModelIndex &index : found) {
        if (index.data(SchemaRole).toString() != schema)
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
    const QModelIndex name = index.siblingAtColumn(0);
    const QString table = name.data(NameRole).toString();
    if (!table.isEmpty())
        emit relationActivated(name.data(SchemaRole).toString(), table);
}

} // namespace mizzle
