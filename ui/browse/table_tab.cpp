#include "browse/table_tab.h"

#include "browse/browse_state.h"
#include "browse/filter_bar.h"
#include "browse/pending_changes_panel.h"
#include "browse/record_view.h"
#include "browse/table_counter.h"
#include "browse/table_editor.h"
#include "browse/table_footer.h"
#include "browse/table_grid_model.h"
#include "browse/table_links.h"
#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "common/app_settings.h"
#include "common/error_banner.h"
#include "common/shortcut_actions.h"
#include "grid/grid_copy.h"
#include "grid/grid_view.h"
#include "grid/value_viewer.h"
#include "session/connection_session.h"

#include <QApplication>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// A column fits its first page's values, but never wider than this.
constexpr int kWidestColumn = 420;
// The scrollbar has stopped for this long: read what it shows. Dragging it end to end then
// reads a page or two, not one for every pixel.
constexpr int kScrollSettleMs = 60;

} // namespace

TableTab::TableTab(ConnectionSession *session, const TableDetails &table,
                   const std::optional<BrowseState> &start, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_table(table)
    , m_banner(new ErrorBanner(this))
    , m_filterBar(new FilterBar(table, this))
    , m_view(new QTableView(this))
    , m_side(new QTabWidget(this))
    , m_viewer(new ValueViewer(this))
    , m_record(new RecordView(this))
    , m_footer(new TableFooter(this))
    , m_counter(new TableCounter(session, this))
    , m_scrollSettle(new QTimer(this))
    , m_stateSave(new QTimer(this))
{
    setUpGridView(m_view);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(false); // the header text shows the sort
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_links = new TableLinks(m_view, this);
    connect(m_links, &TableLinks::navigate, this, &TableTab::navigateTo);
    connect(m_links, &TableLinks::notFollowed, this,
            [this](const QString &why) { m_banner->showInfo(why); });
    connect(m_links, &TableLinks::countReferencesRequested, this, [this](int row) {
        m_counter->countReferences(m_table, [this, row](const QStringList &columns) {
            return m_links->rowValues(row, columns);
        });
    });
    m_copy = new GridCopy(
        m_view, [this](int row, qsizetype *inRows) { return m_model->rowAt(row, inRows); }, this);
    m_copy->setTable(table.schema, table.name);
    m_copy->addActions();
    m_editor = new TableEditor(session, m_view, m_banner, this);
    connect(m_editor, &TableEditor::pendingChanged, this, [this](int changes) {
        m_footer->setPendingChanges(changes);
        if (changes > 0 && !m_side->isVisible()) {
            m_side->show();
            m_side->setCurrentWidget(m_editor->panel());
        }
    });
    connect(m_editor, &TableEditor::rowsChanged, this, [this] { m_model->reload(); });

    m_side->addTab(m_viewer, tr("Value"));
    m_side->addTab(m_record, tr("Record"));
    m_side->addTab(m_editor->panel(), tr("Changes"));
    auto *grids = new QWidget(this);
    auto *gridLayout = new QVBoxLayout(grids);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->setSpacing(0);
    gridLayout->addWidget(m_editor->newRowsView());
    gridLayout->addWidget(m_view, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(grids);
    splitter->addWidget(m_side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    m_side->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_filterBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_footer);
    m_filterBar->hide();

    m_scrollSettle->setSingleShot(true);
    m_scrollSettle->setInterval(kScrollSettleMs);
    m_stateSave->setSingleShot(true);
    m_stateSave->setInterval(500);
    connect(m_scrollSettle, &QTimer::timeout, this, &TableTab::requestVisibleRows);
    connect(m_stateSave, &QTimer::timeout, this, &TableTab::saveState);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, m_scrollSettle,
            qOverload<>(&QTimer::start));
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        sortByColumn(column, QApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, m_stateSave,
            qOverload<>(&QTimer::start));
    connect(m_view, &QWidget::customContextMenuRequested, this, &TableTab::showContextMenu);
    connect(m_filterBar, &FilterBar::applyRequested, this,
            [this] { applyFilter(m_filterBar->filter()); });
    connect(m_banner, &ErrorBanner::retryRequested, this, [this] { m_model->retry(); });
    connect(m_footer, &TableFooter::countClicked, this,
            [this] { isCounting() ? cancelCount() : countRows(); });
    connect(m_counter, &TableCounter::countingChanged, this, [this](bool counting) {
        m_footer->setCounting(counting);
        m_footer->setBusy(counting || m_model->isLoading());
    });
    connect(m_counter, &TableCounter::counted, this, [this](qint64 rows) {
        m_exactCount = rows;
        m_model->setExactRowCount(rows);
        updateStatus();
    });
    connect(m_counter, &TableCounter::failed, this,
            [this](const Error &error) { m_banner->showError(error); });
    connect(m_counter, &TableCounter::referencesCounted, this, [this](const QStringList &lines) {
        m_banner->showInfo(tr("Referenced by:\n%1").arg(lines.join(u'\n')));
    });

    const auto key = [this](const QKeySequence &keys, auto slot) {
        addShortcutAction(this, QString(), {keys}, this, slot);
    };
    key(QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
        m_filterBar->setVisible(!m_filterBar->isVisible() || m_filterBar->conditionCount() > 0);
        if (m_filterBar->conditionCount() == 0)
            m_filterBar->addCondition({});
    });
    key(QKeySequence(Qt::ALT | Qt::Key_Left), &TableTab::goBack);
    key(QKeySequence(Qt::ALT | Qt::Key_Right), &TableTab::goForward);
    key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] {
        const bool showing = m_side->isVisible() && m_side->currentWidget() == m_record;
        m_side->setVisible(!showing);
        m_side->setCurrentWidget(m_record);
        showCurrentRow();
    });
    key(QKeySequence(Qt::CTRL | Qt::Key_G), [this] {
        bool accepted = false;
        const QString target = QInputDialog::getText(
            this, tr("Go to"), tr("A value of the first order column, or #row number:"),
            QLineEdit::Normal, {}, &accepted);
        if (accepted && !target.trimmed().isEmpty())
            goTo(target.trimmed());
    });
    key(QKeySequence(Qt::Key_Escape), [this] {
        if (isCounting())
            cancelCount();
    });

    m_trail.append({table, {}, {}});
    m_here = 0;
    restoreState();
    if (start) {
        m_trail[m_here].filter = start->filter;
        m_trail[m_here].sort = start->sort;
    }
    showPlace(m_trail.at(m_here));
}

