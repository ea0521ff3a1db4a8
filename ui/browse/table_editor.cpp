#include "browse/table_editor.h"

#include "browse/cell_editor_delegate.h"
#include "browse/conflict_dialog.h"
#include "browse/edit_commands.h"
#include "browse/enum_label_cache.h"
#include "browse/journal_restore.h"
#include "browse/new_rows_model.h"
#include "browse/pending_changes_panel.h"
#include "browse/review_sql_dialog.h"
#include "browse/table_grid_model.h"
#include "browse/table_saver.h"
#include "catalog/catalog.h"
#include "common/error_banner.h"
#include "common/shortcut_actions.h"
#include "edit/edit_buffer.h"
#include "edit/edit_journal.h"
#include "session/connection_session.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <set>

namespace mizzle {

using namespace Qt::StringLiterals;

TableEditor::TableEditor(ConnectionSession *session, QTableView *grid, ErrorBanner *banner,
                         QWidget *parent)
    : QObject(parent)
    , m_session(session)
    , m_grid(grid)
    , m_banner(banner)
    , m_parent(parent)
    , m_undo(new QUndoStack(this))
    , m_newRows(new QTableView(parent))
    , m_panel(new PendingChangesPanel(parent))
    , m_saver(new TableSaver(session->pool(), this))
    , m_enums(new EnumLabelCache(session->catalog(), this))
{
    m_newRows->hide();
    m_newRows->setMaximumHeight(160);
    m_newRows->verticalHeader()->setDefaultSectionSize(
        grid->verticalHeader()->defaultSectionSize());
    m_newRows->horizontalHeader()->hide();
    // The strip's columns follow the grid's, so a new row's cells sit under their column.
    connect(grid->horizontalHeader(), &QHeaderView::sectionResized, m_newRows,
            [this](int column, int, int size) { m_newRows->setColumnWidth(column, size); });
    grid->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    // Where an edit is refused, say why there.
    connect(grid, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!m_model || (m_model->flags(index) & Qt::ItemIsEditable))
            return;
        const QString generated = m_delegate ? m_delegate->whyNotEditable(index) : QString();
        m_banner->showInfo(generated.isEmpty() ? m_model->whyNotEditable() : generated);
    });
    connect(m_panel, &PendingChangesPanel::revertRequested, this, &TableEditor::revert);
    connect(m_panel, &PendingChangesPanel::discardRequested, this, &TableEditor::discardAll);
    connect(m_panel, &PendingChangesPanel::reviewRequested, this, &TableEditor::reviewSql);
    connect(m_panel, &PendingChangesPanel::saveRequested, this, &TableEditor::save);
    connect(m_panel, &PendingChangesPanel::cancelSaveRequested, m_saver, &TableSaver::cancel);

    const auto action = [this](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        m_actions.append(addShortcutAction(m_parent, text, keys, this, slot));
    };
    action(tr("Add row"), {QKeySequence(Qt::CTRL | Qt::Key_Insert)}, &TableEditor::addRow);
    action(tr("Duplicate rows"), {QKeySequence(Qt::CTRL | Qt::Key_D)},
           &TableEditor::duplicateSelectedRows);
    action(tr("Delete rows"), {QKeySequence(Qt::CTRL | Qt::Key_Delete)},
           &TableEditor::deleteSelectedRows);
    action(tr("Set to NULL"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)},
           &TableEditor::setSelectedCellsToNull);
    action(tr("Undo"), {QKeySequence::Undo}, [this] { m_undo->undo(); });
    action(tr("Redo"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo},
           [this] { m_undo->redo(); });
    action(tr("Review SQL…"), {}, &TableEditor::reviewSql);
    action(tr("Save changes"), {QKeySequence::Save}, &TableEditor::save);
    m_saveAction = m_actions.last(); // also cancels a save that runs
}

// The journals go first: each writes a change still waiting for its turn, from its buffer.
TableEditor::~TableEditor()
{
    qDeleteAll(std::exchange(m_journals, {}));
}

bool TableEditor::hasPendingChanges() const
{
    return std::any_of(m_buffers.begin(), m_buffers.end(),
                       [](const EditBuffer *buffer) { return buffer->hasChanges(); });
}

