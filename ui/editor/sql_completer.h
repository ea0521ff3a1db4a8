#pragma once

#include "completion/sql_completion.h"

#include <QObject>
#include <QPointer>

class QTreeWidget;
class QKeyEvent;

namespace mizzle {

class CompletionCatalog;
class SqlEditor;

// Completion for a SqlEditor, drawn from a CompletionCatalog (see
// core/completion/sql_completion.h).
//   Ctrl+Space       open the list at the cursor
//   typing "."       opens it by itself
//   Up/Down, PgUp/PgDn   choose;  Enter or Tab, or a click, insert;  Esc closes
// While the list is open, the keys it uses are not seen by shortcuts (Esc does not also cancel a
// query), and it follows typing; it closes when the word being completed is left. The list is
// a child of the editor's window, so the editor keeps the keyboard focus throughout.
class SqlCompleter : public QObject
{
    Q_OBJECT
public:
    // Becomes the editor's child. A catalog that is not loaded yet is loaded on first use.
    SqlCompleter(SqlEditor *editor, CompletionCatalog *catalog);
    ~SqlCompleter() override;

    void open(); // what Ctrl+Space does
    void close();
    bool isOpen() const;
    // The list's rows: text, then kind and detail. For tests.
    QTreeWidget *popup() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handleKey(QKeyEvent *key);
    void refresh(bool opening);
    void acceptRow(int row);
    void moveSelection(int delta);
    void place();
    QTreeWidget *ensurePopup();

    SqlEditor *m_editor;
    QPointer<CompletionCatalog> m_catalog;
    QPointer<QTreeWidget> m_popup; // owned by the editor's window; deleted with this
    Completions m_completions;
    int m_anchor = -1;       // where the word being completed starts
    bool m_dotTyped = false; // the key being handled typed "."
    bool m_awaitingCatalog = false;
};

} // namespace mizzle
