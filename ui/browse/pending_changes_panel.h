#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace mizzle {

class EditBuffer;

// Beside a table tab's grid: every pending change, a row at a time (the cells changed with
// their old and new values, a deletion, a new row), each of which can be reverted, and the
// buttons that review, save or discard them all.
class PendingChangesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PendingChangesPanel(QWidget *parent = nullptr);

    // The changes to list; nullptr for none.
    void setBuffer(EditBuffer *buffer);

    QTreeWidget *list() const { return m_list; }
    QPushButton *saveButton() const { return m_save; }
    // While a save runs, its button cancels it and nothing else can be pressed.
    void setSaving(bool saving);

signals:
    // A row's changes (column -1), or one cell's, taken back.
    void revertRequested(const QString &rowKey, int column);
    void reviewRequested();
    void saveRequested();
    void discardRequested();
    void cancelSaveRequested();

private:
    void scheduleRefill();
    void refill();

    EditBuffer *m_buffer = nullptr;
    bool m_saving = false;
    bool m_refillPending = false;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPushButton *m_review;
    QPushButton *m_save;
    QPushButton *m_discard;
};

} // namespace mizzle
