#include "browse/conflict_dialog.h"

#include "browse/change_text.h"
#include "edit/edit_buffer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

enum Column { RowColumn, MineColumn, TheirsColumn, ResolutionColumn };

QString mineText(const TableDetails &table, const EditBuffer::RowEdit *edit)
{
    if (!edit)
        return {};
    if (edit->deleted)
        return ConflictDialog::tr("delete the row");
    QStringList lines;
    for (auto cell = edit->cells.begin(); cell != edit->cells.end(); ++cell)
        lines.append(u"%1: %2 → %3"_s.arg(table.columns.value(cell.key()).name,
                                          shownValue(edit->original.value(cell.key())),
                                          shownValue(cell.value())));
    return lines.join(u'\n');
}

QString theirsText(const TableDetails &table, const EditBuffer::RowEdit *edit,
                   const ChangeConflict &conflict)
{
    if (conflict.vanished || conflict.current.rowCount() == 0)
        return ConflictDialog::tr("deleted, or moved, since you read it");
    const QList<std::optional<QString>> now = rowValues(table, conflict.current, 0);
    QStringList lines;
    QStringList alsoChanged;
    for (int column = 0; column < table.columns.size(); ++column) {
        const bool mine = edit && edit->cells.contains(column);
        const bool differs = edit && edit->original.value(column) != now.value(column);
        if (mine)
            lines.append(
                u"%1: %2"_s.arg(table.columns.at(column).name, shownValue(now.value(column))));
        else if (differs)
            alsoChanged.append(table.columns.at(column).name);
    }
    if (!alsoChanged.isEmpty())
        lines.append(ConflictDialog::tr("also changed: %1").arg(alsoChanged.join(u", ")));
    return lines.isEmpty() ? ConflictDialog::tr("changed") : lines.join(u'\n');
}

} // namespace

ConflictDialog::ConflictDialog(const EditBuffer &buffer, const QList<ChangeConflict> &conflicts,
                               QWidget *parent)
    : QDialog(parent)
    , m_conflicts(conflicts)
    , m_table(new QTableWidget(int(conflicts.size()), 4, this))
{
    setWindowTitle(tr("Rows changed by someone else"));
    resize(900, 420);
    auto *intro = new QLabel(tr("Nothing was saved: %n row(s) changed on the server since you "
                                "read them. Choose for each what happens to your change.",
                                nullptr, int(conflicts.size())),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels(
        {tr("Row"), tr("Your change"), tr("On the server now"), tr("Resolution")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const TableDetails &details = buffer.table();
    for (int row = 0; row < conflicts.size(); ++row) {
        const ChangeConflict &conflict = conflicts.at(row);
        const EditBuffer::RowEdit *edit = buffer.edit(conflict.rowKey);
        m_table->setItem(row, RowColumn, new QTableWidgetItem(conflict.description));
        m_table->setItem(row, MineColumn, new QTableWidgetItem(mineText(details, edit)));
        m_table->setItem(row, TheirsColumn,
                         new QTableWidgetItem(theirsText(details, edit, conflict)));
        auto *choice = new QComboBox(m_table);
        const bool gone = conflict.vanished || conflict.current.rowCount() == 0;
        if (!gone) {
            choice->addItem(tr("Keep mine"), int(Resolution::KeepMine));
            choice->addItem(tr("Edit further"), int(Resolution::EditFurther));
        }
        choice->addItem(gone ? tr("Drop my change") : tr("Take theirs"),
                        int(Resolution::TakeTheirs));
        choice->setEnabled(!gone);
        m_table->setCellWidget(row, ResolutionColumn, choice);
    }
    m_table->resizeRowsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

ConflictDialog::Resolution ConflictDialog::resolution(const QString &rowKey) const
{
    for (int row = 0; row < m_conflicts.size(); ++row) {
        if (m_conflicts.at(row).rowKey == rowKey) {
            const auto *choice =
                qobject_cast<QComboBox *>(m_table->cellWidget(row, ResolutionColumn));
            return Resolution(choice->currentData().toInt());
        }
    }
    return Resolution::EditFurther;
}

void ConflictDialog::setResolution(const QString &rowKey, Resolution resolution)
{
    for (int row = 0; row < m_conflicts.size(); ++row) {
        if (m_conflicts.at(row).rowKey != rowKey)
            continue;
        auto *choice = qobject_cast<QComboBox *>(m_table->cellWidget(row, ResolutionColumn));
        if (const int index = choice->findData(int(resolution)); index >= 0)
            choice->setCurrentIndex(index);
    }
}

} // namespace mizzle