TableTab::~TableTab()
{
    if (m_stateSave->isActive())
        saveState();
}

QString TableTab::qualifiedName() const
{
    return m_table.schema + u'.' + m_table.name;
}

QLabel *TableTab::statusLabel() const
{
    return m_footer->statusLabel();
}

QLabel *TableTab::orderLabel() const
{
    return m_footer->orderLabel();
}

const QList<SortKey> &TableTab::sort() const
{
    return m_reader->sort();
}

// A place of the trail on screen: a reader and a model of its own, the old ones let go (which
// cancels whatever they still had on the server).
void TableTab::showPlace(const Place &place)
{
    const bool sameTable = m_reader && place.table.oid == m_table.oid;
    m_table = place.table;
    m_filter = place.filter;
    auto *reader = new TableReader(m_session->pool(), m_table, this);
    reader->setPageSize(app_settings::pageSize());
    reader->setSort(place.sort);
    auto *model = new TableGridModel(reader, this);
    TableReader *oldReader = std::exchange(m_reader, reader);
    TableGridModel *oldModel = std::exchange(m_model, model);
    m_view->setModel(model);
    m_links->setTable(m_table, model);
    m_editor->showTable(m_table, model);
    delete oldModel;
    delete oldReader;
    if (!sameTable) {
        auto *bar = new FilterBar(m_table, this);
        layout()->replaceWidget(m_filterBar, bar);
        std::exchange(m_filterBar, bar)->deleteLater();
        connect(bar, &FilterBar::applyRequested, this,
                [this] { applyFilter(m_filterBar->filter()); });
        m_copy->setTable(m_table.schema, m_table.name);
        m_widthsFitted = false;
    }
    m_filterBar->setFilter(m_filter);
    m_filterBar->setVisible(!m_filter.isEmpty());
    connect(model, &TableGridModel::pageLoaded, this, &TableTab::onPageLoaded);
    connect(model, &TableGridModel::loadingChanged, m_footer, &TableFooter::setBusy);
    connect(model, &TableGridModel::estimated, this, [this](qint64 rows, bool sortsEverything) {
        m_estimate = rows;
        m_sortsWholeTable = sortsEverything;
        updateStatus();
    });
    connect(model, &TableGridModel::failed, this, [this](const Error &error) {
        m_banner->showError(error, true);
        emit loadFailed();
    });
    connect(model, &TableGridModel::rowsShifted, this, [this](qint64 by) {
        QScrollBar *bar = m_view->verticalScrollBar();
        bar->setValue(bar->value() + int(by));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TableTab::showCurrentRow);
    readFilter(m_filter);
}

void TableTab::readFilter(const TableFilter &filter)
{
    m_filter = filter;
    m_trail[m_here].filter = filter;
    // The reader renders the filter with its own connection's quoting; see TableReader.
    m_reader->setFilter(filter);
    reload();
}

void TableTab::reload()
{
    m_exactCount.reset();
    m_estimate = -1;
    cancelCount();
    m_banner->hide();
    m_footer->setOrder(m_reader->orderDescription(), false);
    m_model->reload();
    updateStatus();
}

void TableTab::applyFilter(const TableFilter &filter)
{
    if (filter.usesExpression()) {
        if (const std::optional<Error> problem = checkFilterExpression(filter.expression)) {
            m_filterBar->showProblems({{-1, *problem}});
            return;
        }
    }
    checkFilterValues(m_session->pool(), filter, m_table, this,
                      [this, filter](const QList<FilterProblem> &problems) {
                          m_filterBar->showProblems(problems);
                          if (!problems.isEmpty())
                              return; // the grid keeps what it showed
                          readFilter(filter);
                          m_stateSave->start();
                      });
}

void TableTab::setSort(const QList<SortKey> &sort)
{
    m_reader->setSort(sort);
    m_trail[m_here].sort = sort;
    m_model->headerDataChanged(Qt::Horizontal, 0, std::max(0, m_model->columnCount() - 1));
    reload();
    m_stateSave->start();
}

void TableTab::sortByColumn(int column, bool adding)
{
    if (column < 0 || column >= m_table.columns.size())
        return;
    setSort(toggleSort(m_reader->sort(), m_table.columns.at(column).name, adding));
}

void TableTab::requestVisibleRows()
{
    const int first = std::max(0, m_view->rowAt(0));
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (last < 0)
        last = std::max(0, m_model->rowCount() - 1);
    m_model->showRows(first, last);
}

void TableTab::onPageLoaded()
{
    if (!m_widthsFitted && m_model->heldRows() > 0) {
        m_widthsFitted = true;
        fitColumns();
    }
    updateStatus();
    if (!m_firstPageShown) {
        m_firstPageShown = true;
        emit firstPageShown();
    }
    showCurrentRow();
}

void TableTab::fitColumns()
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        m_view->resizeColumnToContents(column);
        header->resizeSection(column, std::min(header->sectionSize(column), kWidestColumn));
    }
    restoreState(); // widths the user set win over the fitted ones
}

