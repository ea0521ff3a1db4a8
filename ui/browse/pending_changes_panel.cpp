#include "browse/pending_changes_panel.h"

#include "browse/change_text.h"
#include "edit/edit_buffer.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

constexpr int kRowKeyRole = Qt::UserRole + 1;
constexpr int kColumnRole = Qt::UserRole + 2;

} // namespace

PendingChangesPanel::PendingChangesPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_review(new QPushButton(tr("Review SQL…"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_discard(new QPushButton(tr("Discard all"), this))
{
    m_list->setHeaderLabels({tr("Change"), tr("Was"), tr("Now")});
    m_list->header()->setStretchLastSection(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_save->setToolTip(tr("Save every change in one transaction (Ctrl+S)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_review);
    buttons->addWidget(m_discard);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(m_review, &QPushButton::clicked, this, &PendingChangesPanel::reviewRequested);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (m_saving)
            emit cancelSaveRequested();
        else
            emit saveRequested();
    });
    connect(m_discard, &QPushButton::clicked, this, &PendingChangesPanel::discardRequested);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QTreeWidgetItem *item = m_list->itemAt(at);
        if (!item)
            return;
        QMenu menu(this);
        menu.addAction(tr("Revert"), this, [this, item] {
            emit revertRequested(item->data(0, kRowKeyRole).toString(),
                                 item->data(0, kColumnRole).toInt());
        });
        menu.exec(m_list->viewport()->mapToGlobal(at));
    });
    refill();
}

void PendingChangesPanel::setBuffer(EditBuffer *buffer)
{
    if (m_buffer)
        disconnect(m_buffer, nullptr, this, nullptr);
    m_buffer = buffer;
    if (buffer)
        connect(buffer, &EditBuffer::changed, this, &PendingChangesPanel::scheduleRefill);
    refill();
}

// Deleting or duplicating many rows changes the buffer once a row; the list is rebuilt once,
// at the next turn of the event loop, not once for each of them.
void PendingChangesPanel::scheduleRefill()
{
    if (m_refillPending)
        return;
    m_refillPending = true;
    QMetaObject::invokeMethod(this, &PendingChangesPanel::refill, Qt::QueuedConnection);
}

void PendingChangesPanel::setSaving(bool saving)
{
    m_saving = saving;
    m_save->setText(saving ? tr("Cancel save") : tr("Save"));
    refill();
}

void PendingChangesPanel::refill()
{
    m_refillPending = false;
    m_list->clear();
    if (!m_buffer) {
        m_summary->setText(tr("No pending changes."));
        for (QPushButton *button : {m_review, m_save, m_discard})
            button->setEnabled(false);
        return;
    }
    const TableDetails &table = m_buffer->table();
    const auto item = [](QTreeWidgetItem *parent, const QString &rowKey, int column,
                         const QStringList &texts) {
        auto *entry = new QTreeWidgetItem(parent, texts);
        entry->setData(0, kRowKeyRole, rowKey);
        entry->setData(0, kColumnRole, column);
        return entry;
    };
    for (auto it = m_buffer->edits().begin(); it != m_buffer->edits().end(); ++it) {
        const EditBuffer::RowEdit &edit = it.value();
        auto *row = new QTreeWidgetItem(m_list);
        row->setData(0, kRowKeyRole, it.key());
        row->setData(0, kColumnRole, -1);
        if (edit.deleted) {
            row->setText(0, tr("Delete %1").arg(rowName(table, edit.identity)));
            continue;
        }
        row->setText(0, tr("Update %1").arg(rowName(table, edit.identity)));
        for (auto cell = edit.cells.begin(); cell != edit.cells.end(); ++cell) {
            item(row, it.key(), cell.key(),
                 {table.columns.value(cell.key()).name, shownValue(edit.original.value(cell.key())),
                  shownValue(cell.value())});
        }
        row->setExpanded(true);
    }
    for (const EditBuffer::NewRow &added : m_buffer->newRows()) {
        const QString key = EditBuffer::newRowKey(added.id);
        auto *row = new QTreeWidgetItem(m_list, {tr("Insert new row %1").arg(added.id)});
        row->setData(0, kRowKeyRole, key);
        row->setData(0, kColumnRole, -1);
        for (auto cell = added.cells.begin(); cell != added.cells.end(); ++cell)
            item(row, key, cell.key(),
                 {table.columns.value(cell.key()).name, {}, shownValue(cell.value())});
        row->setExpanded(true);
    }
    const int count = m_buffer->changeCount();
    m_summary->setText(count == 0 ? tr("No pending changes.")
                                  : tr("%1 pending changes, not saved yet.").arg(count));
    for (QPushButton *button : {m_review, m_discard})
        button->setEnabled(count > 0 && !m_saving);
    m_save->setEnabled(count > 0 || m_saving);
    m_list->setEnabled(!m_saving);
}

} // namespace mizzle
