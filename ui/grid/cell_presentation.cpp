#include "grid/cell_presentation.h"

#include "connection/query_result.h"

#include <QFont>
#include <QPalette>

namespace mizzle::CellPresentation {

namespace {

// A cell shows at most this much; the whole value stays in the result and under RawValueRole.
constexpr qsizetype displayLimit = 1000;

QString displayText(QByteArrayView bytes)
{
    QString text = QString::fromUtf8(bytes.first(std::min(bytes.size(), displayLimit * 4)));
    if (text.size() > displayLimit)
        text = text.first(displayLimit) + u'…';
    text.replace(u'\n', u'⏎');
    return text;
}

} // namespace

QVariant data(const QueryResult &rows, int row, int column, bool numeric, int role)
{
    const bool null = rows.isNull(row, column);
    switch (role) {
    case Qt::DisplayRole:
        return null ? QStringLiteral("NULL") : displayText(rows.bytes(row, column));
    case Qt::ToolTipRole:
        return null ? QStringLiteral("SQL NULL") : QVariant();
    case RawValueRole:
        return null ? QVariant() : QVariant(rows.text(row, column));
    case Qt::TextAlignmentRole:
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::FontRole:
        if (null) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        return null ? QVariant(QPalette().color(QPalette::Disabled, QPalette::Text)) : QVariant();
    default:
        return {};
    }
}

} // namespace mizzle::CellPresentation
