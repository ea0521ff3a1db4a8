#pragma once

#include "catalog/catalog_types.h"
#include "edit/change_applier.h"

#include <QHash>
#include <QObject>
#include <memory>

class QAction;
class QTableView;
class QUndoStack;

namespace mizzle {

class CellEditorDelegate;
class ConnectionSession;
class EditBuffer;
class EditJournal;
class EnumLabelCache;
class ErrorBanner;
class NewRowsModel;
class PendingChangesPanel;
class TableGridModel;
class TableSaver;

// Row editing in a table tab: the pending changes of each table the tab has shown (an
// EditBuffer each, journaled to disk as they happen), undo and redo across all of them, the
// strip of new rows above the grid, the panel that lists the changes, Review SQL, and Save in one
// transaction. Edits go through undo commands; the models only ask for them.
class TableEditor : public QObject
{
    Q_OBJECT
public:
    TableEditor(ConnectionSession *session, QTableView *grid, ErrorBanner *banner, QWidget *parent);
    ~TableEditor() override;

    // The tab shows this table with this model: its edits (kept if it was shown before) go on
    // the grid; readOnlyWhy is why it cannot be edited, or empty.
    void showTable(const TableDetails &table, TableGridModel *model);
    EditBuffer *buffer() const { return m_buffer; }
    QUndoStack *undoStack() const { return m_undo; }
    QTableView *newRowsView() const { return m_newRows; }
    PendingChangesPanel *panel() const { return m_panel; }
    // Add row, Duplicate rows, Delete rows, Set NULL, Undo, Redo, Review SQL, Save.
    QList<QAction *> actions() const { return m_actions; }
    bool hasPendingChanges() const;

    void addRow();
    void duplicateSelectedRows();
    void deleteSelectedRows();
    void setSelectedCellsToNull();
    void revert(const QString &rowKey, int column);
    void discardAll();
    void reviewSql();
    void save();

signals:
    void pendingChanged(int changes);
    // A save committed, or a conflict's rows were read again: the grid should read its rows.
    void rowsChanged();

private:
    void checkRights();
    void setSaving(bool saving);
    void resolveConflicts(EditBuffer *buffer, const QList<ChangeConflict> &conflicts);
    QList<int> selectedGridRows() const;

    ConnectionSession *m_session;
    QTableView *m_grid;
    ErrorBanner *m_banner;
    QWidget *m_parent;
    TableGridModel *m_model = nullptr;
    TableDetails m_table;
    QHash<unsigned int, EditBuffer *> m_buffers; // by table oid: edits outlive a jump away
    QHash<unsigned int, EditJournal *> m_journals;
    EditBuffer *m_buffer = nullptr;
    QUndoStack *m_undo;
    QTableView *m_newRows;
    NewRowsModel *m_newRowsModel = nullptr;
    PendingChangesPanel *m_panel = nullptr;
    QList<QAction *> m_actions;
    QAction *m_saveAction = nullptr;
    TableSaver *m_saver;
    EnumLabelCache *m_enums;
    CellEditorDelegate *m_delegate = nullptr;
};

} // namespace mizzle
