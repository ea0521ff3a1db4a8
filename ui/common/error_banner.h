#pragma once

#include "base/error.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace mizzle {

// A non-modal strip above a view that says what went wrong, where, and what to do, with the
// server's own message, and an optional Retry. It never blocks the window.
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    void showError(const Error &error, bool canRetry = false);
    void showInfo(const QString &text);
    QString text() const;

signals:
    void retryRequested();

private:
    QLabel *m_label;
    QPushButton *m_retry;
};

} // namespace mizzle