void TableEditor::showTable(const TableDetails &table, TableGridModel *model)
{
    m_table = table;
    m_model = model;
    EditBuffer *&buffer = m_buffers[table.oid];
    if (!buffer) {
        buffer = new EditBuffer(table, this);
        connect(buffer, &EditBuffer::changed, this,
                [this, buffer] { emit pendingChanged(buffer->changeCount()); });
        auto *journal =
            new EditJournal(m_session->journalPath(table.schema, table.name), buffer, this);
        connect(journal, &EditJournal::writeFailed, m_banner,
                [this](const Error &error) { m_banner->showError(error); });
        m_journals.insert(table.oid, journal);
        offerJournalRestore(m_session->pool(), buffer, journal, m_banner, m_parent,
                            [this, buffer] { emit pendingChanged(buffer->changeCount()); });
    }
    m_buffer = buffer;
    model->setEditBuffer(buffer);
    delete std::exchange(m_newRowsModel, new NewRowsModel(buffer, this));
    m_newRows->setModel(m_newRowsModel);
    m_enums->load(table);
    auto *delegate = new CellEditorDelegate(table, m_session->pool(), m_enums->provider(), this);
    m_grid->setItemDelegate(delegate);
    m_newRows->setItemDelegate(delegate);
    delete std::exchange(m_delegate, delegate);
    const auto showStrip = [this] { m_newRows->setVisible(m_newRowsModel->rowCount() > 0); };
    connect(m_newRowsModel, &QAbstractItemModel::modelReset, m_newRows, showStrip);
    showStrip();
    connect(m_newRowsModel, &NewRowsModel::cellEdited, this,
            [this](quint64 id, int column, const std::optional<CellValue> &value) {
                m_undo->push(new SetNewCellCommand(m_buffer, id, column, value));
            });
    connect(model, &TableGridModel::cellEdited, this,
            [this](const RowIdentity &row, const QList<std::optional<QString>> &original,
                   int column, const CellValue &value) {
                m_undo->push(new SetCellCommand(m_buffer, row, original, column, value));
            });
    m_panel->setBuffer(buffer);
    checkRights();
    emit pendingChanged(buffer->changeCount());
}

// Editable only where the server would take the change: a read-only profile never, a relation
// only with the role's rights and where PostgreSQL can write it, and only rows it can tell apart.
void TableEditor::checkRights()
{
    m_model->setEditable(false, tr("Reading whether you may change this table…"));
    if (m_session->target().readOnly) {
        m_model->setEditable(false, tr("This profile is read-only: its rows cannot be changed "
                                       "here. Use a profile that is not read-only."));
        return;
    }
    const bool identifiable = !m_table.primaryKey.isEmpty() ||
                              m_table.kind == RelationInfo::Kind::Table ||
                              m_table.kind == RelationInfo::Kind::PartitionedTable;
    if (!identifiable) {
        m_model->setEditable(false, tr("Rows of this relation cannot be told apart (no primary "
                                       "key, no row location), so they are not edited here."));
        return;
    }
    TableGridModel *model = m_model;
    m_session->catalog()->loadTableRights(m_table.oid, model, [model](Result<TableRights> rights) {
        if (!rights)
            model->setEditable(false, rights.error().message);
        else if (!rights->update && !rights->insert && !rights->remove)
            model->setEditable(false, QObject::tr("You may not change this table's rows "
                                                  "(no UPDATE, INSERT or DELETE right), or "
                                                  "PostgreSQL cannot update this view."));
        else
            model->setEditable(rights->update);
    });
}

QList<int> TableEditor::selectedGridRows() const
{
    std::set<int> rows;
    for (const QModelIndex &index : m_grid->selectionModel()->selectedIndexes())
        rows.insert(index.row());
    if (rows.empty() && m_grid->currentIndex().isValid())
        rows.insert(m_grid->currentIndex().row());
    return {rows.begin(), rows.end()};
}

void TableEditor::addRow()
{
    if (!m_buffer)
        return;
    m_undo->push(new AddRowsCommand(m_buffer, {{}}));
    m_newRows->setCurrentIndex(m_newRowsModel->index(m_newRowsModel->rowCount() - 1, 0));
    m_newRows->setFocus();
}

// Copies of the selected rows as new rows, without what the server makes: the key where it
// has a default or is an identity, and the generated columns.
void TableEditor::duplicateSelectedRows()
{
    if (!m_buffer)
        return;
    QList<QMap<int, CellValue>> copies;
    for (const int row : selectedGridRows()) {
        const QList<std::optional<QString>> values = m_model->valuesAt(row);
        if (values.isEmpty())
            continue;
        QMap<int, CellValue> cells;
        for (int column = 0; column < m_table.columns.size(); ++column) {
            const ColumnInfo &info = m_table.columns.at(column);
            const bool madeByServer =
                !info.generated.isEmpty() || !info.identity.isEmpty() ||
                (m_table.primaryKey.contains(info.name) && !info.defaultExpression.isEmpty());
            if (madeByServer)
                continue;
            cells.insert(column,
                         values[column] ? CellValue::of(*values[column]) : CellValue::null());
        }
        copies.append(cells);
    }
    if (!copies.isEmpty())
        m_undo->push(new AddRowsCommand(m_buffer, copies));
}

void TableEditor::deleteSelectedRows()
{
    if (!m_buffer || !m_model->isEditable())
        return;
    QList<MarkDeletedCommand::Row> rows;
    for (const int row : selectedGridRows()) {
        const RowIdentity identity = m_model->identityAt(row);
        if (identity.isValid())
            rows.append({identity, m_model->valuesAt(row)});
    }
    if (!rows.isEmpty())
        m_undo->push(new MarkDeletedCommand(m_buffer, rows, true));
}

