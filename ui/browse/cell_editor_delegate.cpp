#include "browse/cell_editor_delegate.h"

#include "browse/bytea_cell_editor.h"
#include "browse/choice_cell_editor.h"
#include "browse/foreign_key_picker.h"
#include "browse/json_cell_editor.h"
#include "browse/line_cell_editor.h"
#include "browse/text_area_cell_editor.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QLineEdit>
#include <QToolTip>

namespace mizzle {

using namespace Qt::StringLiterals;

CellEditorDelegate::CellEditorDelegate(TableDetails table, ConnectionPool *pool,
                                       EnumLabels enumLabels, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_table(std::move(table))
    , m_pool(pool)
    , m_enumLabels(std::move(enumLabels))
{}

CellValue CellEditorDelegate::cellValue(const QModelIndex &index)
{
    const QVariant held = index.data(CellValueRole);
    if (held.metaType() == QMetaType::fromType<CellValue>())
        return held.value<CellValue>();
    const QVariant text = index.data(Qt::EditRole);
    // Only a variant without a value is NULL: a QVariant holding an empty (even a null)
    // QString is the empty string.
    if (!text.isValid() || text.isNull())
        return CellValue::null();
    return CellValue::of(text.toString());
}

const ColumnInfo *CellEditorDelegate::columnOf(const QModelIndex &index) const
{
    bool ok = false;
    const int column = index.data(ColumnRole).toInt(&ok);
    if (!ok || column < 0 || column >= m_table.columns.size())
        return nullptr;
    return &m_table.columns.at(column);
}

std::optional<std::pair<ForeignKey, int>>
CellEditorDelegate::foreignKeyOf(const QString &column) const
{
    for (const ForeignKey &key : m_table.foreignKeys) {
        const qsizetype position = key.columns.indexOf(column);
        if (position >= 0)
            return std::pair{key, int(position)};
    }
    return std::nullopt;
}

std::optional<CellEditorKind> CellEditorDelegate::kindOf(const QModelIndex &index) const
{
    const ColumnInfo *column = columnOf(index);
    if (!column)
        return std::nullopt;
    if (foreignKeyOf(column->name))
        return CellEditorKind::ForeignKey;
    const CellEditorKind kind = cellEditorKindOf(column->type);
    if (kind == CellEditorKind::Text && mayBeEnum(column->type) && m_enumLabels &&
        !m_enumLabels(column->type).isEmpty())
        return CellEditorKind::Enum;
    return kind;
}

QString CellEditorDelegate::whyNotEditable(const QModelIndex &index) const
{
    const ColumnInfo *column = columnOf(index);
    if (!column || column->generated.isEmpty())
        return {};
    return tr("%1 is generated (%2): the server computes it, so it is never edited.")
        .arg(column->name, column->generated);
}

QList<std::optional<QString>> CellEditorDelegate::rowValues(const QModelIndex &index,
                                                            const ForeignKey &key) const
{
    QList<std::optional<QString>> values;
    const QAbstractItemModel *model = index.model();
    for (const QString &name : key.columns) {
        std::optional<QString> value;
        for (int modelColumn = 0; model && modelColumn < model->columnCount(index.parent());
             ++modelColumn) {
            const QModelIndex sibling = index.siblingAtColumn(modelColumn);
            const ColumnInfo *column = columnOf(sibling);
            if (!column || column->name != name)
                continue;
            const CellValue held = cellValue(sibling);
            if (held.kind == CellValue::Kind::Text)
                value = held.text;
            break;
        }
        values.append(value);
    }
    return values;
}

QWidget *CellEditorDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                          const QModelIndex &index) const
{
    // Without a column the value could not be told apart from NULL and DEFAULT: no editor.
    const ColumnInfo *column = columnOf(index);
    if (!column || !column->generated.isEmpty())
        return nullptr;
    const CellEditor::Options options{!column->notNull, index.data(NewRowRole).toBool()};
    CellEditor *editor = nullptr;
    switch (*kindOf(index)) {
    case CellEditorKind::Text:
        if (TextAreaCellEditor::wants(cellValue(index)))
            editor = new TextAreaCellEditor(options, parent);
        else
            editor = new LineCellEditor(options, parent);
        break;
    case CellEditorKind::Number: {
        auto *line = new LineCellEditor(options, parent);
        line->setCheck(numberProblem);
        editor = line;
        break;
    }
    case CellEditorKind::DateTime:
    case CellEditorKind::Array: {
        auto *line = new LineCellEditor(options, parent);
        line->lineEdit()->setToolTip(
            tr("%1, in its text form; the server checks it on save").arg(column->type));
        editor = line;
        break;
    }
    case CellEditorKind::Boolean:
        editor = ChoiceCellEditor::forBoolean(options, parent);
        break;
    case CellEditorKind::Enum:
        editor = ChoiceCellEditor::forEnum(options, m_enumLabels(column->type), parent);
        break;
    case CellEditorKind::ForeignKey: {
        const auto [key, position] = *foreignKeyOf(column->name);
        auto *picker = new ForeignKeyPicker(options, m_pool, key, position, parent);
        picker->setRowValues(rowValues(index, key));
        editor = picker;
        break;
    }
    case CellEditorKind::Json:
        editor = new JsonCellEditor(options, parent);
        break;
    case CellEditorKind::Bytea:
        editor = new ByteaCellEditor(options, parent);
        break;
    }
    // Signals are not const; the delegate is, here, only because createEditor is.
    auto *self = const_cast<CellEditorDelegate *>(this);
    connect(editor, &CellEditor::commitRequested, self, [self, editor] {
        emit self->commitData(editor);
        emit self->closeEditor(editor, QAbstractItemDelegate::NoHint);
    });
    return editor;
}

void CellEditorDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *cell = qobject_cast<CellEditor *>(editor))
        cell->setValue(cellValue(index));
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void CellEditorDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                      const QModelIndex &index) const
{
    if (auto *cell = qobject_cast<CellEditor *>(editor))
        model->setData(index, QVariant::fromValue(cell->value()), CellValueRole);
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

void CellEditorDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                              const QModelIndex &index) const
{
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
    // An editor with buttons, or over several lines, may want more room than the cell has; it
    // grows right and down, and moves left and up to stay in the view.
    QRect area = editor->geometry();
    const QSize wanted = editor->sizeHint();
    area.setWidth(std::max(area.width(), wanted.width()));
    if (qobject_cast<TextAreaCellEditor *>(editor))
        area.setHeight(std::max(area.height(), wanted.height()));
    if (const QWidget *parent = editor->parentWidget()) {
        area.moveRight(std::min(area.right(), parent->width() - 1));
        area.moveBottom(std::min(area.bottom(), parent->height() - 1));
        area.moveTopLeft({std::max(area.left(), 0), std::max(area.top(), 0)});
    }
    editor->setGeometry(area);
}

bool CellEditorDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                   const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip) {
        const QString why = whyNotEditable(index);
        if (!why.isEmpty()) {
            QToolTip::showText(event->globalPos(), why, view ? view->viewport() : nullptr,
                               option.rect);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace mizzle