void TableTab::updateStatus()
{
    m_footer->setRowCount(
        m_exactCount,
        m_model->isComplete() ? std::optional(m_model->window().held()) : std::nullopt, m_estimate);
    m_footer->setOrder(m_reader->orderDescription(), m_sortsWholeTable);
}

void TableTab::showCurrentRow()
{
    const QModelIndex current = m_view->currentIndex();
    qsizetype inRows = 0;
    const QueryResult *rows = current.isValid() ? m_model->rowAt(current.row(), &inRows) : nullptr;
    if (!rows) {
        m_viewer->clear();
        m_record->clear();
        return;
    }
    m_viewer->showValue(*rows, inRows, current.column());
    m_record->showRow(m_table, *rows, inRows,
                      m_model->headerData(current.row(), Qt::Vertical).toString());
}

void TableTab::countRows()
{
    m_counter->countRows(m_reader);
}

void TableTab::cancelCount()
{
    m_counter->cancel();
}

bool TableTab::isCounting() const
{
    return m_counter->isCounting();
}

void TableTab::goTo(const QString &target)
{
    if (target.startsWith(u'#')) {
        bool number = false;
        const qint64 row = target.mid(1).trimmed().remove(u',').toLongLong(&number);
        if (!number || row < 1)
            return;
        const int index = int(std::min<qint64>(row - 1, m_model->rowCount() - 1));
        m_view->scrollTo(m_model->index(index, 0), QAbstractItemView::PositionAtTop);
        m_view->setCurrentIndex(m_model->index(index, 0));
        requestVisibleRows();
        if (!m_model->rowNumbersExact())
            m_banner->showInfo(tr("Row numbers here are approximate: the page about row %1 "
                                  "is shown. Home and a count make them exact.")
                                   .arg(QLocale().toString(row)));
        return;
    }
    m_model->goToValue(target);
}