void TableEditor::setSelectedCellsToNull()
{
    if (!m_buffer)
        return;
    m_undo->beginMacro(tr("Set to NULL"));
    for (const QModelIndex &index : m_grid->selectionModel()->selectedIndexes())
        m_model->setData(index, QVariant::fromValue(CellValue::null()),
                         TableGridModel::CellValueRole);
    m_undo->endMacro();
}

void TableEditor::revert(const QString &rowKey, int column)
{
    if (!m_buffer)
        return;
    if (rowKey.startsWith(u"new:")) {
        const quint64 id = rowKey.mid(4).toULongLong();
        if (column < 0)
            m_undo->push(new RemoveRowsCommand(m_buffer, {id}));
        else
            m_undo->push(new SetNewCellCommand(m_buffer, id, column, std::nullopt));
        return;
    }
    const EditBuffer::RowEdit *edit = m_buffer->edit(rowKey);
    if (!edit)
        return;
    const EditBuffer::RowEdit row = *edit; // the commands change the buffer under it
    m_undo->beginMacro(tr("Revert"));
    if (row.deleted)
        m_undo->push(new MarkDeletedCommand(m_buffer, {{row.identity, row.original}}, false));
    for (auto cell = row.cells.begin(); cell != row.cells.end(); ++cell) {
        if (column < 0 || column == cell.key())
            m_undo->push(
                new SetCellCommand(m_buffer, row.identity, row.original, cell.key(), std::nullopt));
    }
    m_undo->endMacro();
}

void TableEditor::discardAll()
{
    if (!m_buffer || !m_buffer->hasChanges())
        return;
    m_undo->beginMacro(tr("Discard all changes"));
    const QStringList keys = m_buffer->edits().keys();
    for (const QString &key : keys)
        revert(key, -1);
    QList<quint64> ids;
    for (const EditBuffer::NewRow &row : m_buffer->newRows())
        ids.append(row.id);
    if (!ids.isEmpty())
        m_undo->push(new RemoveRowsCommand(m_buffer, ids));
    m_undo->endMacro();
}

void TableEditor::reviewSql()
{
    if (!m_buffer || !m_buffer->hasChanges())
        return;
    m_saver->review(m_buffer, m_parent, [this](Result<TableSaver::Review> review) {
        if (!review)
            return m_banner->showError(review.error());
        auto *dialog = new ReviewSqlDialog(review->statements, review->script, m_parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

// Editing waits while a save runs: what the save sent must be what the buffer holds when it
// commits, or clearing the buffer then would drop a change made in between.
void TableEditor::setSaving(bool saving)
{
    m_panel->setSaving(saving);
    m_newRows->setEnabled(!saving);
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(!saving || action == m_saveAction);
    if (saving)
        m_model->setEditable(false, tr("A save is running; editing waits until it ends."));
    else
        checkRights();
}

void TableEditor::save()
{
    if (m_saver->isSaving()) {
        m_saver->cancel();
        return;
    }
    if (!m_buffer || !m_buffer->hasChanges())
        return;
    EditBuffer *buffer = m_buffer;
    const int changes = buffer->changeCount();
    setSaving(true);
    m_banner->showInfo(tr("Saving %n change(s) in one transaction…", nullptr, changes));
    m_saver->save(buffer, m_parent, [this, buffer, changes](Result<SaveOutcome> outcome) {
        setSaving(false);
        if (!outcome)
            return m_banner->showError(outcome.error(), true);
        if (!outcome->committed)
            return resolveConflicts(buffer, outcome->conflicts);
        buffer->clear(); // the journal goes with the changes
        m_undo->clear(); // what was saved can no longer be undone here
        m_banner->showInfo(tr("Saved %n change(s).", nullptr, changes));
        emit rowsChanged();
    });
}

void TableEditor::resolveConflicts(EditBuffer *buffer, const QList<ChangeConflict> &conflicts)
{
    m_banner->showInfo(tr("Nothing was saved: %n row(s) changed on the server since you read "
                          "them. Every change is still pending.",
                          nullptr, int(conflicts.size())));
    auto *dialog = new ConflictDialog(*buffer, conflicts, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<EditBuffer> target(buffer);
    connect(dialog, &QDialog::accepted, this, [this, dialog, target] {
        if (!target || target != m_buffer)
            return;
        bool saveAgain = false;
        bool editFurther = false;
        for (const ChangeConflict &conflict : dialog->conflicts()) {
            const auto resolution = dialog->resolution(conflict.rowKey);
            if (resolution == ConflictDialog::Resolution::TakeTheirs) {
                revert(conflict.rowKey, -1);
                continue;
            }
            const TableDetails &table = target->table();
            target->rebase(conflict.rowKey, identityOf(table, conflict.current, 0),
                           rowValues(table, conflict.current, 0));
            saveAgain |= resolution == ConflictDialog::Resolution::KeepMine;
            editFurther |= resolution == ConflictDialog::Resolution::EditFurther;
        }
        emit rowsChanged(); // theirs, in the grid
        if (saveAgain && !editFurther && target->hasChanges())
            save();
    });
    dialog->open();
}

} // namespace mizzle
