#include "browse/table_footer.h"

#include "common/busy_indicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace mizzle {

TableFooter::TableFooter(QWidget *parent)
    : QWidget(parent)
    , m_order(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_busy(new BusyIndicator(this))
    , m_status(new QLabel(this))
    , m_count(new QPushButton(tr("Count rows"), this))
{
    m_order->setWordWrap(true);
    m_count->setToolTip(tr("Count the rows exactly, with count(*); Esc cancels"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_order, 1);
    layout->addWidget(m_pending);
    layout->addWidget(m_busy);
    layout->addWidget(m_status);
    layout->addWidget(m_count);
    connect(m_count, &QPushButton::clicked, this, &TableFooter::countClicked);
}

void TableFooter::setOrder(const QString &description, bool sortsWholeTable)
{
    m_order->setText(sortsWholeTable
                         ? description + tr(" No index serves this order: the server sorts "
                                            "the whole table for each page.")
                         : description);
}

void TableFooter::setRowCount(std::optional<qint64> exact, std::optional<qint64> held,
                              qint64 estimate)
{
    const QLocale locale;
    if (exact)
        m_status->setText(tr("%1 rows").arg(locale.toString(*exact)));
    else if (held)
        m_status->setText(tr("%1 rows").arg(locale.toString(*held)));
    else if (estimate >= 0)
        m_status->setText(tr("≈ %1 rows (estimate)").arg(locale.toString(estimate)));
    else
        m_status->clear();
}

void TableFooter::setPendingChanges(int changes)
{
    m_pending->setText(changes == 0 ? QString() : tr("%1 pending changes").arg(changes));
}

void TableFooter::setCounting(bool counting)
{
    m_count->setText(counting ? tr("Cancel count") : tr("Count rows"));
}

void TableFooter::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

} // namespace mizzle
