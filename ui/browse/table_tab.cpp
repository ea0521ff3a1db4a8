#include "browse/table_tab.h"

#include "browse/table_grid_model.h"
#include "browse/table_reader.h"
#include "common/busy_indicator.h"
#include "common/error_banner.h"
#include "grid/grid_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace mizzle {

TableTab::TableTab(ConnectionPool *pool, const TableDetails &table, QWidget *parent)
    : QWidget(parent)
    , m_reader(new TableReader(pool, table, this))
    , m_model(new TableGridModel(m_reader, this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_busy(new BusyIndicator(this))
{
    m_view->setModel(m_model);
    setUpGridView(m_view);

    auto *order = new QLabel(m_reader->orderDescription(), this);
    order->setWordWrap(true);
    auto *footer = new QHBoxLayout;
    footer->addWidget(order, 1);
    footer->addWidget(m_busy);
    footer->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);

    connect(m_model, &TableGridModel::loadingChanged, m_busy, &QWidget::setVisible);
    connect(m_model, &TableGridModel::pageLoaded, this, [this](int rows) {
        m_status->setText(
            tr("%1 rows%2")
                .arg(QLocale().toString(rows), m_model->isComplete() ? QString() : tr(" so far")));
        if (!m_firstPageShown) {
            m_firstPageShown = true;
            emit firstPageShown();
        }
    });
    connect(m_model, &TableGridModel::failed, this, [this](const Error &error) {
        m_banner->showError(error, true);
        emit loadFailed();
    });
    connect(m_banner, &ErrorBanner::retryRequested, m_model, &TableGridModel::retry);
    m_model->fetchMore();
}

QString TableTab::qualifiedName() const
{
    return m_reader->table().schema + QLatin1Char('.') + m_reader->table().name;
}

} // namespace mizzle
