#include "common/error_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace mizzle {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QPushButton(style()->standardIcon(QStyle::SP_TitleBarCloseButton), {}, this);
    close->setFlat(true);
    close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_retry);
    layout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        hide();
        emit retryRequested();
    });
    hide();
}

void ErrorBanner::showError(const Error &error, bool canRetry)
{
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xf8, 0xd7, 0xda));
    tinted.setColor(QPalette::WindowText, QColor(0x58, 0x15, 0x1c));
    setPalette(tinted);
    m_label->setText(error.toString());
    m_retry->setVisible(canRetry);
    show();
}

void ErrorBanner::showInfo(const QString &text)
{
    setPalette(QPalette());
    m_label->setText(text);
    m_retry->hide();
    show();
}

QString ErrorBanner::text() const
{
    return m_label->text();
}

} // namespace mizzle
