#include "editor/sql_completer.h"

#include "completion/completion_catalog.h"
#include "sqltext/sql_editor.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTreeWidget>
#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

constexpr int visibleRows = 10;

bool isOpenShortcut(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Space && key->modifiers() == Qt::ControlModifier;
}

// The keys the open list takes for itself, modifiers aside from the keypad's.
bool isListKey(const QKeyEvent *key)
{
    if ((key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return false;
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
    case Qt::Key_Escape:
        return true;
    default:
        return false;
    }
}

QString kindName(CompletionItem::Kind kind)
{
    switch (kind) {
    case CompletionItem::Keyword:
        return SqlCompleter::tr("keyword");
    case CompletionItem::Schema:
        return SqlCompleter::tr("schema");
    case CompletionItem::Table:
        return SqlCompleter::tr("table");
    case CompletionItem::Column:
        return SqlCompleter::tr("column");
    case CompletionItem::Function:
        return SqlCompleter::tr("function");
    }
    return {};
}

} // namespace

SqlCompleter::SqlCompleter(SqlEditor *editor, CompletionCatalog *catalog)
    : QObject(editor)
    , m_editor(editor)
    , m_catalog(catalog)
{
    editor->installEventFilter(this);
    // Typing, deleting, undoing and moving the cursor all re-run completion while the list is
    // open; typing "." opens it.
    connect(editor, &QPlainTextEdit::textChanged, this, [this] {
        const bool opening = std::exchange(m_dotTyped, false);
        if (opening || isOpen())
            refresh(opening);
    });
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (isOpen())
            refresh(false);
    });
    // The list stays next to the cursor when the text scrolls under it.
    for (QScrollBar *bar : {editor->verticalScrollBar(), editor->horizontalScrollBar()}) {
        connect(bar, &QScrollBar::valueChanged, this, [this] {
            if (isOpen())
                place();
        });
    }
    if (catalog) {
        connect(catalog, &CompletionCatalog::loaded, this, [this] {
            // Asked for while the catalog was loading, or open on the old contents.
            if ((std::exchange(m_awaitingCatalog, false) && m_editor->hasFocus()) || isOpen())
                refresh(true);
        });
        connect(catalog, &CompletionCatalog::failed, this, [this] { m_awaitingCatalog = false; });
    }
}

SqlCompleter::~SqlCompleter()
{
    delete m_popup.data();
}

void SqlCompleter::open()
{
    if (m_editor->isReadOnly() || !m_catalog)
        return;
    if (!m_catalog->isLoaded()) {
        m_awaitingCatalog = true;
        if (!m_catalog->isLoading())
            m_catalog->load();
    }
    refresh(true);
}

void SqlCompleter::close()
{
    m_anchor = -1;
    if (m_popup)
        m_popup->hide();
}

QTreeWidget *SqlCompleter::popup() const
{
    return m_popup;
}

bool SqlCompleter::isOpen() const
{
    return m_popup && m_popup->isVisible();
}

bool SqlCompleter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_editor)
        return false;
    switch (event->type()) {
    case QEvent::ShortcutOverride: {
        // Claimed here, the key is delivered to the editor as a key press instead of triggering
        // a shortcut.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (isOpenShortcut(key) || (isOpen() && isListKey(key))) {
            event->accept();
            return true;
        }
        return false;
    }
    case QEvent::KeyPress:
        return handleKey(static_cast<QKeyEvent *>(event));
    case QEvent::FocusOut:
        close();
        return false;
    default:
        return false;
    }
}

bool SqlCompleter::handleKey(QKeyEvent *key)
{
    m_dotTyped = false;
    if (isOpenShortcut(key)) {
        open();
        return true;
    }
    if (isOpen() && isListKey(key)) {
        const int page = visibleRows - 1;
        switch (key->key()) {
        case Qt::Key_Up:
            moveSelection(-1);
            break;
        case Qt::Key_Down:
            moveSelection(1);
            break;
        case Qt::Key_PageUp:
            moveSelection(-page);
            break;
        case Qt::Key_PageDown:
            moveSelection(page);
            break;
        case Qt::Key_Escape:
            close();
            break;
        default: // Enter, Return, Tab
            acceptRow(m_popup->currentIndex().row());
        }
        return true;
    }
    // The editor inserts the dot; textChanged then opens the list.
    m_dotTyped = key->text() == u"." && !m_editor->isReadOnly() && m_catalog;
    return false;
}