void TableTab::openReferencedRow(const QModelIndex &cell)
{
    m_links->openReferencedRow(cell);
}

void TableTab::openReferencingRows(int key, int row)
{
    m_links->openReferencingRows(key, row);
}

void TableTab::navigateTo(const QString &schema, const QString &name, const TableFilter &filter)
{
    m_session->catalog()->loadTable(schema, name, this,
                                    [this, filter](Result<TableDetails> details) {
                                        if (!details) {
                                            m_banner->showError(details.error());
                                            return;
                                        }
                                        saveState();
                                        m_trail.resize(m_here + 1); // forward is forgotten
                                        m_trail.append({details.value(), filter, {}});
                                        m_here = m_trail.size() - 1;
                                        showPlace(m_trail.at(m_here));
                                    });
}

bool TableTab::canGoBack() const
{
    return m_here > 0;
}

bool TableTab::canGoForward() const
{
    return m_here + 1 < m_trail.size();
}

void TableTab::goBack()
{
    if (!canGoBack())
        return;
    saveState();
    showPlace(m_trail.at(--m_here));
}

void TableTab::goForward()
{
    if (!canGoForward())
        return;
    saveState();
    showPlace(m_trail.at(++m_here));
}

void TableTab::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addActions(m_view->actions()); // the copies
    menu.addSeparator();
    menu.addActions(m_editor->actions());
    menu.addSeparator();
    m_links->addMenuActions(&menu, m_view->indexAt(position));
    menu.addSeparator();
    menu.addAction(tr("Value viewer"), this, [this] {
        m_side->setVisible(true);
        m_side->setCurrentWidget(m_viewer);
        showCurrentRow();
    });
    menu.addAction(tr("Record view (Ctrl+Shift+R)"), this, [this] {
        m_side->setVisible(true);
        m_side->setCurrentWidget(m_record);
        showCurrentRow();
    });
    menu.addAction(tr("Filter (Ctrl+F)"), this, [this] {
        m_filterBar->show();
        if (m_filterBar->conditionCount() == 0)
            m_filterBar->addCondition({});
    });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void TableTab::saveState()
{
    if (!m_reader)
        return;
    BrowseState state;
    state.sort = m_reader->sort();
    state.filter = m_filter;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < m_table.columns.size(); ++column)
        state.columnWidths.insert(m_table.columns.at(column).name, header->sectionSize(column));
    if (Result<void> saved = m_session->browseStates().save(m_table.schema, m_table.name, state);
        !saved)
        m_banner->showInfo(saved.error().toString());
}

// The sort and filter before the first read, the widths once the columns are fitted.
void TableTab::restoreState()
{
    const auto loaded = m_session->browseStates().load(m_table.schema, m_table.name);
    if (!loaded) {
        m_banner->showInfo(loaded.error().toString());
        return;
    }
    if (!loaded->has_value())
        return;
    const BrowseState &state = loaded->value();
    if (!m_reader) {
        m_trail[m_here].sort = state.sort;
        m_trail[m_here].filter = state.filter;
        return;
    }
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < m_table.columns.size(); ++column) {
        const auto width = state.columnWidths.constFind(m_table.columns.at(column).name);
        if (width != state.columnWidths.constEnd() && width.value() > 0)
            header->resizeSection(column, width.value());
    }
}

} // namespace mizzle
