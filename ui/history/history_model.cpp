#include "history/history_model.h"

#include "values/text_summary.h"

#include <QColor>
#include <QLocale>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// Tooltips show the statement, but a pasted dump could be megabytes: enough to recognise it.
constexpr qsizetype maxTooltipChars = 2000;

QString shortened(const QString &text)
{
    return text.size() <= maxTooltipChars ? text : text.left(maxTooltipChars) + u" …"_s;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setEntries(QList<HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_entries[index.row()];
    if (role == SqlRole)
        return entry.sql;
    const bool failed = entry.status == u"error"_s;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.ranAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        case DurationColumn:
            return formatDuration(entry.durationMs);
        case RowsColumn:
            return entry.rows < 0 ? QString() : QLocale().toString(entry.rows);
        case StatusColumn:
            return entry.status;
        case StatementColumn:
            return firstLine(entry.sql);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return entry.message.isEmpty() ? QVariant() : QVariant(shortened(entry.message));
        case StatementColumn:
            return shortened(entry.sql);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == RowsColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        // A red dark enough for a light background and light enough for a dark one.
        return failed && index.column() == StatusColumn ? QVariant(QColor(0xd0, 0x30, 0x30))
                                                        : QVariant();
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DurationColumn:
        return tr("Duration");
    case RowsColumn:
        return tr("Rows");
    case StatusColumn:
        return tr("Status");
    case StatementColumn:
        return tr("Statement");
    default:
        return {};
    }
}

} // namespace mizzle
