#include "history/history_panel.h"

#include "common/error_banner.h"
#include "document/query_history.h"
#include "history/history_model.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_model(new HistoryModel(this))
{
    m_search->setObjectName(u"historySearch"_s);
    m_search->setPlaceholderText(tr("Search history…"));
    m_search->setClearButtonEnabled(true);

    m_view->setObjectName(u"historyView"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HistoryModel::StatementColumn, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);

    // The history is a local file searched by its index: fast enough to search on every key.
    connect(m_search, &QLineEdit::textChanged, this, &HistoryPanel::refresh);
    // activated covers double-click and Enter, and single-click where the platform wants it.
    connect(m_view, &QAbstractItemView::activated, this, &HistoryPanel::choose);
}

void HistoryPanel::setHistory(QueryHistory *history)
{
    if (history != m_history) {
        disconnect(m_recordedConnection);
        disconnect(m_destroyedConnection);
        m_history = history;
        if (history) {
            m_recordedConnection =
                connect(history, &QueryHistory::recorded, this, &HistoryPanel::refresh);
            // By the time destroyed() arrives the history is no longer a QueryHistory: forget
            // it without touching it.
            m_destroyedConnection = connect(history, &QObject::destroyed, this, [this] {
                m_history = nullptr;
                m_banner->hide();
                m_model->setEntries({});
            });
        }
    }
    refresh();
}

QueryHistory *HistoryPanel::history() const
{
    return m_history;
}

void HistoryPanel::refresh()
{
    if (!m_history) {
        m_banner->hide();
        m_model->setEntries({});
        return;
    }
    Result<QList<HistoryEntry>> found = m_history->search(m_search->text());
    if (!found) {
        m_model->setEntries({});
        m_banner->showError(found.error());
        return;
    }
    m_banner->hide();

    // A statement recorded while the user browses must not move the selection away.
    const QModelIndex current = m_view->currentIndex();
    const bool hadCurrent = current.isValid();
    const HistoryEntry previous =
        hadCurrent ? m_model->entries().at(current.row()) : HistoryEntry();
    m_model->setEntries(std::move(found).value());
    if (!hadCurrent)
        return;
    const QList<HistoryEntry> &entries = m_model->entries();
    for (qsizetype row = 0; row < entries.size(); ++row) {
        if (entries[row].ranAt == previous.ranAt && entries[row].sql == previous.sql) {
            m_view->setCurrentIndex(m_model->index(int(row), current.column()));
            break;
        }
    }
}

void HistoryPanel::choose(const QModelIndex &index)
{
    if (index.isValid())
        emit statementChosen(index.data(HistoryModel::SqlRole).toString());
}

} // namespace mizzle
