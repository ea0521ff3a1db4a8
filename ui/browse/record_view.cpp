#include "browse/record_view.h"

#include "catalog/catalog_types.h"
#include "connection/query_result.h"
#include "values/pg_type_names.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

RecordView::RecordView(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_fields(new QTableWidget(this))
{
    m_fields->setColumnCount(2);
    m_fields->setHorizontalHeaderLabels({tr("Column"), tr("Value")});
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->verticalHeader()->hide();
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_fields, 1);
}

void RecordView::showRow(const TableDetails &table, const QueryResult &rows, qsizetype row,
                         const QString &rowLabel)
{
    m_caption->setText(tr("Row %1").arg(rowLabel));
    m_fields->setRowCount(int(table.columns.size()));
    for (int column = 0; column < table.columns.size(); ++column) {
        const ColumnInfo &info = table.columns.at(column);
        auto *name = new QTableWidgetItem(u"%1\n%2"_s.arg(info.name, shortTypeName(info.type)));
        name->setToolTip(info.type);
        const bool null = rows.isNull(row, column);
        auto *value = new QTableWidgetItem(null ? u"NULL"_s : rows.text(row, column));
        if (null) {
            QFont italic = value->font();
            italic.setItalic(true);
            value->setFont(italic);
            value->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            value->setToolTip(tr("SQL NULL"));
        }
        m_fields->setItem(column, 0, name);
        m_fields->setItem(column, 1, value);
    }
    m_fields->resizeRowsToContents();
}

void RecordView::clear()
{
    m_caption->clear();
    m_fields->setRowCount(0);
}

} // namespace mizzle
