#pragma once

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;

namespace mizzle {

class BusyIndicator;

// The line under a table tab's grid: the order the rows are read in (and whether the server
// sorts the whole table for it), the pending changes, a busy bar, the row count, and the button
// that counts the rows exactly or cancels the count.
class TableFooter : public QWidget
{
    Q_OBJECT
public:
    explicit TableFooter(QWidget *parent = nullptr);

    QLabel *orderLabel() const { return m_order; }
    QLabel *statusLabel() const { return m_status; }

    void setOrder(const QString &description, bool sortsWholeTable);
    // The best count known: an exact count, else every row once all are held, else the
    // estimate (negative: none yet).
    void setRowCount(std::optional<qint64> exact, std::optional<qint64> held, qint64 estimate);
    void setPendingChanges(int changes);
    void setCounting(bool counting);
    void setBusy(bool busy);

signals:
    void countClicked();

private:
    QLabel *m_order;
    QLabel *m_pending;
    BusyIndicator *m_busy;
    QLabel *m_status;
    QPushButton *m_count;
};

} // namespace mizzle
