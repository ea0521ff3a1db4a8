#include "browse/table_grid_model.h"

#include "browse/table_reader.h"
#include "edit/edit_buffer.h"
#include "values/pg_type_names.h"

#include <QColor>
#include <QFont>
#include <QLocale>
#include <QPalette>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// A grid of a few screens holds this many pages at most, whatever the table's size.
constexpr int kMaxPages = 8;

bool numericType(const QString &type)
{
    static const QStringList numbers{u"smallint"_s, u"integer"_s, u"bigint"_s,
                                     u"numeric"_s,  u"real"_s,    u"double precision"_s,
                                     u"money"_s,    u"oid"_s};
    return std::any_of(numbers.begin(), numbers.end(), [&type](const QString &number) {
        return type == number || type.startsWith(number + u'(');
    });
}

} // namespace

TableGridModel::TableGridModel(TableReader *reader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_reader(reader)
    , m_window(reader->pageSize(), kMaxPages)
{
    const TableDetails &table = reader->table();
    for (const ColumnInfo &column : table.columns) {
        int key = -1;
        for (int i = 0; i < table.foreignKeys.size() && key < 0; ++i) {
            if (table.foreignKeys[i].columns.contains(column.name))
                key = i;
        }
        m_foreignKeyOfColumn.append(key);
    }
}

int TableGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TableGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reader->table().columns.size());
}

const QueryResult *TableGridModel::rowAt(int row, qsizetype *inRows) const
{
    return m_window.row(row, inRows);
}

bool TableGridModel::isNumeric(int column) const
{
    return numericType(m_reader->table().columns.at(column).type);
}

QVariant TableGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == ForeignKeyRole) {
        const int key = m_foreignKeyOfColumn.value(index.column(), -1);
        return key < 0 ? QVariant() : QVariant(key);
    }
    if (role == ColumnRole)
        return index.column();
    if (role == NewRowRole)
        return false;
    qsizetype inRows = 0;
    const QueryResult *rows = m_window.row(index.row(), &inRows);
    if (!rows) {
        if (role == Qt::DisplayRole)
            return u"…"_s;
        if (role == Qt::ForegroundRole)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return {};
    }
    if (m_buffer && m_buffer->hasChanges()) {
        const QString key = identityOf(m_reader->table(), *rows, inRows).mapKey();
        const bool deleted = m_buffer->isDeleted(key);
        if (role == DeletedRole)
            return deleted;
        if (deleted && role == Qt::FontRole) {
            QFont struck;
            struck.setStrikeOut(true);
            return struck;
        }
        if (deleted && role == Qt::ForegroundRole)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        if (const std::optional<CellValue> pending = m_buffer->cell(key, index.column())) {
            if (role == PendingRole)
                return true;
            return pendingData(*pending, index.column(), role);
        }
    }
    if (role == PendingRole || role == DeletedRole)
        return false;
    if (role == CellValueRole) {
        return QVariant::fromValue(rows->isNull(inRows, index.column())
                                       ? CellValue::null()
                                       : CellValue::of(rows->text(inRows, index.column())));
    }
    if (role == Qt::EditRole)
        return rows->isNull(inRows, index.column()) ? QVariant()
                                                    : QVariant(rows->text(inRows, index.column()));
    const int key = m_foreignKeyOfColumn.value(index.column(), -1);
    if (key >= 0 && !rows->isNull(inRows, index.column())) {
        const ForeignKey &foreign = m_reader->table().foreignKeys.at(key);
        if (role == Qt::ToolTipRole)
            return tr("Refers to %1.%2 (%3). Ctrl+click to open the row.")
                .arg(foreign.referencedSchema, foreign.referencedTable,
                     foreign.referencedColumns.join(u", "));
        if (role == Qt::DecorationRole)
            return {}; // the delegate draws the link mark
    }
    return CellPresentation::data(*rows, int(inRows), index.column(), isNumeric(index.column()),
                                  role);
}

QVariant TableGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role != Qt::DisplayRole)
            return {};
        const QString number = QLocale().toString(qint64(section) + 1);
        const bool deleted = m_buffer && m_buffer->isDeleted(identityAt(section).mapKey());
        return (deleted ? u"✕ "_s : QString()) +
               (m_window.rowNumbersExact() ? number : u"≈ "_s + number);
    }
    const QList<ColumnInfo> &columns = m_reader->table().columns;
    if (section < 0 || section >= columns.size())
        return {};
    const ColumnInfo &column = columns.at(section);
    if (role == Qt::DisplayRole) {
        QString name = column.name;
        const QList<SortKey> &sort = m_reader->sort();
        for (int i = 0; i < sort.size(); ++i) {
            if (sort[i].column == column.name) {
                name += (sort[i].descending ? u" ▼"_s : u" ▲"_s) +
                        (sort.size() > 1 ? QString::number(i + 1) : QString());
            }
        }
        return name + u'\n' + shortTypeName(column.type);
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{column.name + u": "_s + column.type};
        if (m_reader->table().primaryKey.contains(column.name))
            lines.append(tr("part of the primary key"));
        if (column.notNull)
            lines.append(u"NOT NULL"_s);
        if (!column.defaultExpression.isEmpty())
            lines.append(tr("default %1").arg(column.defaultExpression));
        if (!column.identity.isEmpty())
            lines.append(tr("identity, generated %1").arg(column.identity));
        if (!column.generated.isEmpty())
            lines.append(tr("generated always as %1").arg(column.generated));
        const int key = m_foreignKeyOfColumn.value(section, -1);
        if (key >= 0) {
            const ForeignKey &foreign = m_reader->table().foreignKeys.at(key);
            lines.append(
                tr("references %1.%2").arg(foreign.referencedSchema, foreign.referencedTable));
        }
        lines.append(tr("Click to sort, Shift+click to add to the sort."));
        return lines.join(u'\n');
    }
    return {};
}

