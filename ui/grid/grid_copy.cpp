#include "grid/grid_copy.h"

#include "common/shortcut_actions.h"
#include "connection/query_result.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QTableView>
#include <set>

namespace mizzle {

using namespace Qt::StringLiterals;

GridCopy::GridCopy(QTableView *view, RowSource rows, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_rows(std::move(rows))
{}

void GridCopy::setTable(const QString &schema, const QString &name)
{
    m_schema = schema;
    m_table = name;
}

QString GridCopy::selectionText(ResultFormat format) const
{
    std::set<int> rowMarks, columnMarks;
    const auto mark = [&](int top, int bottom, int left, int right) {
        for (int row = top; row <= bottom; ++row)
            rowMarks.insert(row);
        for (int column = left; column <= right; ++column) {
            if (!m_view->isColumnHidden(column))
                columnMarks.insert(column);
        }
    };
    const QItemSelection selection = m_view->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection)
        mark(range.top(), range.bottom(), range.left(), range.right());
    const QModelIndex current = m_view->currentIndex();
    if (selection.isEmpty() && current.isValid())
        mark(current.row(), current.row(), current.column(), current.column());

    // The held rows, gathered into one result in the grid's order.
    std::optional<QueryResult> gathered;
    for (const int row : rowMarks) {
        qsizetype inRows = 0;
        const QueryResult *rows = m_rows(row, &inRows);
        if (!rows)
            continue;
        if (!gathered)
            gathered = rows->emptyCopy();
        gathered->appendRow(*rows, inRows);
    }
    if (!gathered || gathered->rowCount() == 0 || columnMarks.empty())
        return {};
    const QList<int> columns(columnMarks.begin(), columnMarks.end());
    if (format == ResultFormat::Tsv && gathered->rowCount() == 1 && columns.size() == 1)
        return gathered->text(0, columns.first());
    ResultFormatter formatter(*gathered, format, columns);
    if (!m_table.isEmpty())
        formatter.setTable(m_schema, m_table);
    QList<qsizetype> all;
    for (qsizetype row = 0; row < gathered->rowCount(); ++row)
        all.append(row);
    return QString::fromUtf8(formatter.format(all));
}

void GridCopy::copy(ResultFormat format) const
{
    const QString text = selectionText(format);
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

QList<QAction *> GridCopy::addActions()
{
    const auto add = [this](const QString &text, const QList<QKeySequence> &keys,
                            ResultFormat format) {
        return addShortcutAction(m_view, text, keys, this, [this, format] { copy(format); });
    };
    return {
        add(tr("Copy"), {QKeySequence::Copy}, ResultFormat::Tsv),
        add(tr("Copy as CSV"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}, ResultFormat::Csv),
        add(tr("Copy as JSON"), {}, ResultFormat::Json),
        add(tr("Copy as SQL INSERT"), {}, ResultFormat::SqlInsert)};
}

} // namespace mizzle