void SqlCompleter::refresh(bool opening)
{
    if (!m_catalog) {
        close();
        return;
    }
    const int cursor = m_editor->textCursor().position();
    Completions found = complete(*m_catalog, m_editor->toPlainText(), cursor);
    // The list follows one word: when the cursor leaves it, the list closes.
    if (!opening && found.replaceStart != m_anchor) {
        close();
        return;
    }
    if (found.items.isEmpty()) {
        close();
        return;
    }
    m_anchor = found.replaceStart;
    m_completions = std::move(found);

    QTreeWidget *list = ensurePopup();
    list->clear();
    QList<QTreeWidgetItem *> rows;
    rows.reserve(m_completions.items.size());
    const QColor dim = list->palette().color(QPalette::PlaceholderText);
    for (const CompletionItem &item : std::as_const(m_completions.items)) {
        const QString kind = kindName(item.kind);
        auto *row = new QTreeWidgetItem(
            QStringList{item.text, item.detail.isEmpty() ? kind : kind + u" · "_s + item.detail});
        row->setForeground(1, dim);
        rows.append(row);
    }
    list->addTopLevelItems(rows);
    list->setCurrentItem(rows.first());
    place();
}

void SqlCompleter::acceptRow(int row)
{
    if (row < 0 || row >= m_completions.items.size()) {
        close();
        return;
    }
    const Completions chosen = m_completions;
    close(); // before editing: the edit must not re-run completion
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(chosen.replaceStart);
    cursor.setPosition(chosen.replaceEnd, QTextCursor::KeepAnchor);
    cursor.insertText(chosen.items.at(row).text);
    m_editor->setTextCursor(cursor);
}

void SqlCompleter::moveSelection(int delta)
{
    const int count = m_popup->topLevelItemCount();
    const int row = std::clamp(m_popup->currentIndex().row() + delta, 0, count - 1);
    m_popup->setCurrentItem(m_popup->topLevelItem(row));
}

QTreeWidget *SqlCompleter::ensurePopup()
{
    QWidget *window = m_editor->window();
    if (!m_popup) {
        m_popup = new QTreeWidget(window);
        m_popup->setColumnCount(2);
        m_popup->setHeaderHidden(true);
        m_popup->setRootIsDecorated(false);
        m_popup->setUniformRowHeights(true);
        m_popup->setFocusPolicy(Qt::NoFocus); // the editor keeps the keyboard
        m_popup->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_popup->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_popup->header()->setStretchLastSection(true);
        m_popup->setFont(m_editor->font());
        connect(m_popup, &QTreeWidget::itemClicked, this,
                [this](QTreeWidgetItem *item) { acceptRow(m_popup->indexOfTopLevelItem(item)); });
    } else if (m_popup->parentWidget() != window) {
        m_popup->setParent(window); // the editor moved to another window
    }
    return m_popup;
}

// Below the cursor, or above it when the window has no room below; inside the window.
void SqlCompleter::place()
{
    QWidget *window = m_popup->parentWidget();
    m_popup->resizeColumnToContents(0);
    m_popup->resizeColumnToContents(1);
    const int rowHeight = std::max(m_popup->sizeHintForRow(0), 1);
    const int frame = 2 * m_popup->frameWidth();
    const int rows = std::min(m_popup->topLevelItemCount(), visibleRows);
    const int scrollBar = m_popup->topLevelItemCount() > visibleRows
                              ? m_popup->verticalScrollBar()->sizeHint().width()
                              : 0;
    const int width =
        std::clamp(m_popup->columnWidth(0) + m_popup->columnWidth(1) + frame + scrollBar + 8, 240,
                   std::max(240, window->width()));
    const int height = rows * rowHeight + frame;
    const QRect caret = m_editor->cursorRect();
    const QPoint below = m_editor->viewport()->mapTo(window, caret.bottomLeft());
    const QPoint above = m_editor->viewport()->mapTo(window, caret.topLeft());
    const bool fitsBelow = below.y() + height <= window->height() || above.y() - height < 0;
    const int x = std::clamp(below.x(), 0, std::max(0, window->width() - width));
    m_popup->setGeometry(x, fitsBelow ? below.y() : above.y() - height, width, height);
    m_popup->show();
    m_popup->raise();
    m_popup->scrollToItem(m_popup->currentItem());
}

} // namespace mizzle