// A pending value where the server's would be: tinted, NULL and DEFAULT read as such.
QVariant TableGridModel::pendingData(const CellValue &value, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return value.isNull() ? u"NULL"_s : value.isDefault() ? u"DEFAULT"_s : value.text;
    case Qt::EditRole:
    case RawValueRole:
        return value.kind == CellValue::Kind::Text ? QVariant(value.text) : QVariant();
    case CellValueRole:
        return QVariant::fromValue(value);
    case Qt::BackgroundRole:
        return QColor(0xff, 0xf1, 0xb8); // changed, not saved yet
    case Qt::ForegroundRole:
        return QColor(0x3d, 0x2e, 0x00);
    case Qt::FontRole:
        if (value.kind != CellValue::Kind::Text) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("Changed, not saved yet. Ctrl+Z takes it back.");
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

void TableGridModel::setEditBuffer(EditBuffer *buffer)
{
    if (m_buffer)
        disconnect(m_buffer, nullptr, this, nullptr);
    m_buffer = buffer;
    if (buffer)
        connect(buffer, &EditBuffer::changed, this, &TableGridModel::scheduleBufferChange);
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
}

void TableGridModel::setEditable(bool editable, const QString &whyNot)
{
    m_editable = editable;
    m_whyNotEditable = whyNot;
}

// The rows held that the change is about, repainted; all held rows for a change of every row.
// A delete of thousands of rows changes the buffer once a row; the held rows are repainted once,
// at the next turn of the event loop, rather than searched for each changed row's key. What a
// cell shows is read from the buffer when it is painted, so nothing is stale in between.
void TableGridModel::scheduleBufferChange()
{
    if (m_bufferChangePending)
        return;
    m_bufferChangePending = true;
    QMetaObject::invokeMethod(this, &TableGridModel::showBufferChange, Qt::QueuedConnection);
}

void TableGridModel::showBufferChange()
{
    m_bufferChangePending = false;
    if (m_window.held() == 0 || columnCount() == 0)
        return;
    const int first = int(m_window.start());
    const int last = int(m_window.end()) - 1;
    emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, first, last);
}

RowIdentity TableGridModel::identityAt(int row) const
{
    qsizetype inRows = 0;
    const QueryResult *rows = m_window.row(row, &inRows);
    return rows ? identityOf(m_reader->table(), *rows, inRows) : RowIdentity{};
}

QList<std::optional<QString>> TableGridModel::valuesAt(int row) const
{
    qsizetype inRows = 0;
    const QueryResult *rows = m_window.row(row, &inRows);
    return rows ? rowValues(m_reader->table(), *rows, inRows) : QList<std::optional<QString>>{};
}

Qt::ItemFlags TableGridModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid() || !m_editable || !m_buffer)
        return flags;
    const ColumnInfo &column = m_reader->table().columns.at(index.column());
    const RowIdentity row = identityAt(index.row());
    if (column.generated.isEmpty() && row.isValid() && !m_buffer->isDeleted(row.mapKey()))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TableGridModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!(flags(index) & Qt::ItemIsEditable))
        return false;
    CellValue cell;
    if (role == CellValueRole && value.canConvert<CellValue>())
        cell = value.value<CellValue>();
    else if (role == Qt::EditRole)
        cell = value.isNull() ? CellValue::null() : CellValue::of(value.toString());
    else
        return false;
    if (cell.isDefault())
        return false; // DEFAULT is for new rows
    emit cellEdited(identityAt(index.row()), valuesAt(index.row()), index.column(), cell);
    return true;
}

void TableGridModel::reload()
{
    beginResetModel();
    m_window.clear();
    m_rows = 0;
    m_failed = false;
    m_failedNeed.reset();
    endResetModel();
    const quint64 generation = m_reader->generation();
    m_reader->estimate(this, [this, generation](Result<TableReader::Estimate> estimate) {
        if (!estimate || generation != m_reader->generation())
            return; // a table without an estimate still pages; the count grows as it reads
        m_window.setEstimate(estimate->rows);
        applyChange({0, 0, m_window.total(), false, false});
        emit estimated(estimate->rows, estimate->sortsWholeTable);
    });
    request({RowWindow::Need::Kind::First});
}

void TableGridModel::showRows(int first, int last)
{
    m_firstShown = std::max(0, first);
    m_lastShown = std::max(m_firstShown, last);
    pursue();
}

