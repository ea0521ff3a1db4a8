#include "browse/foreign_key_picker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTreeView>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

constexpr int kCandidateRole = Qt::UserRole + 1;

} // namespace

ForeignKeyPicker::ForeignKeyPicker(const Options &options, ConnectionPool *pool,
                                   const ForeignKey &key, int position, QWidget *parent)
    : LineCellEditor(options, parent)
    , m_lookup(new ForeignKeyLookup(pool, key, position, this))
    , m_model(new QStandardItemModel(this))
    , m_completer(new QCompleter(this))
{
    const QString hint = tr("Type to search %1.%2").arg(key.referencedSchema, key.referencedTable);
    lineEdit()->setToolTip(hint);
    // Two columns, key and label, without the tree's decorations: a list that reads across.
    auto *popup = new QTreeView;
    popup->setHeaderHidden(true);
    popup->setRootIsDecorated(false);
    popup->setUniformRowHeights(true);
    popup->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_completer->setModel(m_model);
    m_completer->setPopup(popup); // the completer owns it from here
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(lineEdit());
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                choose(index.sibling(index.row(), 0).data(kCandidateRole).toInt());
            });

    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(kTypingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, &ForeignKeyPicker::search);
    connect(lineEdit(), &QLineEdit::textEdited, &m_typingPause, qOverload<>(&QTimer::start));
    connect(m_lookup, &ForeignKeyLookup::found, this,
            [this, hint](const QString &, const QList<ForeignKeyCandidate> &found) {
                m_error.clear();
                lineEdit()->setToolTip(hint);
                show(found);
            });
    connect(m_lookup, &ForeignKeyLookup::failed, this, [this](const Error &error) {
        m_error = error.message;
        lineEdit()->setToolTip(tr("The search failed: %1").arg(error.message));
        show({});
    });
}

void ForeignKeyPicker::setRowValues(const QList<std::optional<QString>> &values)
{
    m_lookup->setRowValues(values);
}

void ForeignKeyPicker::search()
{
    m_typingPause.stop();
    m_lookup->search(lineEdit()->text());
}

void ForeignKeyPicker::choose(int candidate)
{
    if (candidate < 0 || candidate >= m_candidates.size())
        return;
    setEditedText(m_candidates.at(candidate).keys.value(m_lookup->position()));
    m_completer->popup()->hide();
    emit commitRequested();
}

void ForeignKeyPicker::show(const QList<ForeignKeyCandidate> &candidates)
{
    m_candidates = candidates;
    m_model->clear();
    const int position = m_lookup->position();
    for (int i = 0; i < m_candidates.size(); ++i) {
        const ForeignKeyCandidate &candidate = m_candidates.at(i);
        // The key's other columns (a composite key's), then the label.
        QStringList rest = candidate.keys;
        rest.removeAt(position);
        if (!candidate.label.isEmpty())
            rest.append(candidate.label);
        auto *key = new QStandardItem(candidate.keys.value(position));
        key->setData(i, kCandidateRole);
        m_model->appendRow({key, new QStandardItem(rest.join(u" · "))});
    }
    auto *popup = static_cast<QTreeView *>(m_completer->popup());
    if (popup->header()->count() > 0)
        popup->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    emit candidatesChanged();
    if (lineEdit()->hasFocus() && !m_candidates.isEmpty()) {
        m_completer->setCompletionPrefix(lineEdit()->text());
        m_completer->complete();
    } else {
        popup->hide();
    }
}

} // namespace mizzle