void TableGridModel::pursue()
{
    if (m_loading || m_failed)
        return;
    request(m_window.need(m_firstShown, m_lastShown));
}

void TableGridModel::goToFirst()
{
    m_firstShown = 0;
    m_lastShown = 0;
    if (!m_window.reachesStart() || m_window.start() > 0)
        request({RowWindow::Need::Kind::First});
}

void TableGridModel::goToLast()
{
    if (!m_window.reachesEnd())
        request({RowWindow::Need::Kind::Last});
    m_firstShown = m_lastShown = int(std::max<qint64>(0, m_window.total() - 1));
}

void TableGridModel::goToValue(const QString &value)
{
    if (m_loading)
        return;
    m_loading = true;
    emit loadingChanged(true);
    const quint64 generation = m_reader->generation();
    // Placed like a jump: about where the value is, by the row the screen shows now.
    const RowWindow::Need need{RowWindow::Need::Kind::Jump, {}, 0, m_firstShown};
    m_reader->fetchAtValue(value, this, [this, need, generation](Result<TableReader::Page> page) {
        onPage(need, generation, std::move(page));
    });
}

void TableGridModel::setExactRowCount(qint64 rows)
{
    m_window.setExactTotal(rows);
    applyChange({0, 0, m_window.total(), false, false});
}

void TableGridModel::retry()
{
    m_failed = false;
    if (const auto need = std::exchange(m_failedNeed, std::nullopt))
        request(*need);
    else
        pursue();
}

void TableGridModel::request(const RowWindow::Need &need)
{
    using Kind = RowWindow::Need::Kind;
    if (need.kind == Kind::Nothing || m_loading)
        return;
    m_loading = true;
    emit loadingChanged(true);
    const quint64 generation = m_reader->generation();
    auto done = [this, need, generation](Result<TableReader::Page> page) {
        onPage(need, generation, std::move(page));
    };
    switch (need.kind) {
    case Kind::Nothing:
        break;
    case Kind::First:
        m_reader->fetchFirst(this, done);
        break;
    case Kind::Last:
        m_reader->fetchLast(this, done);
        break;
    case Kind::After:
        m_reader->fetchAfter(need.key, this, done);
        break;
    case Kind::Before:
        m_reader->fetchBefore(need.key, this, done);
        break;
    case Kind::Jump:
        m_reader->fetchAtFraction(need.fraction, this, done);
        break;
    }
}

void TableGridModel::onPage(const RowWindow::Need &need, quint64 generation,
                            Result<TableReader::Page> page)
{
    m_loading = false;
    emit loadingChanged(false);
    if (generation != m_reader->generation()) {
        pursue(); // read for a sort or filter that no longer holds: ask again for this one
        return;
    }
    if (!page) {
        m_failed = true;
        m_failedNeed = need;
        emit failed(page.error());
        return;
    }
    const RowWindow::Change change = m_window.accept(need, std::move(page).value());
    if (change.emptyJump) {
        request({RowWindow::Need::Kind::Last});
        return;
    }
    applyChange(change);
    for (const auto &[from, to] : m_window.trim(m_firstShown, m_lastShown))
        emit dataChanged(index(int(from), 0), index(int(to) - 1, columnCount() - 1));
    emit pageLoaded(m_window.held(), m_window.total());
    pursue();
}

// Turns the window's change into row signals, keeping rowCount() what the view was told.
void TableGridModel::applyChange(const RowWindow::Change &change)
{
    if (change.insertedAtTop > 0) {
        beginInsertRows({}, 0, int(change.insertedAtTop) - 1);
        m_rows += int(change.insertedAtTop);
        endInsertRows();
        m_firstShown += int(change.insertedAtTop);
        m_lastShown += int(change.insertedAtTop);
        emit rowsShifted(change.insertedAtTop);
    } else if (change.removedAtTop > 0) {
        const int removed = int(std::min<qint64>(change.removedAtTop, m_rows));
        beginRemoveRows({}, 0, removed - 1);
        m_rows -= removed;
        endRemoveRows();
        m_firstShown = std::max(0, m_firstShown - removed);
        m_lastShown = std::max(0, m_lastShown - removed);
        emit rowsShifted(-removed);
    }
    const int wanted = int(std::min<qint64>(change.totalAfter, INT_MAX));
    if (wanted > m_rows) {
        beginInsertRows({}, m_rows, wanted - 1);
        m_rows = wanted;
        endInsertRows();
    } else if (wanted < m_rows) {
        beginRemoveRows({}, wanted, m_rows - 1);
        m_rows = wanted;
        endRemoveRows();
    }
    if (m_window.held() > 0 && columnCount() > 0 && m_window.end() <= m_rows)
        emit dataChanged(index(int(m_window.start()), 0),
                         index(int(m_window.end()) - 1, columnCount() - 1));
    if (m_rows > 0 && (change.renumbered || change.insertedAtTop || change.removedAtTop))
        emit headerDataChanged(Qt::Vertical, 0, m_rows - 1);
}

} // namespace mizzle
